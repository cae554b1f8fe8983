using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace HestiaFtp.Tests.Web.Live;

/// <summary>
/// The live parts over the real client and the demo emulator on loopback HTTP: store, feed, registry, server health (as
/// the client's call observer), the shared reader, the poller and the facade, wired as <c>AddHestiaLive</c> wires them but
/// on a fake clock, so intervals, the coalescing window and probe pacing move only when a test advances it. The client
/// keeps the system clock (its timeouts are real and short).
/// </summary>
internal sealed class LiveStack : IAsyncDisposable
{
    public const string ServerName = "demo";

    private readonly ServiceProvider _services;

    private LiveStack(HestiaEmulator emulator, EmulatorServer server, ServiceProvider services, LiveOptions options, FakeTimeProvider time,
        InProcessChangeFeed feed, ServerHealth health)
    {
        Emulator = emulator;
        Server = server;
        _services = services;
        Options = options;
        Time = time;
        Feed = feed;
        Health = health;
        Clients = services.GetRequiredService<IHestiaClientProvider>();
        var wrapped = MsOptions.Create(options);
        Reader = new AccountReader(Clients, Store, Feed, Health, wrapped, time, NullLogger<AccountReader>.Instance);
        Poller = new HestiaPoller(Clients, Reader, Store, Registry, Health, wrapped, time, NullLogger<HestiaPoller>.Instance);
        Live = new LiveAccounts(Clients, Reader, Store, Feed, Registry, Health, wrapped, time);
    }

    public static AccountKey Alice { get; } = new(ServerName, "alice");

    public static AccountKey Carol { get; } = new(ServerName, "carol");

    public HestiaEmulator Emulator { get; }

    public EmulatorControl Control => Emulator.Control;

    public EmulatorServer Server { get; }

    public LiveOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public IHestiaClientProvider Clients { get; }

    public InProcessAccountStore Store { get; } = new();

    public InProcessChangeFeed Feed { get; }

    public InProcessWatchRegistry Registry { get; } = new();

    public ServerHealth Health { get; }

    public AccountReader Reader { get; }

    public HestiaPoller Poller { get; }

    public LiveAccounts Live { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the demo emulator (admin, alice, bob (suspended), carol, support) and the live parts.</summary>
    public static async Task<LiveStack> StartAsync(Action<LiveOptions>? configure = null, Action<Dictionary<string, string?>>? settings = null)
    {
        var emulator = HestiaEmulator.CreateDemo();
        var (keyId, secret) = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser);
        var server = await EmulatorServer.StartAsync(emulator, 0, Ct);
        var values = new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = ServerName,
            ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Hestia:Servers:0:AccessKey"] = keyId,
            ["Hestia:Servers:0:SecretKey"] = secret,
            ["Hestia:Servers:0:ReadRetries"] = "0",
        };
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new LiveOptions();
        configure?.Invoke(options);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var feed = new InProcessChangeFeed(MsOptions.Create(options), time, NullLogger<InProcessChangeFeed>.Instance);
        var hestia = new HestiaOptions();
        configuration.GetSection(HestiaOptions.SectionName).Bind(hestia);
        var health = new ServerHealth(MsOptions.Create(hestia), feed, time, MsOptions.Create(options), NullLogger<ServerHealth>.Instance);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHestiaCallObserver>(health);
        services.AddHestiaClient(configuration);
        return new LiveStack(emulator, server, services.BuildServiceProvider(), options, time, feed, health);
    }

    /// <summary>Calls the emulator counted for <paramref name="command"/> since the last <see cref="ResetCalls"/>.</summary>
    public int Calls(string command) => Emulator.CallCounts.GetValueOrDefault(command);

    public int TotalCalls => Emulator.CallCounts.Values.Sum();

    public void ResetCalls() => Emulator.ResetCallCounts();

    /// <summary>The sign-in's user read, as <c>SignInService</c> feeds it, without counting a call.</summary>
    public void SignIn(AccountKey key) =>
        Reader.ApplySignIn(key, new HestiaUser(key.User, "user", false, 0, 0, key.User, "default"));

    public async ValueTask DisposeAsync()
    {
        Poller.Dispose();
        await Server.DisposeAsync();
        await _services.DisposeAsync();
    }
}

/// <summary>Collects what a subscription receives, and lets a test await the next item.</summary>
internal sealed class Received<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    public Task Handle(T item)
    {
        List<TaskCompletionSource<T>> done = [];
        lock (_gate)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        done.ForEach(d => d.TrySetResult(item));
        return Task.CompletedTask;
    }

    /// <summary>The first item (already received or still to come) that matches; bounded by a generous guard, not a timing assumption.</summary>
    public Task<T> FirstAsync(Func<T, bool> match)
    {
        lock (_gate)
        {
            if (_items.FirstOrDefault(match) is { } found && !EqualityComparer<T>.Default.Equals(found, default))
            {
                return Task.FromResult(found);
            }

            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
    }
}
