using System.Diagnostics;
using System.Runtime.InteropServices;
using HestiaFtp.Core.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

// HestiaFtp live benchmark, against the HestiaCP emulator behind Kestrel on loopback, through the real client
// (AddHestiaClient: RestSharp over the pooled SocketsHttpHandler, access key auth).
// 1. HestiaCP calls per minute made by the shared watcher, by accounts on the server and what is watched: the watcher
//    runs on a fake clock advanced tick by tick over simulated minutes; the calls are the emulator's own CallCounts.
// 2. Fan-out latency: from a dashboard change (RefreshDomainAsync after an add/delete through the client, HTTP read
//    included) to the last of N circuits watching the account, wall-clock Stopwatch on real threads.
const string Server = "bench";
var minutes = args.Length > 0 && int.TryParse(args[0], out var m) ? m : 10;
var options = new LiveOptions();
var total = Stopwatch.StartNew();

Console.WriteLine($"Conditions: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, " +
    "HestiaCP emulator (HestiaFtp.Core.Emulator) on Kestrel 127.0.0.1, real HestiaClient over loopback HTTP.");
Console.WriteLine();
Console.WriteLine($"# Watcher cost: HestiaCP calls per minute (poll interval {options.PollInterval.TotalSeconds:0} s, " +
    $"staff sweep {options.SweepReadsPerTick}/tick, changed reads <= {options.ChangedReadsPerTick}/tick, {minutes} simulated minutes, " +
    "2 web domains x 2 FTP accounts per account; counted by the emulator)");
