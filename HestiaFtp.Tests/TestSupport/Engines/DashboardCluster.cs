using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;

namespace HestiaFtp.Tests.TestSupport.Engines;

/// <summary>
/// Two dashboard instances (<see cref="DashboardProcess"/> A and B) over one HestiaCP panel (the demo emulator on loopback,
/// in this process, so the test reads its counters), sharing what a real deployment shares: the data-protection key folder,
/// the database when a PostgreSQL connection string is given, Redis when a configuration is given; 127.0.0.1 is their
/// trusted proxy (nginx).
/// </summary>
public sealed class DashboardCluster : IAsyncDisposable
{
    public const string ServerName = "demo";

    private readonly string _root;

    private DashboardCluster(string root, HestiaEmulator emulator, EmulatorServer server)
    {
        _root = root;
        Emulator = emulator;
        Server = server;
    }

    public HestiaEmulator Emulator { get; }

    public EmulatorServer Server { get; }

    /// <summary>The access key id instance A uses (its calls in <see cref="HestiaEmulator.Calls"/>).</summary>
    public string AccessKeyA { get; private set; } = "";

    public string AccessKeyB { get; private set; } = "";

    public DashboardProcess A { get; private set; } = default!;

    public DashboardProcess B { get; private set; } = default!;

    /// <param name="postgreSql">Audit:ConnectionString of both instances; null: each its own SQLite file.</param>
    /// <param name="redis">Redis:Configuration of both instances; null: none.</param>
    /// <param name="extra">More settings for both instances.</param>
    public static async Task<DashboardCluster> StartAsync(string? postgreSql = null, string? redis = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "hestiaftp-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var emulator = HestiaEmulator.CreateDemo();
        var server = await EmulatorServer.StartAsync(emulator, 0);
        var cluster = new DashboardCluster(root, emulator, server);
        try
        {
            // An access key per instance, so the emulator's CallRecord tells which instance sent what.
            var keys = new Dictionary<string, (string Id, string Secret)>
            {
                ["a"] = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser),
                ["b"] = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser),
            };
            cluster.AccessKeyA = keys["a"].Id;
            cluster.AccessKeyB = keys["b"].Id;
            Dictionary<string, string?> Settings(string name)
            {
                var (keyId, secret) = keys[name];
                var settings = new Dictionary<string, string?>
                {
                    ["Hestia:Servers:0:Name"] = ServerName,
                    ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
                    ["Hestia:Servers:0:AccessKey"] = keyId,
                    ["Hestia:Servers:0:SecretKey"] = secret,
                    ["Dashboard:SupportUsers:0"] = "support",
                    ["Dashboard:TrustedProxies:0"] = "127.0.0.1",
                    ["DataProtection:KeysFolder"] = Path.Combine(root, "keys"),
                    ["Audit:Path"] = Path.Combine(root, name, "audit.db"),
                    ["Audit:ConnectionString"] = postgreSql,
                    ["Redis:Configuration"] = redis,
                };
                foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
                {
                    settings[key] = value;
                }
                return settings;
            }
            // One after the other: the second start is the one that finds the database already migrated.
            cluster.A = await DashboardProcess.StartAsync("A", Settings("a"));
            cluster.B = await DashboardProcess.StartAsync("B", Settings("b"));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
