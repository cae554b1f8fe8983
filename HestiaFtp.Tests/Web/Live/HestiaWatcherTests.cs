using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public class HestiaWatcherTests
{
    private static readonly AccountKey Alice = new("web1", "alice");
    private static readonly AccountKey Bob = new("web1", "bob");

    private static async Task<LiveHarness> StartedAsync(Action<LiveOptions>? configure = null, params string[] servers)
    {
        var h = LiveHarness.Create(configure, servers);
        foreach (var client in h.Clients)
        {
            client.AddUser("alice", "example.com").AddUser("bob", "bob.net");
        }

        await h.StartAsync();
        return h;
    }

    [Fact]
    public async Task Tick_NobodyWatches_MakesNoCalls()
    {
        await using var h = await StartedAsync();

        await h.TicksAsync(10);

        Assert.Equal(10, h.Watcher.GetTicks("web1"));
        Assert.Equal(0, h.Web1.TotalCalls);
    }

    [Fact]
    public async Task Tick_ManyCircuitsOnTwoAccounts_ListsUsersOnceAndEachWatchedAccountOnce()
    {
        await using var h = await StartedAsync();
        var subs = Enumerable.Range(0, 5).Select(_ => h.Live.Watch(Alice, _ => Task.CompletedTask))
            .Concat(Enumerable.Range(0, 3).Select(_ => h.Live.Watch(Bob, _ => Task.CompletedTask))).ToList();

        await h.TicksAsync(4);

        Assert.Equal(4, h.Web1.CallsOf(HestiaCommands.ListUsers));
        Assert.Equal(8, h.Web1.CallsOf(HestiaCommands.ListWebDomains));
        Assert.Equal(12, h.Web1.TotalCalls);
        subs.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Tick_CustomInterval_PollsOnlyWhenIntervalElapsed()
    {
        await using var h = await StartedAsync(o => o.PollInterval = TimeSpan.FromSeconds(10));
        using var sub = h.Live.Watch(Alice, _ => Task.CompletedTask);

        await h.AdvanceAsync(TimeSpan.FromSeconds(9), expectTick: false);
        Assert.Equal(0, h.Web1.TotalCalls);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(2, h.Web1.TotalCalls);
    }

    [Fact]
    public async Task Tick_TwoServers_OneLoopEachAndOnlyTheWatchedOnePolls()
    {
        await using var h = await StartedAsync(null, "web1", "web2");
        using var sub = h.Live.Watch(new AccountKey("web2", "alice"), _ => Task.CompletedTask);

        await h.TicksAsync(3);

        Assert.Equal(0, h.Clients[0].TotalCalls);
        Assert.Equal(6, h.Clients[1].TotalCalls);
        Assert.Equal(3, h.Watcher.GetTicks("web1"));
        Assert.Equal(3, h.Watcher.GetTicks("web2"));
    }

    public static TheoryData<string, Action<FakeHestiaClient>, ChangeKind, string?> OutOfBandCases => new()
    {
        { "ftp added in panel", c => c.AddFtp("alice", "example.com", "alice_cli", "/cli"), ChangeKind.FtpAdded, "alice_cli" },
        { "ftp removed by CLI", c => c.RemoveFtp("alice", "example.com", "alice_old"), ChangeKind.FtpRemoved, "alice_old" },
        { "ftp path changed", c => c.MoveFtp("alice", "example.com", "alice_old", "/elsewhere"), ChangeKind.FtpMoved, "alice_old" },
        { "domain suspended by billing", c => c.SuspendDomain("alice", "example.com", true), ChangeKind.DomainSuspended, null },
    };

    [Theory]
    [MemberData(nameof(OutOfBandCases))]
    public async Task Tick_OutOfBandChangeOnWatchedAccount_PublishedAsExternalWithinOneTick(string because, Action<FakeHestiaClient> change, ChangeKind kind, string? login)
    {
        await using var h = LiveHarness.Create();
        h.Web1.AddUser("alice", "example.com");
        h.Web1.AddFtp("alice", "example.com", "alice_old");
        await h.StartAsync();
        await h.Live.GetAsync(Alice, LiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        change(h.Web1);
        await h.TickAsync();

        var update = Assert.Single(await inbox.WaitForAsync(1));
        var item = Assert.Single(update.Changes);
        Assert.True(item.Kind == kind, because);
        Assert.Equal(login, item.Login);
        Assert.Equal(ChangeSource.External, item.Source);
        Assert.Equal(h.Time.GetUtcNow(), item.At);
        Assert.Equal(item, h.Live.RecentEvents.Single().Change);
    }

    [Fact]
    public async Task Tick_UserSuspendedOutOfBand_WatcherSeesSuspensionAndLockedLogins()
    {
        await using var h = await StartedAsync();
        await h.Live.GetAsync(Alice, LiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        h.Web1.SuspendUser("alice", true);
        await h.TickAsync();

        var updates = await inbox.WaitForAsync(2);
        Assert.Equal(ChangeKind.UserSuspended, updates[0].Changes.Single().Kind);
        Assert.Equal(ChangeKind.DomainSuspended, updates[1].Changes.Single().Kind);
        var snapshot = await h.Live.GetAsync(Alice, LiveHarness.Ct);
        Assert.Equal(FtpLoginState.Locked, snapshot.Health.Logins);
    }

    [Fact]
    public async Task Tick_OnlyWatcherPaused_IdlesAndResumesAfterResume()
    {
        await using var h = await StartedAsync();
        using var sub = h.Live.Watch(Alice, _ => Task.CompletedTask);
        await h.TickAsync();
        var calls = h.Web1.TotalCalls;

        sub.Pause();
        await h.TicksAsync(5);
        Assert.Equal(calls, h.Web1.TotalCalls);

        sub.Resume();
        await h.TickAsync();
        Assert.Equal(calls + 2, h.Web1.TotalCalls);
    }

    [Fact]
    public async Task Tick_StaffWatching_ReadsChangedAccountsAndABoundedSweep()
    {
        await using var h = LiveHarness.Create(o => o.SweepReadsPerTick = 2);
        for (var i = 0; i < 10; i++)
        {
            h.Web1.AddUser($"u{i:00}", $"site{i:00}.com");
        }

        await h.StartAsync();
        var staff = new Inbox<LiveEvent>();
        using var sub = h.Live.WatchAll(staff.Add);

        await h.TicksAsync(5);
        Assert.Equal(5, h.Web1.CallsOf(HestiaCommands.ListUsers));
        Assert.Equal(10, h.Web1.CallsOf(HestiaCommands.ListWebDomains));
        Assert.All((await h.Live.GetOverviewAsync("web1", LiveHarness.Ct)).Accounts, a => Assert.NotNull(a.Domains));

        h.Web1.SuspendDomain("u07", "site07.com", true);
        await h.TickAsync();

        Assert.Equal(6, h.Web1.CallsOf(HestiaCommands.ListUsers));
        Assert.Equal(13, h.Web1.CallsOf(HestiaCommands.ListWebDomains));
        var events = await staff.WaitUntilAsync(items => items.Any(e => e.Kind == LiveEventKind.Change));
        var change = events.Single(e => e.Kind == LiveEventKind.Change).Change!;
        Assert.Equal(new AccountKey("web1", "u07"), change.Key);
        Assert.Equal(ChangeKind.DomainSuspended, change.Kind);
    }

    [Fact]
    public async Task Tick_StaffWatching_FtpDriftOnUnwatchedAccountFoundWithinOneSweepRound()
    {
        await using var h = LiveHarness.Create(o => o.SweepReadsPerTick = 3);
        for (var i = 0; i < 9; i++)
        {
            h.Web1.AddUser($"u{i:00}", $"site{i:00}.com");
        }

        await h.StartAsync();
        var staff = new Inbox<LiveEvent>();
        using var sub = h.Live.WatchAll(staff.Add);
        await h.TicksAsync(3);

        h.Web1.AddFtp("u04", "site04.com", "u04_drift");
        await h.TicksAsync(3);

        var events = await staff.WaitUntilAsync(items => items.Any(e => e.Kind == LiveEventKind.Change));
        var change = events.Single(e => e.Kind == LiveEventKind.Change).Change!;
        Assert.Equal(ChangeKind.FtpAdded, change.Kind);
        Assert.Equal("u04_drift", change.Login);
        Assert.Equal(ChangeSource.External, change.Source);
    }

    [Fact]
    public async Task Tick_StaffWatching_AccountAddedAndRemovedOutOfBandShowUp()
    {
        await using var h = await StartedAsync();
        var staff = new Inbox<LiveEvent>();
        using var sub = h.Live.WatchAll(staff.Add);
        await h.TickAsync();

        h.Web1.AddUser("carol", "carol.org");
        h.Web1.RemoveUser("bob");
        await h.TickAsync();

        var events = await staff.WaitUntilAsync(items => items.Count(e => e.Kind == LiveEventKind.Change) >= 2);
        var changes = events.Where(e => e.Kind == LiveEventKind.Change).Select(e => (e.Change!.Key.User, e.Change.Kind)).ToList();
        Assert.Contains(("carol", ChangeKind.UserAdded), changes);
        Assert.Contains(("bob", ChangeKind.UserRemoved), changes);
        var overview = await h.Live.GetOverviewAsync("web1", LiveHarness.Ct);
        Assert.Equal(["alice", "carol"], overview.Accounts.Select(a => a.Key.User));
    }

    [Fact]
    public async Task Tick_Outage_BacksOffExponentiallyAndRecoversByItself()
    {
        await using var h = await StartedAsync();
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);
        await h.TickAsync();

        h.Web1.Failure = LiveHarness.Outage();
        await h.TickAsync();
        var since = h.Time.GetUtcNow();
        var down = h.Live.GetStatus("web1");
        Assert.False(down.Reachable);
        Assert.Equal(since, down.UnreachableSince);
        Assert.Contains("connection refused", down.LastError, StringComparison.Ordinal);
        var banner = Assert.Single(await inbox.WaitForAsync(1));
        Assert.Empty(banner.Changes);
        Assert.False(banner.Status.Reachable);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            var status = h.Live.GetStatus("web1");
            var wait = status.NextCheck!.Value - h.Time.GetUtcNow();
            waits.Add(wait);
            var calls = h.Web1.TotalCalls;
            await h.AdvanceAsync(wait - TimeSpan.FromSeconds(1), expectTick: false);
            Assert.Equal(calls, h.Web1.TotalCalls);
            await h.AdvanceAsync(TimeSpan.FromSeconds(1));
            Assert.Equal(calls + 1, h.Web1.TotalCalls);
        }

        Assert.Equal([30, 60, 120, 240, 300, 300], waits.Select(w => (int)w.TotalSeconds));
        Assert.Equal(since, h.Live.GetStatus("web1").UnreachableSince);

        h.Web1.Failure = null;
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        var up = h.Live.GetStatus("web1");
        Assert.True(up.Reachable);
        Assert.Null(up.UnreachableSince);
        Assert.Equal(h.Time.GetUtcNow(), up.LastSuccess);
        Assert.Equal(h.Options.PollInterval, up.NextCheck - h.Time.GetUtcNow());
        var recovered = (await inbox.WaitForAsync(2))[1];
        Assert.True(recovered.Status.Reachable);
        Assert.Equal(["HestiaCP reachable again", $"HestiaCP unreachable since {since:HH:mm:ss}: {down.LastError}"],
            h.Live.RecentEvents.Select(e => e.Describe()));
    }

    [Fact]
    public async Task Tick_CredentialsRefused_StopsCallingUntilRefreshNowSucceeds()
    {
        await using var h = await StartedAsync();
        var staff = new Inbox<LiveEvent>();
        using var sub = h.Live.WatchAll(staff.Add);

        h.Web1.Failure = LiveHarness.Refused();
        await h.TickAsync();
        Assert.Equal(1, h.Web1.TotalCalls);
        var status = h.Live.GetStatus("web1");
        Assert.True(status.CredentialsRefused);
        Assert.False(status.Reachable);

        await h.TicksAsync(20);
        Assert.Equal(1, h.Web1.TotalCalls);

        await h.Live.RefreshNowAsync("web1", LiveHarness.Ct);
        Assert.Equal(2, h.Web1.TotalCalls);
        Assert.True(h.Live.GetStatus("web1").CredentialsRefused);

        h.Web1.Failure = null;
        var after = await h.Live.RefreshNowAsync("web1", LiveHarness.Ct);
        Assert.False(after.CredentialsRefused);
        Assert.True(after.Reachable);
        var calls = h.Web1.CallsOf(HestiaCommands.ListUsers);
        await h.TickAsync();
        Assert.Equal(calls + 1, h.Web1.CallsOf(HestiaCommands.ListUsers));
        var statusEvents = (await staff.WaitUntilAsync(items => items.Count(e => e.Kind == LiveEventKind.Status) >= 2))
            .Where(e => e.Kind == LiveEventKind.Status).ToList();
        Assert.True(statusEvents[0].Status!.CredentialsRefused);
        Assert.True(statusEvents[1].Status!.Reachable);
    }

    [Fact]
    public async Task GetAsync_CredentialsRefused_StopsPollingAndLaterReadsMakeNoCalls()
    {
        await using var h = await StartedAsync();
        using var sub = h.Live.Watch(Alice, _ => Task.CompletedTask);
        h.Web1.Failure = LiveHarness.Refused();

        var first = await Assert.ThrowsAsync<HestiaException>(() => h.Live.GetAsync(Bob, LiveHarness.Ct));
        Assert.Equal(HestiaReturnCode.Password, first.Code);
        var calls = h.Web1.TotalCalls;
        var again = await Assert.ThrowsAsync<HestiaException>(() => h.Live.RefreshAsync(Bob, ChangeSource.Dashboard, LiveHarness.Ct));
        await h.TicksAsync(3);

        Assert.Equal(HestiaReturnCode.Password, again.Code);
        Assert.Equal(1, calls);
        Assert.Equal(calls, h.Web1.TotalCalls);
        Assert.True(h.Live.GetStatus("web1").CredentialsRefused);
    }

    [Fact]
    public async Task GetOverviewAsync_MixedSuspensions_DerivesWhetherLoginsWorkAndWhy()
    {
        await using var h = LiveHarness.Create();
        h.Web1.AddUser("alice", "a.com").AddUser("bob", "b.com", "b2.com").AddUser("carol", "c.com");
        h.Web1.AddFtp("alice", "a.com", "alice_x");
        h.Web1.AddFtp("bob", "b.com", "bob_x");
        h.Web1.AddFtp("bob", "b2.com", "bob_y");
        h.Web1.SuspendUser("alice", true);
        h.Web1.SuspendDomain("bob", "b.com", true);
        await h.StartAsync();
        using var sub = h.Live.WatchAll(_ => Task.CompletedTask);
        await h.TickAsync();

        var overview = await h.Live.GetOverviewAsync("web1", LiveHarness.Ct);

        var byUser = overview.Accounts.ToDictionary(a => a.Key.User);
        Assert.Equal((FtpLoginState.Locked, false, 1), (byUser["alice"].Health.Logins, byUser["alice"].Health.ChangesAllowed, byUser["alice"].FtpAccountCount));
        Assert.Equal((FtpLoginState.Working, false, 2), (byUser["bob"].Health.Logins, byUser["bob"].Health.ChangesAllowed, byUser["bob"].FtpAccountCount));
        Assert.Equal((FtpLoginState.Working, true, 0), (byUser["carol"].Health.Logins, byUser["carol"].Health.ChangesAllowed, byUser["carol"].FtpAccountCount));
        var bobDomains = byUser["bob"].Domains!.ToDictionary(d => d.Name);
        Assert.False(bobDomains["b.com"].Health.ChangesAllowed);
        Assert.True(bobDomains["b2.com"].Health.ChangesAllowed);
        Assert.Equal(h.Time.GetUtcNow(), overview.Status.LastChecked);
        Assert.Equal(h.Time.GetUtcNow(), overview.UsersAsOf);
    }

    [Fact]
    public async Task GetOverviewAsync_NeverPolled_ReadsUsersOnce()
    {
        await using var h = LiveHarness.Create(o => o.SweepReadsPerTick = 0);
        h.Web1.AddUser("alice", "a.com").AddUser("bob");

        var overview = await h.Live.GetOverviewAsync("web1", LiveHarness.Ct);
        await h.Live.GetOverviewAsync("web1", LiveHarness.Ct);

        Assert.Equal(1, h.Web1.TotalCalls);
        Assert.Equal(["alice", "bob"], overview.Accounts.Select(a => a.Key.User));
        Assert.All(overview.Accounts, a => Assert.Null(a.FtpAccountCount));
    }

    [Fact]
    public void Backoff_Failures_DoublesFromBaseUpToMax()
    {
        var options = new LiveOptions();

        Assert.Equal([30, 30, 60, 120, 240, 300, 300],
            new[] { 0, 1, 2, 3, 4, 5, 50 }.Select(n => (int)HestiaWatcher.Backoff(options, n).TotalSeconds));
    }
}
