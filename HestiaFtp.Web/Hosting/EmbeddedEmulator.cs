using System.Security.Cryptography;
using HestiaFtp.Core.Emulator;
using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Web.Hosting;

/// <summary>
/// When no HestiaCP server is configured, the dashboard runs on the built-in emulator: started on a loopback port before
/// the host is built, seeded with demo data, and reached through the same HTTP client a real panel would be.
/// </summary>
public static class EmbeddedEmulator
{
    public const string ServerName = "demo";

    public static async Task<EmulatorServer?> StartIfNoServerConfiguredAsync(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection($"{HestiaOptions.SectionName}:Servers").GetChildren().Any();
        if (configured)
        {
            return null;
        }
        var emulator = HestiaEmulator.CreateDemo();
        var accessKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20);
        var secretKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        emulator.Control.AddAccessKey("admin", accessKey, secretKey, []);
        var server = await EmulatorServer.StartAsync(emulator, 0);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{HestiaOptions.SectionName}:Servers:0:Name"] = ServerName,
            [$"{HestiaOptions.SectionName}:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
            [$"{HestiaOptions.SectionName}:Servers:0:AccessKey"] = accessKey,
            [$"{HestiaOptions.SectionName}:Servers:0:SecretKey"] = secretKey,
            ["Dashboard:SupportUsers:0"] = "support",
        });
        // Registered through factories so the host's container disposes the server when the app stops.
        builder.Services.AddSingleton(_ => server);
        builder.Services.AddSingleton(_ => emulator);
        return server;
    }

    /// <summary>
    /// The demo sign-ins, written to the console (not the log pipeline: these are fixed demo credentials of the built-in
    /// emulator, never real ones).
    /// </summary>
    public static void PrintDemoAccounts(EmulatorServer server)
    {
        Console.WriteLine($"""

            HestiaFtp is running on the built-in HestiaCP emulator ({server.BaseUrl}api/), with demo data.
            Demo sign-ins (user / password):
              alice   / Alice-Demo-2026     customer, 3 domains (one suspended, one with SSL)
              carol   / Carol-Demo-2026     customer, agency with dozens of FTP accounts
              bob     / Bob-Demo-2026       suspended customer (HestiaCP refuses the sign-in)
              support / Support-Demo-2026   support staff, read-only
              admin   / Admin-Demo-2026     HestiaCP admin, read-only support view
            Configure Hestia:Servers to use a real HestiaCP server instead (see README).

            """);
    }
}
