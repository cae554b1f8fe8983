using System.Diagnostics;
using HestiaFtp.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Bench;

/// <summary>
/// Table 2: how long an out-of-band change (made on the server's shell, bypassing the dashboard) takes to reach a page that
/// watches the account, with the real <see cref="HestiaPoller"/> on the system clock and its default interval; and how long
/// a server-wide outage (and its end) takes to reach every open page. Wall clock throughout.
/// </summary>
internal static class Freshness
{
    private const int Accounts = 12;
    private const int PagesPerAccount = 5;
    private const int SamplesPerKind = 20;
    private const int OutageCycles = 4;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private enum Kind
    {
        FtpAdded,
        DomainSuspended,
        UserSuspended,
    }

    public static async Task RunAsync(Report report)
    {
        var random = new Random(7);
        var options = new LiveOptions();
        var emulator = HestiaEmulator.CreateDemo();
        var accounts = Enumerable.Range(1, Accounts).Select(i => new Watched($"fresh{i:00}", (Kind)((i - 1) / 2 % 3))).ToList();
        foreach (var account in accounts)
        {
            emulator.Control.AddUser(account.User, "Fresh-Bench-2026");
            emulator.Control.AddWebDomain(account.User, account.Domain);
            emulator.Control.AddFtpAccountDirect(account.User, account.Domain, $"{account.User}_base", "", "Fresh-Ftp-2026");
        }

        LatencyModel.Apply(emulator);
        await using var stack = await BenchStack.StartAsync(emulator);
        var live = stack.Live;
        var pages = new Pages(Accounts * PagesPerAccount);
        var subscriptions = new List<ILiveSubscription>();
        foreach (var (account, index) in accounts.Select((a, i) => (a, i)))
        {
            var key = new AccountKey(BenchStack.ServerName, account.User);
            await stack.SignInAsync(account.User, "Fresh-Bench-2026");
            await live.GetAsync(key, CancellationToken.None);
            for (var p = 0; p < PagesPerAccount; p++)
            {
                var page = (index * PagesPerAccount) + p;
                var first = p == 0;
                subscriptions.Add(live.Watch(key, update =>
                {
                    var now = Stopwatch.GetTimestamp();
                    if (first)
                    {
                        account.Observe(update, now);
                    }

                    pages.Observe(page, update.Status, now);
                    return Task.CompletedTask;
                }));
            }
        }

        await stack.StartPollerAsync();

        // Changes: two groups of six accounts take turns; one group changes at random offsets while the other is put back.
        var groups = new[] { accounts.Take(Accounts / 2).ToList(), accounts.Skip(Accounts / 2).ToList() };
        var samples = Enum.GetValues<Kind>().ToDictionary(k => k, _ => new List<double>());
        var rounds = SamplesPerKind / (Accounts / 2 / 3);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var account in groups[(round + 1) % 2])
            {
                account.Revert(emulator.Control);
            }

