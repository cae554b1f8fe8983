using System.Diagnostics;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace HestiaFtp.Bench;

/// <summary>
/// Table 5: what one poller tick costs HestiaCP, by users on the server and what is watched. The live parts run on a fake
/// clock (moved by one interval between ticks, as the loop would wait) and the ticks are called directly
/// (<see cref="HestiaPoller.TickAsync"/>); the client, the emulator and its latency model run on the system clock. The
/// emulated PHP time is the sum of the latency model's delays, read from the emulator's own TimeProvider.
/// </summary>
internal static class PollerCost
{
    private const string ServerName = "bench";
    private const int DomainsPerUser = 2;
    private const int Ticks = 3;

    public static async Task RunAsync(Report report)
    {
        var options = new LiveOptions();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var users in new[] { 1, 10, 100, 1000 })
        {
            var delays = new DelayRecorder();
            var emulator = HestiaEmulator.Create(Seed(users), delays);
            var (keyId, secret) = emulator.Control.CreateAccessKey("admin");
            LatencyModel.Apply(emulator);
            await using var server = await EmulatorServer.StartAsync(emulator, 0);
            foreach (var (name, watched, staff) in new[] { ("1 watched account", 1, false), ("10 watched accounts", 10, false), ("25 watched accounts", 25, false), ("staff page", 0, true) })
            {
                if (watched > users)
                {
                    continue;
                }

                await using var parts = LiveParts.Create(server, keyId, secret, options);
                var subscriptions = new List<ILiveSubscription>();
                for (var i = 0; i < watched; i++)
                {
                    // A page opens: the sign-in fed the store with the user, the page reads the domains and watches.
                    var key = new AccountKey(ServerName, UserName(i));
                    parts.Reader.ApplySignIn(key, new HestiaUser(key.User, "user", false, 0, DomainsPerUser, key.User, "default"));
                    await parts.Live.GetAsync(key, CancellationToken.None);
                    subscriptions.Add(parts.Live.Watch(key, _ => Task.CompletedTask));
                }

                var opened = "";
                if (staff)
                {
                    try
                    {
                        await parts.Live.GetOverviewAsync(ServerName, CancellationToken.None);
                    }
                    catch (HestiaException ex)
                    {
                        opened = $"the page's own v-list-users failed ({ex.Code}); ";
                    }

                    subscriptions.Add(parts.Live.WatchAll(_ => Task.CompletedTask));
                }

                var delay = options.PollInterval;
                for (var tick = 1; tick <= Ticks; tick++)
                {
                    parts.Time.Advance(delay);
                    emulator.ResetCallCounts();
                    delays.Reset();
                    var wall = Stopwatch.StartNew();
                    delay = await parts.Poller.TickAsync(ServerName, CancellationToken.None);
                    wall.Stop();
                    var counts = emulator.CallCounts;
                    var status = parts.Health.Get(ServerName);
                    var choice = counts.ContainsKey(HestiaCommands.ListUsers) ? "v-list-users"
                        : counts.ContainsKey(HestiaCommands.ListUser) ? "v-list-user ×" + counts[HestiaCommands.ListUser]
                        : "none";
                    rows.Add(
                    [
                        users.ToString("N0"), name, tick.ToString(), choice, counts.Values.Sum().ToString(),
                        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")),
                        Stats.F(delays.Total.TotalSeconds, "0.00"), Stats.F(wall.Elapsed.TotalSeconds, "0.00"), Stats.F(delay.TotalSeconds, "0.0"),
                        (tick == 1 ? opened : "") + (status.Reachable ? "reachable" : $"**unreachable** ({status.LastError})"),
                    ]);
                }

                subscriptions.ForEach(s => s.Dispose());
            }
        }

        report.Line("## 5. Poller cost per tick");
        report.Line();
        report.Line(Conditions.Describe($"HestiaPoller.TickAsync called directly, live parts on a fake clock moved by the returned delay between ticks " +
            $"(so the {options.CoalesceWindow.TotalSeconds:0} s coalescing window never hides a read); each user has {DomainsPerUser} web domains with 2 FTP accounts each; " +
            $"LiveOptions defaults (CostPerCall {options.CostPerCall.TotalMilliseconds:0} ms, CostPerListedUser {options.CostPerListedUser.TotalMilliseconds:0} ms, " +
            $"CallBudgetPerSecond {options.CallBudgetPerSecond:0}, ConcurrentReadsPerServer {options.ConcurrentReadsPerServer}, staff sweep " +
            $"{options.ChangedReadsPerTick} changed + {options.SweepReadsPerTick} stalest); client ReadDeadline 5 s, no retries counted separately"));
        report.Line();
        report.Line("Before the first tick the watched accounts' pages were opened (sign-in + one read each; the staff page reads v-list-users). " +
            "PHP time = the sum of the latency model's delays of the tick's calls (what the panel's PHP workers spent), wall = the tick's duration, " +
            "next = the delay TickAsync returned:");
        report.Line();
        report.Table(["users", "watched", "tick", "user read chosen", "calls", "by command", "PHP time s", "wall s", "next s", "server after the tick"],
            rows, "llrlrlrrrl");

