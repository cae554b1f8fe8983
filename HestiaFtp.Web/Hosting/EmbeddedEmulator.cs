using System.Security.Cryptography;
using HestiaFtp.Emulator;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Hosting;

/// <summary>
/// When no HestiaCP server is configured, the dashboard runs on the built-in emulator, seeded with demo data and reached
/// over loopback HTTP through the same client a real panel would be. The emulator's own web server starts with the host
/// (a hosted service registered before everything that calls HestiaCP), so the app is always the first host built.
/// The demo's passwords are published, so it starts only where it can do no harm: in Development, or when asked for with
/// <c>Hestia:Demo=true</c>; anywhere else a missing server stops the start.
/// </summary>
public static class EmbeddedEmulator
{
    public const string ServerName = "demo";

    /// <summary>true: run the demo even outside Development; false: never run it.</summary>
    public const string DemoKey = $"{HestiaOptions.SectionName}:Demo";

    public const string NoServerMessage =
        "No HestiaCP server is configured (Hestia:Servers is empty). Configure one (see README), or set Hestia:Demo=true " +
        "to run on the built-in emulator with its published demo passwords; the demo starts by itself only in Development.";

    // Replaced by the emulator's real loopback address when it has started, before anything calls HestiaCP.
    private const string PendingUrl = "http://127.0.0.1:9/";

    public static bool AddIfNoServerConfigured(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection($"{HestiaOptions.SectionName}:Servers").GetChildren().Any())
        {
            return false;
        }
        var demo = builder.Configuration.GetValue<bool?>(DemoKey);
        if (demo == false || (demo is null && !builder.Environment.IsDevelopment()))
        {
            throw new InvalidOperationException(NoServerMessage);
        }

        var accessKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20);
        var secretKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{HestiaOptions.SectionName}:Servers:0:Name"] = ServerName,
            [$"{HestiaOptions.SectionName}:Servers:0:BaseUrl"] = PendingUrl,
            [$"{HestiaOptions.SectionName}:Servers:0:AccessKey"] = accessKey,
            [$"{HestiaOptions.SectionName}:Servers:0:SecretKey"] = secretKey,
            ["Dashboard:SupportUsers:0"] = "support",
        });
        builder.Services.AddSingleton(_ =>
        {
            var emulator = HestiaEmulator.CreateDemo();
            emulator.Control.AddAccessKey("admin", accessKey, secretKey);
            return emulator;
        });
        builder.Services.AddSingleton<EmbeddedEmulatorHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedEmulatorHost>());
        return true;
    }
}

/// <summary>Starts the emulator's loopback HTTP server with the host and points the demo server's options at it.</summary>
public sealed class EmbeddedEmulatorHost(HestiaEmulator emulator, IOptions<HestiaOptions> options) : IHostedService, IAsyncDisposable
{
    private EmulatorServer? _server;

    public Uri? BaseUrl => _server?.BaseUrl;

    /// <summary>The emulator's web server (browser tests switch its outage modes), null before start.</summary>
    public EmulatorServer? Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _server = await EmulatorServer.StartAsync(emulator, 0, cancellationToken);
        options.Value.Servers.Single(s => s.Name == EmbeddedEmulator.ServerName).BaseUrl = _server.BaseUrl;
        // The console, not the log pipeline: these are the emulator's fixed demo credentials, never real ones.
        Console.WriteLine($"""

            HestiaFtp is running on the built-in HestiaCP emulator ({_server.BaseUrl}api/), with demo data.
            Demo sign-ins (user / password):
              alice   / Alice-Demo-2026     customer, 3 domains (one suspended, one with SSL)
              carol   / Carol-Demo-2026     customer, agency with dozens of FTP accounts
              bob     / Bob-Demo-2026       suspended customer (HestiaCP refuses the sign-in)
              support / Support-Demo-2026   support staff, read-only
              admin   / Admin-Demo-2026     HestiaCP admin, read-only support view
            Configure Hestia:Servers to use a real HestiaCP server instead (see README).

            """);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
