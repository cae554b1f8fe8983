using System.Collections.Concurrent;
using System.Diagnostics;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.ScaleOut;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Bench;

/// <summary>
/// Table "scaleout": dashboard instances as separate service providers wired as Program wires them (client, live parts,
/// <c>AddRedisScaleOut</c>) on one real redis-server and one emulator. (1) From A's publication of a change (A read it
/// from HestiaCP) to its delivery to every one of N subscribers on B. (2) HestiaCP calls per minute while 1, 2 and 4
/// instances watch the same accounts: one watcher polls for all, so the figure must not grow.
/// </summary>
internal static class ScaleOut
{
    private const int WarmUp = 5;
    private const int Runs = 30;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CallWindow = TimeSpan.FromSeconds(30);
    private static readonly AccountKey Carol = new(ServerName, "carol");
    private static readonly AccountKey[] Watched = [new(ServerName, "alice"), Carol, new(ServerName, "bob")];

    private const string ServerName = "demo";

    public static async Task RunAsync(Report report)
    {
        await using var redis = await BenchRedis.StartAsync();
        var emulator = HestiaEmulator.CreateDemo();
        LatencyModel.Apply(emulator);
        await using var server = await EmulatorServer.StartAsync(emulator, 0);
        var (keyId, secret) = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser);
        Instance Create(string prefix) => Instance.Create(server, keyId, secret, redis.Configuration, prefix);

        report.Line("Delivery from instance A to N subscribers on instance B (Redis pub/sub on loopback; from A's publication to the last subscriber's handler):");
        report.Line();
        var rows = new List<IReadOnlyList<string>>();
        var prefix = "bench-" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using (var a = Create(prefix))
        await using (var b = Create(prefix))
        {
            await a.Reader.ReadAsync(Carol, CancellationToken.None);
            await b.Reader.ReadAsync(Carol, CancellationToken.None, force: true);
            foreach (var n in new[] { 1, 100, 1_000 })
            {
                rows.Add(await DeliveryAsync(emulator, a, b, n));
            }
        }
        report.Table(["N subscribers on B", "median ms", "p95 ms", "runs"], rows, "|---:|---:|---:|---:|");
        report.Line();