Console.WriteLine();
Console.WriteLine("| accounts | watching | v-list-users/min | v-list-web-domains/min | total calls/min | v-list-users bytes | wall s |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
foreach (var accounts in new[] { 10, 100, 1000 })
{
    var emulator = HestiaEmulator.Create(Seed(accounts));
    await using var http = await Loopback.StartAsync(emulator, Server);
    _ = await http.Client.ListUsersAsync(CancellationToken.None); // warm the connection pool
    var listBytes = await ListUsersBytesAsync(http.Server.BaseUrl, http.KeyId, http.Secret);
    var scenarios = new List<(string Name, int Circuits, int Accounts, bool Staff, double Churn)>
    {
        ("nobody (0 watchers)", 0, 0, false, 0),
        ("1 circuit, 1 account", 1, 1, false, 0),
        ("10 circuits, same account", 10, 1, false, 0),
        ("10 circuits, 10 accounts", 10, 10, false, 0),
        ("staff page", 0, 0, true, 0),
        ("staff page, 1% of accounts change per tick", 0, 0, true, 0.01),
    };
    foreach (var s in scenarios)
    {
        var wall = Stopwatch.StartNew();
        var (users, domains) = await MeasureCallsPerMinuteAsync(emulator, http.Clients, accounts, s.Circuits, s.Accounts, s.Staff, s.Churn, minutes);
        Console.WriteLine($"| {accounts} | {s.Name} | {users:0.#} | {domains:0.#} | {users + domains:0.#} | {listBytes:N0} | {wall.Elapsed.TotalSeconds:0.0} |");
    }
}

Console.WriteLine();
Console.WriteLine("# Fan-out latency: dashboard change to the last of N circuits watching the account");
Console.WriteLine("# (clock starts after v-add-web-domain-ftp / v-delete-web-domain-ftp returned; includes RefreshDomainAsync's");
Console.WriteLine("#  v-list-web-domain over HTTP, diff, and delivery to every subscriber's handler; alternating add/delete; 20 warm-up runs)");
Console.WriteLine();
Console.WriteLine("| circuits | runs | median ms | p95 ms | max ms | of which HTTP read (RefreshDomainAsync) median ms | mutation median ms |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
{
    var emulator = HestiaEmulator.Create(Seed(10));
    await using var http = await Loopback.StartAsync(emulator, Server);
    foreach (var circuits in new[] { 1, 10, 100 })
    {
        var r = await MeasureFanOutAsync(http.Clients, circuits, runs: 200);
        Console.WriteLine($"| {circuits} | {r.Runs} | {r.Median:0.000} | {r.P95:0.000} | {r.Max:0.000} | {r.RefreshMedian:0.000} | {r.MutationMedian:0.000} |");
    }
}

Console.WriteLine();
Console.WriteLine($"Total wall time {total.Elapsed.TotalSeconds:0.0} s.");

static EmulatorSeed Seed(int accounts)
{
    var users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal)
    {
        ["admin"] = new() { Role = "admin", Password = "Admin-Bench-2026" },
    };
    for (var a = 0; a < accounts; a++)
    {
        var user = $"user{a:0000}";
        users[user] = new EmulatorSeedUser
        {
            Role = "user",
            Password = $"Bench-{a:0000}-Password",
            Domains = Enumerable.Range(0, 2).ToDictionary(
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
        Users = users,
    };
}

static async Task<int> ListUsersBytesAsync(Uri baseUrl, string keyId, string secret)
{
    using var client = new HttpClient();
    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["access_key"] = keyId, ["secret_key"] = secret, ["cmd"] = HestiaCommands.ListUsers, ["arg1"] = "json",
    });
    using var response = await client.PostAsync(new Uri(baseUrl, "api/"), form);
    return (await response.Content.ReadAsByteArrayAsync()).Length;
}

static async Task<(double UsersPerMinute, double DomainsPerMinute)> MeasureCallsPerMinuteAsync(
    HestiaEmulator emulator, IHestiaClientProvider clients, int accounts, int circuits, int watchedAccounts, bool staff, double churn, int minutes)
{
    var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    var options = new LiveOptions();
    var live = new LiveAccounts(clients, Options.Create(options), time, NullLogger<LiveAccounts>.Instance);
    using var watcher = new HestiaWatcher(live, time, NullLogger<HestiaWatcher>.Instance);
    var subscriptions = new List<ILiveSubscription>();
    for (var i = 0; i < circuits; i++)
    {
        subscriptions.Add(live.Watch(new AccountKey(Server, $"user{i % watchedAccounts:0000}"), _ => Task.CompletedTask));
    }

    if (staff)
    {
        subscriptions.Add(live.WatchAll(_ => Task.CompletedTask));
    }

    await watcher.StartAsync(CancellationToken.None);
    await watcher.WaitForIdleAsync(Server, 0, CancellationToken.None);

    // One warm-up tick so the first v-list-users (which has nothing to compare with) is not counted.
    await TickAsync(watcher, time, options.PollInterval);
    emulator.ResetCallCounts();

    var ticks = (int)(TimeSpan.FromMinutes(minutes) / options.PollInterval);
    var changesPerTick = (int)Math.Round(accounts * churn);
    var next = 0;
    var suspended = new HashSet<string>(StringComparer.Ordinal);
    for (var t = 0; t < ticks; t++)
    {
        for (var c = 0; c < changesPerTick; c++)
        {
            var user = $"user{next++ % accounts:0000}";
            var domain = $"site0.{user}.example";
            if (suspended.Add(user))
            {
                emulator.Control.SuspendWebDomain(user, domain);
            }
            else
            {
                suspended.Remove(user);
                emulator.Control.UnsuspendWebDomain(user, domain);
            }
        }

        await TickAsync(watcher, time, options.PollInterval);
    }

    await watcher.StopAsync(CancellationToken.None);
    subscriptions.ForEach(s => s.Dispose());
    foreach (var user in suspended)
    {
        emulator.Control.UnsuspendWebDomain(user, $"site0.{user}.example");
    }

    var counts = emulator.CallCounts;
    var others = counts.Keys.Except([HestiaCommands.ListUsers, HestiaCommands.ListWebDomains]).ToList();
    if (others.Count > 0)
    {
        throw new InvalidOperationException($"Unexpected commands during the watcher run: {string.Join(", ", others)}");
    }

    return (counts.GetValueOrDefault(HestiaCommands.ListUsers) / (double)minutes, counts.GetValueOrDefault(HestiaCommands.ListWebDomains) / (double)minutes);
}

static async Task TickAsync(HestiaWatcher watcher, FakeTimeProvider time, TimeSpan interval)
{
    var before = watcher.GetTicks(Server);
    time.Advance(interval);
    await watcher.WaitForIdleAsync(Server, before + 1, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
}

static async Task<FanOut> MeasureFanOutAsync(IHestiaClientProvider clients, int circuits, int runs)
{
    var live = new LiveAccounts(clients, Options.Create(new LiveOptions()), TimeProvider.System, NullLogger<LiveAccounts>.Instance);
    var key = new AccountKey(Server, "user0000");
    const string Domain = "site0.user0000.example";
    var client = clients.Get(Server);
    await live.GetAsync(key, CancellationToken.None);

    var remaining = 0;
    long lastArrival = 0;
    TaskCompletionSource? allArrived = null;
    var subscriptions = Enumerable.Range(0, circuits).Select(_ => live.Watch(key, update =>
    {
        var now = Stopwatch.GetTimestamp();
        if (update.Changes.Count > 0 && Interlocked.Decrement(ref remaining) == 0)
        {
            Volatile.Write(ref lastArrival, now);
            allArrived!.TrySetResult();
        }

        return Task.CompletedTask;
    })).ToList();

    var latencies = new List<double>();
    var refreshes = new List<double>();
    var mutations = new List<double>();
    var generator = new CredentialGenerator();
    for (var run = -20; run < runs; run++)
    {
        allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref remaining, circuits);
        var mutationStart = Stopwatch.GetTimestamp();
        if ((run & 1) == 0)
        {
            await client.AddFtpAccountAsync(key.User, Domain, "bench", generator.GeneratePassword(), null, CancellationToken.None);
        }
        else
        {
            await client.DeleteFtpAccountAsync(key.User, Domain, "user0000_bench", CancellationToken.None);
        }

        var start = Stopwatch.GetTimestamp();
        await live.RefreshDomainAsync(key, Domain, ChangeSource.Dashboard, CancellationToken.None);
        var refreshed = Stopwatch.GetTimestamp();
        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (run >= 0)
        {
            latencies.Add(Stopwatch.GetElapsedTime(start, Volatile.Read(ref lastArrival)).TotalMilliseconds);
            refreshes.Add(Stopwatch.GetElapsedTime(start, refreshed).TotalMilliseconds);
            mutations.Add(Stopwatch.GetElapsedTime(mutationStart, start).TotalMilliseconds);
        }
    }

    subscriptions.ForEach(s => s.Dispose());
    latencies.Sort();
    refreshes.Sort();
    mutations.Sort();
    return new FanOut(Percentile(latencies, 0.5), Percentile(latencies, 0.95), latencies[^1], Percentile(refreshes, 0.5), Percentile(mutations, 0.5), runs);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

internal sealed record FanOut(double Median, double P95, double Max, double RefreshMedian, double MutationMedian, int Runs);

/// <summary>The emulator on a free loopback port and a real client provider configured against it with a fresh access key.</summary>
internal sealed class Loopback : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Loopback(EmulatorServer server, ServiceProvider services, string keyId, string secret, string name)
    {
        Server = server;
        _services = services;
        KeyId = keyId;
        Secret = secret;
        Clients = services.GetRequiredService<IHestiaClientProvider>();
        Client = Clients.Get(name);
    }

    public EmulatorServer Server { get; }

    public IHestiaClientProvider Clients { get; }

    public IHestiaClient Client { get; }

    public string KeyId { get; }

    public string Secret { get; }

    public static async Task<Loopback> StartAsync(HestiaEmulator emulator, string name)
    {
        var (keyId, secret) = emulator.Control.CreateAccessKey("admin");
        var server = await EmulatorServer.StartAsync(emulator, 0);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = name,
            ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Hestia:Servers:0:AccessKey"] = keyId,
            ["Hestia:Servers:0:SecretKey"] = secret,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddHestiaClient(configuration);
        return new Loopback(server, services.BuildServiceProvider(), keyId, secret, name);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
