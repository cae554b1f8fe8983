using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Core.Emulator;

/// <summary>Kestrel on loopback serving <see cref="HestiaEmulator"/> at <c>/api/</c> and <c>/api/index.php</c> (plain HTTP).</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, HestiaEmulator emulator, Uri baseUrl)
    {
        _app = app;
        Emulator = emulator;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. <c>http://127.0.0.1:43121/</c>; requests go to <c>BaseUrl + "api/"</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The emulator behind the server.</summary>
    public HestiaEmulator Emulator { get; }

    /// <summary>Starts the server on 127.0.0.1 (port 0 = any free port).</summary>
    public static async Task<EmulatorServer> StartAsync(HestiaEmulator emulator, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, port);
            o.AddServerHeader = false;
        });
        var app = builder.Build();
        RequestDelegate handler = context => HandleAsync(emulator, context);
        app.Map("/api/", handler);
        app.Map("/api/index.php", handler);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address.EndsWith('/') ? address : address + "/");
        return new EmulatorServer(app, emulator, new Uri($"http://127.0.0.1:{uri.Port}/"));
    }

    private static async Task HandleAsync(HestiaEmulator emulator, HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        string raw;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, false, 4096, leaveOpen: true))
        {
            raw = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        request.Body.Position = 0;
        List<KeyValuePair<string, string>>? form = null;
        if (request.HasFormContentType)
        {
            var collection = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            form = [.. collection.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? "")))];
        }

        var remote = context.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }

        var emulatorRequest = new EmulatorRequest(request.Method, request.ContentType, form, raw, remote?.ToString() ?? "");
        EmulatorResponse response;
        try
        {
            response = await emulator.HandleAsync(emulatorRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = response.Status;
        if (response.ExitCodeHeader is { } exit)
        {
            context.Response.Headers["Hestia-Exit-Code"] = exit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = response.ContentType;
        if (response.Status != StatusCodes.Status204NoContent && response.Body.Length > 0)
        {
            await context.Response.WriteAsync(response.Body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Stops Kestrel.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
