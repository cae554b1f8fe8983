using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Hosting;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.ScaleOut;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>
/// Several dashboard "instances" in one test process: separate service providers, each wired as the app wires them
/// (<c>AddHestiaClient</c>, <c>AddHestiaLive</c>, <c>AddDashboardDataProtection</c>, <c>AddRedisScaleOut</c>), sharing
/// one demo emulator on loopback HTTP and one real Redis under a key prefix of their own. Hosted services (poller,
/// lease, heartbeat) start only when a test asks.
/// </summary>
internal sealed class ScaleOutCluster : IAsyncDisposable
{
    public const string ServerName = "demo";

    private readonly List<ScaleOutInstance> _instances = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hestiaftp-scaleout-" + Guid.NewGuid().ToString("N"));

    private ScaleOutCluster(HestiaEmulator emulator, EmulatorServer server, RedisServer redis, string keyId, string secret)
    {
        Emulator = emulator;
        Server = server;
        Redis = redis;
        KeyId = keyId;
        Secret = secret;
        Directory.CreateDirectory(_directory);
    }

    public HestiaEmulator Emulator { get; }

    public EmulatorServer Server { get; }

    public RedisServer Redis { get; }

    public string KeyId { get; }

    /// <summary>The keys folder instance number <paramref name="index"/> would use without Redis.</summary>
    public string KeysFolder(int index) => Path.Combine(_directory, "keys-" + index);

    public string Secret { get; }

    /// <summary>Keeps this cluster's keys apart from other tests on the same Redis.</summary>
    public string KeyPrefix { get; } = "test-" + Guid.NewGuid().ToString("N")[..8] + ":";

    public static async Task<ScaleOutCluster> StartAsync(RedisServer redis)
    {
        redis.Require();
        var emulator = HestiaEmulator.CreateDemo();
        var server = await EmulatorServer.StartAsync(emulator, 0);
        var (keyId, secret) = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser);
        return new ScaleOutCluster(emulator, server, redis, keyId, secret);
    }

    /// <summary>A new instance; <paramref name="configure"/> may override configuration keys, <paramref name="services"/> registrations.</summary>
    public ScaleOutInstance AddInstance(Action<IDictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = ServerName,
            ["Hestia:Servers:0:BaseUrl"] = Server.BaseUrl.ToString(),
            ["Hestia:Servers:0:AccessKey"] = KeyId,
            ["Hestia:Servers:0:SecretKey"] = Secret,
            ["Redis:Configuration"] = Redis.Configuration,
            ["Redis:KeyPrefix"] = KeyPrefix,
            ["DataProtection:KeysFolder"] = KeysFolder(_instances.Count),
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var requests = new RecordingHandler();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        collection.AddSingleton(TimeProvider.System);
        collection.AddDashboardDataProtection(configuration, _directory);
        collection.AddHestiaClient(configuration).AddHttpMessageHandler(() => requests.CreateHandler());
        collection.AddHestiaLive(configuration);
        collection.AddRedisScaleOut(configuration);
        services?.Invoke(collection);
        var instance = new ScaleOutInstance(collection.BuildServiceProvider(), logs, requests);
        _instances.Add(instance);
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One dashboard instance of a <see cref="ScaleOutCluster"/>.</summary>
internal sealed class ScaleOutInstance(ServiceProvider services, CapturingLoggerProvider logs, RecordingHandler requests) : IAsyncDisposable
{
    private List<IHostedService>? _started;
    private bool _disposed;

    public IServiceProvider Services => services;

    public CapturingLoggerProvider Logs => logs;

    /// <summary>Every request this instance sent to HestiaCP.</summary>
    public RecordingHandler Requests => requests;

    public RedisConnection Redis => services.GetRequiredService<RedisConnection>();

    public IChangeFeed Feed => services.GetRequiredService<IChangeFeed>();

    public IAccountStore Store => services.GetRequiredService<IAccountStore>();

    public AccountReader Reader => services.GetRequiredService<AccountReader>();

    public IWatchRegistry Registry => services.GetRequiredService<IWatchRegistry>();

    public RedisWatcherLease Lease => services.GetRequiredService<RedisWatcherLease>();

    public IHestiaClientProvider Clients => services.GetRequiredService<IHestiaClientProvider>();

    public int RequestsOf(string command) => requests.All.Count(r => r.Command == command);

    /// <summary>Starts every hosted service (poller, lease, heartbeat, resync), as the host would.</summary>
    public async Task StartAsync()
    {
        _started = [.. services.GetServices<IHostedService>()];
        foreach (var service in _started)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops the hosted services in reverse order, as a host shutting down does (leases are released).</summary>
    public async Task StopAsync()
    {
        if (_started is { } started)
        {
            _started = null;
            foreach (var service in Enumerable.Reverse(started))
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Dies: the process is gone without stopping anything (no lease released, no goodbye to Redis).</summary>
    public async ValueTask CrashAsync()
    {
        _started = null;
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        await services.DisposeAsync();
    }
}