        report.Line($"HestiaCP calls per minute with every instance watching the same {Watched.Length} accounts (poll interval {PollInterval.TotalSeconds:0} s, {CallWindow.TotalSeconds:0} s window after the watcher's first tick):");
        report.Line();
        var callRows = new List<IReadOnlyList<string>>();
        foreach (var count in new[] { 1, 2, 4 })
        {
            callRows.Add(await CallsPerMinuteAsync(emulator, count, Create));
        }
        report.Table(["instances", "calls per minute", "calls by instance"], callRows, "|---:|---:|---|");
    }

    private static async Task<IReadOnlyList<string>> DeliveryAsync(HestiaEmulator emulator, Instance a, Instance b, int n)
    {
        var arrivals = new ConcurrentBag<long>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = new List<ILiveSubscription>();
        for (var i = 0; i < n; i++)
        {
            subscriptions.Add(b.Feed.Subscribe(Carol, _ =>
            {
                arrivals.Add(Stopwatch.GetTimestamp());
                if (arrivals.Count == n)
                {
                    done.TrySetResult();
                }
                return Task.CompletedTask;
            }));
        }
        var times = new List<double>();
        for (var run = -WarmUp; run < Runs; run++)
        {
            arrivals.Clear();
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var login = $"carol_so{n}_{run + WarmUp}";
            emulator.Control.AddFtpAccountDirect("carol", "yoga-rivage.fr", login, "/public_html");
            a.Published.Clear();
            await a.Reader.ReadAsync(Carol, CancellationToken.None, force: true);
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (run >= 0 && !a.Published.IsEmpty)
            {
                // From A's first publication of this read (its change) to the last of B's subscribers.
                times.Add(Stopwatch.GetElapsedTime(a.Published.Min(), arrivals.Max()).TotalMilliseconds);
            }
        }
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
        return [n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Stats.F(Stats.Median(times), "0.00"),
            Stats.F(Stats.Percentile(times, 0.95), "0.00"), times.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)];
    }

    private static async Task<IReadOnlyList<string>> CallsPerMinuteAsync(HestiaEmulator emulator, int count, Func<string, Instance> create)
    {
        var prefix = "bench-" + Guid.NewGuid().ToString("N")[..8] + ":";
        var instances = Enumerable.Range(0, count).Select(_ => create(prefix)).ToList();
        var watches = new List<ILiveSubscription>();
        try
        {
            foreach (var instance in instances)
            {
                watches.AddRange(Watched.Select(key => instance.Live.Watch(key, _ => Task.CompletedTask)));
                await instance.StartAsync();
            }
            // Until the watcher's first tick: then every call in the window is the watcher's.
            var started = emulator.CallCounts.Values.Sum();
            while (emulator.CallCounts.Values.Sum() == started)
            {
                await Task.Delay(50);
            }
            await Task.Delay(PollInterval);
            emulator.ResetCallCounts();
            foreach (var instance in instances)
            {
                instance.ResetCalls();
            }
            await Task.Delay(CallWindow);
            var calls = emulator.CallCounts.Values.Sum();
            var perMinute = calls * TimeSpan.FromMinutes(1) / CallWindow;
            return [count.ToString(System.Globalization.CultureInfo.InvariantCulture), Stats.F(perMinute, "0"),
                string.Join(" / ", instances.Select(i => i.Calls))];
        }
        finally
        {
            foreach (var watch in watches)
            {
                watch.Dispose();
            }
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    /// <summary>One dashboard instance's live side: its own service provider, hosted services started on demand.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly CountingHandler _calls = new();
        private List<IHostedService>? _started;

        private Instance(IConfiguration configuration)
        {
            var services = new ServiceCollection();
            services.AddSingleton(configuration);
            services.AddLogging(b => b.ClearProviders());
            services.AddSingleton(TimeProvider.System);
            services.AddHestiaClient(configuration).AddHttpMessageHandler(() => _calls.CreateHandler());
            services.AddHestiaLive(configuration);
            services.AddRedisScaleOut(configuration);
            services.AddSingleton<RedisChangeFeed>();
            services.Replace(ServiceDescriptor.Singleton<IChangeFeed>(sp => new StampedFeed(sp.GetRequiredService<RedisChangeFeed>(), Published)));
            _services = services.BuildServiceProvider();
        }

        /// <summary>When this instance published (Stopwatch timestamps).</summary>
        public ConcurrentStack<long> Published { get; } = new();

        public AccountReader Reader => _services.GetRequiredService<AccountReader>();

        public IChangeFeed Feed => _services.GetRequiredService<IChangeFeed>();

        public ILiveAccounts Live => _services.GetRequiredService<ILiveAccounts>();

        public int Calls => _calls.Count;

        public static Instance Create(EmulatorServer server, string keyId, string secret, string redis, string prefix) =>
            new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hestia:Servers:0:Name"] = ServerName,
                ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
                ["Hestia:Servers:0:AccessKey"] = keyId,
                ["Hestia:Servers:0:SecretKey"] = secret,
                ["Redis:Configuration"] = redis,
                ["Redis:KeyPrefix"] = prefix,
                ["Live:PollInterval"] = PollInterval.ToString(),
            }).Build());

        public void ResetCalls() => _calls.Reset();

        public async Task StartAsync()
        {
            _started = [.. _services.GetServices<IHostedService>()];
            foreach (var service in _started)
            {
                await service.StartAsync(CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in Enumerable.Reverse(_started ?? []))
            {
                await service.StopAsync(CancellationToken.None);
            }
            await _services.DisposeAsync();
        }
    }

    /// <summary>The Redis feed, with the moment of each publication kept.</summary>
    private sealed class StampedFeed(IChangeFeed inner, ConcurrentStack<long> published) : IChangeFeed
    {
        public IReadOnlyList<LiveEvent> RecentEvents => inner.RecentEvents;

        public void Publish(StoreResult result, ServerStatus status)
        {
            published.Push(Stopwatch.GetTimestamp());
            inner.Publish(result, status);
        }

        public void PublishStatus(ServerStatus status, bool announce) => inner.PublishStatus(status, announce);

        public ILiveSubscription Subscribe(AccountKey key, Func<AccountUpdate, Task> handler) => inner.Subscribe(key, handler);

        public ILiveSubscription SubscribeAll(Func<LiveEvent, Task> handler) => inner.SubscribeAll(handler);
    }

    /// <summary>Counts what one instance sent to HestiaCP.</summary>
    private sealed class CountingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public DelegatingHandler CreateHandler() => new Counting(this);

        private sealed class Counting(CountingHandler owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._count);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
