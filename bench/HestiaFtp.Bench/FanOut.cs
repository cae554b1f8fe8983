using System.Diagnostics;
using HestiaFtp.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Bench;

/// <summary>
/// Table 4: one dashboard mutation (quick add, then delete of what it added) by one circuit, until the page state
/// (<see cref="AccountWatch"/>, what the accounts page renders from) of every one of N circuits watching the account holds
/// the read-back. The feed's publication is timestamped by <see cref="TimedChangeFeed"/>.
/// </summary>
internal static class FanOut
{
    private const string User = "carol";
    private const string Domain = "yoga-rivage.fr";
    private const int WarmUp = 10;
    private const int Runs = 20;

    public static async Task RunAsync(Report report)
    {
        var emulator = HestiaEmulator.CreateDemo();
        LatencyModel.Apply(emulator);
        await using var stack = await BenchStack.StartAsync(emulator);
        var user = await stack.SignInAsync(User, "Carol-Demo-2026");
        var key = new AccountKey(BenchStack.ServerName, User);
        await using var actor = stack.OpenCircuit(user);
        await actor.NewWatch().OpenAsync(key);

        var rows = new List<IReadOnlyList<string>>();
        foreach (var circuits in new[] { 1, 10, 100 })
        {
            var probe = new Probe(circuits);
            var scopes = new List<CircuitScope>();
            for (var i = 0; i < circuits; i++)
            {
                var scope = stack.OpenCircuit(user);
                scopes.Add(scope);
                var index = i;
                AccountWatch watch = null!;
                watch = scope.NewWatch(async update =>
                {
                    await update();
                    probe.Observe(index, watch.Snapshot);
                });
                await watch.OpenAsync(key);
            }

            var fanOut = new List<double>();
            var action = new List<double>();
            var cpu = TimeSpan.Zero;
            string? login = null;
            for (var run = -WarmUp; run < Runs; run++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var adding = login is null;
                var done = probe.Expect(adding ? 1 : 0);
                var start = Stopwatch.GetTimestamp();
                if (adding)
                {
                    var result = await actor.Dashboard.QuickCreateAsync(new QuickCreateFtpAccountRequest(User, Domain), CancellationToken.None);
                    login = result.Status == FtpResultStatus.Done ? result.Login : throw new InvalidOperationException($"Quick add: {result.Status}");
                }
                else
                {
                    var result = await actor.Dashboard.DeleteAsync(new DeleteFtpAccountRequest(User, Domain, login!), CancellationToken.None);
                    login = result.Status == FtpResultStatus.Done ? null : throw new InvalidOperationException($"Delete: {result.Status}");
                }

                var last = await done.WaitAsync(TimeSpan.FromSeconds(30));
                var published = stack.Feed.LastPublish;
                if (run >= 0)
                {
                    cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                    fanOut.Add(Stopwatch.GetElapsedTime(published, Math.Max(published, last)).TotalMilliseconds);
                    action.Add(Stopwatch.GetElapsedTime(start, last).TotalMilliseconds);
                }
            }

            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }

            rows.Add([circuits.ToString(), Runs.ToString(), Stats.F(Stats.Median(fanOut), "0.00"), Stats.F(Stats.Percentile(fanOut, 0.95), "0.00"),
                Stats.F(fanOut.Max(), "0.00"), Stats.F(Stats.Median(action), "0"), Stats.F(action.Max(), "0"),
                Stats.F(cpu.TotalMilliseconds / Runs, "0")]);
        }

        report.Line("## 4. In-process fan-out");
        report.Line();
        report.Line(Conditions.Describe($"real FtpDashboard (quick add on {Domain}, then delete of that account, alternating; {WarmUp} warm-up runs), " +
            $"N circuits signed in as {User}, each with an AccountWatch watching the account"));
        report.Line();
        report.Line("Publication of the mutation's read-back on the feed → the last of N page states holding it (every subscriber handler ran), " +
            "the whole action (mutation + read-back + fan-out) as the acting user waits for it, and the CPU time of the whole process per " +
            "action (dashboard, client, emulator and Kestrel together):");
        report.Line();
        report.Table(["circuits", "runs", "publish → last page, median ms", "p95 ms", "max ms", "action start → last page, median ms", "max ms", "CPU per action, ms"], rows);
    }

    /// <summary>Which circuits' page state shows the expected number of accounts on the domain, and when the last one did.</summary>
    private sealed class Probe(int circuits)
    {
        private readonly Lock _gate = new();
        private bool[] _done = [];
        private int _expected = -1;
        private int _remaining;
        private long _last;
        private TaskCompletionSource<long> _all = new();

        public Task<long> Expect(int accountsOnDomain)
        {
            lock (_gate)
            {
                _expected = accountsOnDomain;
                _done = new bool[circuits];
                _remaining = circuits;
                _last = 0;
                _all = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _all.Task;
            }
        }

        public void Observe(int circuit, AccountSnapshot? snapshot)
        {
            var now = Stopwatch.GetTimestamp();
            var count = snapshot?.Domains.FirstOrDefault(d => d.Name == Domain)?.FtpAccounts.Count;
            lock (_gate)
            {
                if (count != _expected || _remaining == 0 || _done[circuit])
                {
                    return;
                }

                _done[circuit] = true;
                _last = Math.Max(_last, now);
                if (--_remaining == 0)
                {
                    _all.TrySetResult(_last);
                }
            }
        }
    }
}