        report.Line($"Where the {options.PollInterval.TotalSeconds:0} s bound holds at {options.CallBudgetPerSecond:0} calls/s " +
            "(derived from HestiaPoller.PerUserReadsAreCheaper and NextDelay, once the store knows every user of the server; " +
            "calls per tick = the user read(s) + one v-list-web-domains per watched account):");
        report.Line();
        var watchedCounts = new[] { 1, 5, 10, 11, 15, 19, 20, 30, 50, 100, 200 };
        var boundRows = new List<IReadOnlyList<string>>();
        foreach (var known in new[] { 10, 100, 1000 })
        {
            boundRows.Add([known.ToString("N0"), .. watchedCounts.Select(w =>
            {
                var perUser = HestiaPoller.PerUserReadsAreCheaper(options, w, known);
                var calls = perUser ? 2 * w : w + 1;
                return $"{HestiaPoller.NextDelay(options, calls).TotalSeconds:0.#} s ({(perUser ? "per-user" : "list")}, {calls})";
            })]);
        }

        report.Table(["users known", .. watchedCounts.Select(w => $"{w} watched")], boundRows, "l");
        var limits = new[] { 10, 100, 1000 }.Select(known =>
        {
            var last = 0;
            for (var w = 1; w <= 500; w++)
            {
                var calls = HestiaPoller.PerUserReadsAreCheaper(options, w, known) ? 2 * w : w + 1;
                if (HestiaPoller.NextDelay(options, calls) > options.PollInterval)
                {
                    break;
                }

                last = w;
            }

            return $"{known:N0} users: up to {last} watched accounts";
        });
        report.Line($"The {options.PollInterval.TotalSeconds:0} s interval holds with {string.Join("; ", limits)}. Beyond that the wait after a tick is " +
            $"calls / {options.CallBudgetPerSecond:0} s: it grows linearly with the watched accounts (2 calls each on the per-user path, 1 each plus one list on the list path).");
        report.Line();
    }

    private static string UserName(int i) => $"user{i:0000}";

    private static EmulatorSeed Seed(int users)
    {
        var seedUsers = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal)
        {
            ["admin"] = new() { Role = "admin", Password = "Admin-Bench-2026" },
        };
        for (var a = 0; a < users; a++)
        {
            var user = UserName(a);
            seedUsers[user] = new EmulatorSeedUser
            {
                Role = "user",
                Password = $"Bench-{a:0000}-Password",
                Domains = Enumerable.Range(0, DomainsPerUser).ToDictionary(
                    d => $"site{d}.{user}.example",
                    d => new EmulatorSeedDomain
                    {
                        Ip = "203.0.113.10",
                        FtpAccounts = [.. Enumerable.Range(0, 2).Select(f => new EmulatorSeedFtpAccount($"{user}_f{d}x{f}", f == 0 ? "" : "/public_html", $"Ftp-{a}-{d}-{f}-Bench"))],
                    },
                    StringComparer.Ordinal),
            };
        }

        return new EmulatorSeed
        {
            RootUser = "admin",
            Config = new EmulatorSeedConfig { Api = "yes", ApiSystem = 1, ApiAllowedIp = "127.0.0.1,::1" },
            Users = seedUsers,
        };
    }

    /// <summary>The live parts as AddHestiaLive wires them, on a fake clock, over the real client on the system clock.</summary>
    private sealed class LiveParts : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private LiveParts(ServiceProvider services, FakeTimeProvider time, ServerHealth health, AccountReader reader, HestiaPoller poller, LiveAccounts live)
        {
            _services = services;
            Time = time;
            Health = health;
            Reader = reader;
            Poller = poller;
            Live = live;
        }

        public FakeTimeProvider Time { get; }

        public ServerHealth Health { get; }

        public AccountReader Reader { get; }

        public HestiaPoller Poller { get; }

        public LiveAccounts Live { get; }

        public static LiveParts Create(EmulatorServer server, string keyId, string secret, LiveOptions options)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hestia:Servers:0:Name"] = ServerName,
                ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
                ["Hestia:Servers:0:AccessKey"] = keyId,
                ["Hestia:Servers:0:SecretKey"] = secret,
            }).Build();
            var hestia = new HestiaOptions();
            configuration.GetSection(HestiaOptions.SectionName).Bind(hestia);
            var wrapped = MsOptions.Create(options);
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
            var feed = new InProcessChangeFeed(wrapped, time, NullLogger<InProcessChangeFeed>.Instance);
            var health = new ServerHealth(MsOptions.Create(hestia), feed, time, wrapped, NullLogger<ServerHealth>.Instance);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<IHestiaCallObserver>(health);
            services.AddHestiaClient(configuration);
            var provider = services.BuildServiceProvider();
            var clients = provider.GetRequiredService<IHestiaClientProvider>();
            var store = new InProcessAccountStore();
            var registry = new InProcessWatchRegistry();
            var reader = new AccountReader(clients, store, feed, health, wrapped, time, NullLogger<AccountReader>.Instance);
            var poller = new HestiaPoller(clients, reader, store, registry, health, wrapped, time, NullLogger<HestiaPoller>.Instance);
            var live = new LiveAccounts(clients, reader, store, feed, registry, health, wrapped, time);
            return new LiveParts(provider, time, health, reader, poller, live);
        }

        public async ValueTask DisposeAsync()
        {
            Poller.Dispose();
            await _services.DisposeAsync();
        }
    }
}

/// <summary>The system clock, adding up every timer's due time: the emulator's latency model waits on it.</summary>
internal sealed class DelayRecorder : TimeProvider
{
    private long _ticks;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public void Reset() => Interlocked.Exchange(ref _ticks, 0);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Add(ref _ticks, dueTime.Ticks);
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
