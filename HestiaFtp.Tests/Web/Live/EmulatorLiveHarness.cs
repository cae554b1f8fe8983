using HestiaFtp.Core.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Live;

/// <summary>
/// The real stack over loopback HTTP: the HestiaCP emulator behind Kestrel, the real client from
/// <c>AddHestiaClient(configuration)</c> (an access key made on the emulator), <see cref="LiveAccounts"/> and
/// <see cref="HestiaWatcher"/> on a fake clock. The client keeps the system clock, so its timeouts and retry pauses
/// are real and short, while the watcher's interval and backoff only move when a test advances the fake clock.
/// </summary>
internal sealed class EmulatorLiveHarness : IAsyncDisposable
{
    public const string ServerName = "demo";

    private readonly ServiceProvider _services;
    private bool _started;

    private EmulatorLiveHarness(HestiaEmulator emulator, EmulatorServer server, ServiceProvider services, LiveOptions options)
    {
        Emulator = emulator;
        Server = server;
        _services = services;
        Options = options;
        Clients = services.GetRequiredService<IHestiaClientProvider>();
        Live = new LiveAccounts(Clients, Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<LiveAccounts>.Instance);
        Watcher = new HestiaWatcher(Live, Time, NullLogger<HestiaWatcher>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public HestiaEmulator Emulator { get; }

    public EmulatorControl Control => Emulator.Control;

    /// <summary>The running HTTP server; replaced by <see cref="RestartServerAsync"/>, null while stopped.</summary>
    public EmulatorServer? Server { get; private set; }

    public int Port { get; private set; }

    public IHestiaClientProvider Clients { get; }

    public IHestiaClient Client => Clients.Get(ServerName);

    public LiveOptions Options { get; }

    public LiveAccounts Live { get; }

    public HestiaWatcher Watcher { get; }

    public static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Starts the demo emulator (admin, alice, bob, carol, support) on a free loopback port.</summary>
    public static async Task<EmulatorLiveHarness> StartAsync(Action<LiveOptions>? configure = null, HestiaEmulator? emulator = null)
    {
        emulator ??= HestiaEmulator.CreateDemo();
        var (keyId, secret) = emulator.Control.CreateAccessKey("admin");
        var server = await EmulatorServer.StartAsync(emulator, 0, Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = ServerName,
            ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Hestia:Servers:0:AccessKey"] = keyId,
            ["Hestia:Servers:0:SecretKey"] = secret,
            ["Hestia:Servers:0:ReadRetries"] = "1",
            ["Hestia:Servers:0:ReadTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddHestiaClient(configuration);
        var options = new LiveOptions();
        configure?.Invoke(options);
        return new EmulatorLiveHarness(emulator, server, services.BuildServiceProvider(), options) { Port = server.BaseUrl.Port };
    }

    public async Task StartWatcherAsync()
    {
        await Watcher.StartAsync(Ct);
        _started = true;
        await Watcher.WaitForIdleAsync(ServerName, 0, Ct).WaitAsync(LiveHarness.Guard, Ct);
    }

    /// <summary>Advances the fake clock and, when a tick is due, waits until the loop has finished it (HTTP included).</summary>
    public async Task AdvanceAsync(TimeSpan by, bool expectTick = true)
    {
        var before = Watcher.GetTicks(ServerName);
        Time.Advance(by);
        if (expectTick)
        {
            await Watcher.WaitForIdleAsync(ServerName, before + 1, Ct).WaitAsync(LiveHarness.Guard, Ct);
        }
    }

    public Task TickAsync() => AdvanceAsync(Options.PollInterval);

    public async Task TicksAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await TickAsync();
        }
    }

    /// <summary>Stops Kestrel: the port refuses connections, like a panel that is down.</summary>
    public async Task StopServerAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null;
        }
    }

    /// <summary>Starts a new HTTP server for the same emulator (same state) on the same port.</summary>
    public async Task RestartServerAsync()
    {
        Server = await EmulatorServer.StartAsync(Emulator, Port, Ct);
    }

    public int Calls(string command) => Emulator.CallCounts.GetValueOrDefault(command);

    public int TotalCalls => Emulator.CallCounts.Values.Sum();

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Watcher.StopAsync(CancellationToken.None);
        }

        Watcher.Dispose();
        await StopServerAsync();
        await _services.DisposeAsync();
    }
}
