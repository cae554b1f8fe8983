using System.Diagnostics;
using HestiaFtp.Bench;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

// HestiaFtp live benchmark.
// 1. HestiaCP calls per minute made by the shared watcher, by number of accounts on the server and what is watched,
//    measured by advancing a fake clock over simulated minutes and counting the calls the server received.
// 2. Fan-out latency: from a dashboard change (RefreshAsync: targeted read + publish) to the last of N circuits
//    watching the account, measured with Stopwatch on real threads.
const string Server = "web1";
var minutes = args.Length > 0 && int.TryParse(args[0], out var m) ? m : 10;
var options = new LiveOptions();

Console.WriteLine($"# Watcher cost: HestiaCP calls per minute (poll interval {options.PollInterval.TotalSeconds:0} s, sweep {options.SweepReadsPerTick}/tick, {minutes} simulated minutes, 2 domains x 2 FTP accounts per account)");
Console.WriteLine();
Console.WriteLine("| accounts | watching | v-list-users/min | v-list-web-domains/min | total calls/min |");
Console.WriteLine("|---:|---|---:|---:|---:|");
foreach (var accounts in new[] { 10, 100, 1000 })
{
    var scenarios = new List<(string Name, int Circuits, int Accounts, bool Staff, double Churn)>
    {
        ("nobody", 0, 0, false, 0),
        ("1 circuit, 1 account", 1, 1, false, 0),
        ("10 circuits, same account", 10, 1, false, 0),
        ("10 circuits, 10 accounts", 10, 10, false, 0),
        ("staff page only", 0, 0, true, 0),
        ("staff page, 1% of accounts change per tick", 0, 0, true, 0.01),
        ("staff page + 10 circuits, 10 accounts", 10, 10, true, 0),
    };
    if (accounts >= 100)
    {
        scenarios.Insert(4, ("100 circuits, 100 accounts", 100, 100, false, 0));
    }

    foreach (var s in scenarios)
    {
        var (users, domains) = await MeasureCallsPerMinuteAsync(accounts, s.Circuits, s.Accounts, s.Staff, s.Churn, minutes);
        Console.WriteLine($"| {accounts} | {s.Name} | {users:0.#} | {domains:0.#} | {users + domains:0.#} |");
    }
}

Console.WriteLine();
Console.WriteLine("# Fan-out latency: dashboard change (RefreshAsync) to the last of N circuits watching the account");
Console.WriteLine();
Console.WriteLine("| circuits | runs | median ms | p95 ms | max ms | RefreshAsync median ms |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
foreach (var circuits in new[] { 1, 10, 100 })
{
    var (median, p95, max, refresh, runs) = await MeasureFanOutAsync(circuits, runs: 300);
    Console.WriteLine($"| {circuits} | {runs} | {median:0.000} | {p95:0.000} | {max:0.000} | {refresh:0.000} |");
}

static async Task<(double UsersPerMinute, double DomainsPerMinute)> MeasureCallsPerMinuteAsync(
    int accounts, int circuits, int watchedAccounts, bool staff, double churn, int minutes)
{
    var hestia = new InMemoryHestia(Server, accounts, domainsPerAccount: 2, ftpPerDomain: 2);
    var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    var options = new LiveOptions();
    var live = new LiveAccounts(hestia, Options.Create(options), time, NullLogger<LiveAccounts>.Instance);
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
    hestia.ResetCounts();

    var ticks = (int)(TimeSpan.FromMinutes(minutes) / options.PollInterval);
    var changesPerTick = (int)Math.Round(accounts * churn);
    var next = 0;
    for (var t = 0; t < ticks; t++)
    {
        for (var c = 0; c < changesPerTick; c++)
        {
            hestia.ToggleFirstDomainSuspension($"user{next++ % accounts:0000}");
        }

        await TickAsync(watcher, time, options.PollInterval);
    }

    await watcher.StopAsync(CancellationToken.None);
    subscriptions.ForEach(s => s.Dispose());
    return (hestia.Calls(HestiaCommands.ListUsers) / (double)minutes, hestia.Calls(HestiaCommands.ListWebDomains) / (double)minutes);
}

static async Task TickAsync(HestiaWatcher watcher, FakeTimeProvider time, TimeSpan interval)
{
    var before = watcher.GetTicks(Server);
    time.Advance(interval);
    await watcher.WaitForIdleAsync(Server, before + 1, CancellationToken.None);
}

static async Task<(double Median, double P95, double Max, double RefreshMedian, int Runs)> MeasureFanOutAsync(int circuits, int runs)
{
    var hestia = new InMemoryHestia(Server, accounts: 1, domainsPerAccount: 2, ftpPerDomain: 2);
    var live = new LiveAccounts(hestia, Options.Create(new LiveOptions()), TimeProvider.System, NullLogger<LiveAccounts>.Instance);
    var key = new AccountKey(Server, "user0000");
    await live.GetAsync(key, CancellationToken.None);

    var remaining = 0;
    long lastArrival = 0;
    TaskCompletionSource? allArrived = null;
    var subscriptions = Enumerable.Range(0, circuits).Select(_ => live.Watch(key, _ =>
    {
        var now = Stopwatch.GetTimestamp();
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            Volatile.Write(ref lastArrival, now);
            allArrived!.TrySetResult();
        }

        return Task.CompletedTask;
    })).ToList();

    var latencies = new List<double>();
    var refreshes = new List<double>();
    for (var run = -20; run < runs; run++)
    {
        allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref remaining, circuits);
        hestia.ToggleFtp(key.User, "user0000_bench");
        var start = Stopwatch.GetTimestamp();
        await live.RefreshAsync(key, ChangeSource.Dashboard, CancellationToken.None);
        var refreshed = Stopwatch.GetTimestamp();
        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (run >= 0)
        {
            latencies.Add(Stopwatch.GetElapsedTime(start, Volatile.Read(ref lastArrival)).TotalMilliseconds);
            refreshes.Add(Stopwatch.GetElapsedTime(start, refreshed).TotalMilliseconds);
        }
    }

    subscriptions.ForEach(s => s.Dispose());
    latencies.Sort();
    refreshes.Sort();
    return (Percentile(latencies, 0.5), Percentile(latencies, 0.95), latencies[^1], Percentile(refreshes, 0.5), runs);
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