            var offsets = groups[round % 2].Select(_ => TimeSpan.FromSeconds(random.NextDouble() * options.PollInterval.TotalSeconds)).ToList();
            var seen = await Task.WhenAll(groups[round % 2].Select((account, i) => account.ChangeAsync(emulator.Control, round, offsets[i])));
            foreach (var (account, seconds) in groups[round % 2].Zip(seen))
            {
                samples[account.Kind].Add(seconds);
            }
        }

        foreach (var account in accounts)
        {
            account.Revert(emulator.Control);
        }

        report.Line("## 2. Freshness and outages");
        report.Line();
        report.Line(Conditions.Describe($"real HestiaPoller on the system clock, PollInterval {options.PollInterval.TotalSeconds:0} s, " +
            $"ProbeInterval {options.ProbeInterval.TotalSeconds:0} s, client ReadTimeout/ReadDeadline 5 s; {Accounts} watched accounts " +
            $"({Accounts + 5} users on the server), {Accounts * PagesPerAccount} watching subscribers (ILiveAccounts.Watch)"));
        report.Line();
        report.Line($"Out-of-band change (EmulatorControl, at a random offset in [0, {options.PollInterval.TotalSeconds:0}) s) until the account's " +
            "subscriber receives it, seconds:");
        report.Line();
        report.Table(["change", "samples", "median s", "p90 s", "max s", "min s"], samples.Select(p => (IReadOnlyList<string>)
        [
            p.Key switch { Kind.FtpAdded => "FTP account added", Kind.DomainSuspended => "web domain suspended", _ => "user suspended" },
            p.Value.Count.ToString(), Stats.F(Stats.Median(p.Value)), Stats.F(Stats.Percentile(p.Value, 0.9)), Stats.F(p.Value.Max()), Stats.F(p.Value.Min()),
        ]), "lrrrrr");

        var outageRows = new List<IReadOnlyList<string>>();
        foreach (var mode in new[] { EmulatorOutage.RefuseConnections, EmulatorOutage.NeverAnswer })
        {
            var cycles = new List<OutageCycle>();
            for (var cycle = 0; cycle < OutageCycles; cycle++)
            {
                await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * options.PollInterval.TotalSeconds));
                cycles.Add(await MeasureOutageAsync(stack, pages, mode, TimeSpan.FromSeconds(3 + (random.NextDouble() * options.PollInterval.TotalSeconds))));
            }

            static string Range(IEnumerable<double> values, string format) =>
                values.ToList() is var list ? $"{Stats.F(Stats.Median(list), format)} / {Stats.F(list.Max(), format)}" : "";

            outageRows.Add(
            [
                mode.ToString(), cycles.Count.ToString(),
                Range(cycles.Select(c => c.StartToFailure), "0.0"), Range(cycles.Select(c => c.FailureToBanner * 1000), "0"),
                Range(cycles.Select(c => c.StartToFailure + c.FailureToBanner), "0.0"),
                Range(cycles.Select(c => c.EndToSuccess), "0.0"), Range(cycles.Select(c => c.SuccessToClear * 1000), "0"),
                Range(cycles.Select(c => c.EndToSuccess + c.SuccessToClear), "0.0"),
            ]);
        }

        subscriptions.ForEach(s => s.Dispose());
        report.Line($"Server-wide outage (EmulatorServer.SetOutageAsync) at a random moment, held until every page shows it plus a random " +
            $"3–{3 + options.PollInterval.TotalSeconds:0} s; " +
            $"median / max of {OutageCycles} cycles; \"every page\" = all {pages.Count} subscribers received Reachable=false (banner) or " +
            "Reachable=true (banner gone):");
        report.Line();
        report.Table(["outage", "cycles", "start → first failed call, s", "first failed call → banner on every page, ms", "start → banner everywhere, s",
            "end → first successful call, s", "first successful call → every page clear, ms", "end → clear everywhere, s"], outageRows, "lr");
    }

    private static async Task<OutageCycle> MeasureOutageAsync(BenchStack stack, Pages pages, EmulatorOutage mode, TimeSpan hold)
    {
        var down = pages.Expect(reachable: false);
        var start = Stopwatch.GetTimestamp();
        await stack.Server.SetOutageAsync(mode);
        var failed = await stack.Calls.FirstAsync(HestiaCallOutcome.TransportFailed, start).WaitAsync(Guard);
        var banner = await down.WaitAsync(Guard);
        await Task.Delay(hold);

        var up = pages.Expect(reachable: true);
        var end = Stopwatch.GetTimestamp();
        await stack.Server.SetOutageAsync(EmulatorOutage.None);
        var answered = await stack.Calls.FirstAsync(HestiaCallOutcome.Answered, end).WaitAsync(Guard);
        var clear = await up.WaitAsync(Guard);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return new OutageCycle(
            Stopwatch.GetElapsedTime(start, failed).TotalSeconds, Stopwatch.GetElapsedTime(failed, Math.Max(failed, banner)).TotalSeconds,
            Stopwatch.GetElapsedTime(end, answered).TotalSeconds, Stopwatch.GetElapsedTime(answered, Math.Max(answered, clear)).TotalSeconds);
    }

    private sealed record OutageCycle(double StartToFailure, double FailureToBanner, double EndToSuccess, double SuccessToClear);

    /// <summary>One watched account and the out-of-band change it takes in turn.</summary>
    private sealed class Watched(string user, Kind kind)
    {
        private volatile Pending? _pending;
        private string? _changed;

        public string User { get; } = user;

        public string Domain { get; } = $"{user}.example";

        public Kind Kind { get; } = kind;

        /// <summary>Applies the change after <paramref name="offset"/>; returns the seconds until the subscriber saw it.</summary>
        public async Task<double> ChangeAsync(EmulatorControl control, int round, TimeSpan offset)
        {
            await Task.Delay(offset);
            var login = $"{User}_r{round:00}";
            var pending = new Pending(Kind switch
            {
                Kind.FtpAdded => ChangeKind.FtpAdded,
                Kind.DomainSuspended => ChangeKind.DomainSuspended,
                _ => ChangeKind.UserSuspended,
            }, Kind == Kind.FtpAdded ? login : null);
            _pending = pending;
            switch (Kind)
            {
                case Kind.FtpAdded:
                    control.AddFtpAccountDirect(User, Domain, login, "", "Fresh-Ftp-2026");
                    _changed = login;
                    break;
                case Kind.DomainSuspended:
                    control.SuspendWebDomain(User, Domain);
                    _changed = Domain;
                    break;
                default:
                    control.SuspendUser(User);
                    _changed = User;
                    break;
            }

            var applied = Stopwatch.GetTimestamp();
            var seen = await pending.Seen.Task.WaitAsync(Guard);
            return Stopwatch.GetElapsedTime(applied, Math.Max(applied, seen)).TotalSeconds;
        }

        public void Revert(EmulatorControl control)
        {
            _pending = null;
            switch (Kind)
            {
                case Kind.FtpAdded when _changed is not null:
                    control.DeleteFtpAccountDirect(User, Domain, _changed);
                    break;
                case Kind.DomainSuspended when _changed is not null:
                    control.UnsuspendWebDomain(User, Domain);
                    break;
                case Kind.UserSuspended when _changed is not null:
                    control.UnsuspendUser(User);
                    break;
            }

            _changed = null;
        }

        public void Observe(AccountUpdate update, long now)
        {
            if (_pending is { } pending && update.Changes.Any(c => c.Kind == pending.Change && (pending.Login is null || c.Login == pending.Login)))
            {
                pending.Seen.TrySetResult(now);
            }
        }

        private sealed record Pending(ChangeKind Change, string? Login)
        {
            public TaskCompletionSource<long> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>What every open page last learned about the server's reachability, and when all of them agree.</summary>
    private sealed class Pages(int count)
    {
        private readonly Lock _gate = new();
        private bool _expected;
        private bool[] _done = [];
        private int _remaining = -1;
        private long _last;
        private TaskCompletionSource<long>? _all;

        public int Count { get; } = count;

        public Task<long> Expect(bool reachable)
        {
            lock (_gate)
            {
                _expected = reachable;
                _done = new bool[Count];
                _remaining = Count;
                _last = 0;
                _all = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                return _all.Task;
            }
        }

        public void Observe(int page, ServerStatus status, long now)
        {
            lock (_gate)
            {
                if (_remaining <= 0 || status.Reachable != _expected || _done[page])
                {
                    return;
                }

                _done[page] = true;
                _last = Math.Max(_last, now);
                if (--_remaining == 0)
                {
                    _all!.TrySetResult(_last);
                }
            }
        }
    }
}
