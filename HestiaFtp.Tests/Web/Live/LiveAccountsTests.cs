using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public class LiveAccountsTests
{
    private static readonly AccountKey Alice = new("web1", "alice");
    private static readonly AccountKey Bob = new("web1", "bob");

    private static async Task<LiveHarness> WithAliceAsync()
    {
        var h = LiveHarness.Create();
        h.Web1.AddUser("alice", "example.com").AddUser("bob", "bob.net");
        await h.Live.GetAsync(Alice, LiveHarness.Ct);
        return h;
    }

    [Fact]
    public async Task GetAsync_SecondCallWithinInterval_ServesCacheWithoutCalls()
    {
        await using var h = LiveHarness.Create();
        h.Web1.AddUser("alice", "example.com");
        h.Web1.AddFtp("alice", "example.com", "alice_deploy");

        var first = await h.Live.GetAsync(Alice, LiveHarness.Ct);
        var calls = h.Web1.TotalCalls;
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var second = await h.Live.GetAsync(Alice, LiveHarness.Ct);

        Assert.Equal(2, calls);
        Assert.Equal(calls, h.Web1.TotalCalls);
        Assert.Equal(1, second.FtpAccountCount);
        Assert.Equal(first.AsOf, second.AsOf);
    }

    [Fact]
    public async Task GetAsync_CacheOlderThanInterval_ReadsAgain()
    {
        await using var h = await WithAliceAsync();

        h.Time.Advance(h.Options.PollInterval + TimeSpan.FromSeconds(1));
        var snapshot = await h.Live.GetAsync(Alice, LiveHarness.Ct);

        Assert.Equal(4, h.Web1.TotalCalls);
        Assert.Equal(h.Time.GetUtcNow(), snapshot.AsOf);
    }

    [Fact]
    public async Task GetAsync_ServerDownWithCache_ReturnsLastKnownSnapshot()
    {
        await using var h = await WithAliceAsync();
        var asOf = h.Time.GetUtcNow();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        h.Web1.Failure = LiveHarness.Outage();

        var snapshot = await h.Live.GetAsync(Alice, LiveHarness.Ct);

        Assert.Equal(asOf, snapshot.AsOf);
        Assert.Equal("example.com", Assert.Single(snapshot.Domains).Name);
    }

    [Fact]
    public async Task GetAsync_ServerDownWithoutCache_Throws()
    {
        await using var h = LiveHarness.Create();
        h.Web1.Failure = LiveHarness.Outage();

        var ex = await Assert.ThrowsAsync<HestiaException>(() => h.Live.GetAsync(Alice, LiveHarness.Ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
    }

    [Fact]
    public async Task GetAsync_UnknownServer_ThrowsKeyNotFound()
    {
        await using var h = LiveHarness.Create();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => h.Live.GetAsync(new AccountKey("nope", "alice"), LiveHarness.Ct));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(25)]
    public async Task RefreshAsync_AfterDashboardAddsFtp_EveryWatcherOfTheAccountReceivesIt(int circuits)
    {
        await using var h = await WithAliceAsync();
        var inboxes = Enumerable.Range(0, circuits).Select(_ => new Inbox<AccountUpdate>()).ToList();
        var subscriptions = inboxes.Select(i => h.Live.Watch(Alice, i.Add)).ToList();
        var bobInbox = new Inbox<AccountUpdate>();
        using var bob = h.Live.Watch(Bob, bobInbox.Add);

        h.Web1.AddFtp("alice", "example.com", "alice_deploy", "/deploy");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);

        foreach (var inbox in inboxes)
        {
            var update = Assert.Single(await inbox.WaitForAsync(1));
            var change = Assert.Single(update.Changes);
            Assert.Equal(ChangeKind.FtpAdded, change.Kind);
            Assert.Equal("alice_deploy", change.Login);
            Assert.Equal(ChangeSource.Dashboard, change.Source);
            Assert.Equal(1, update.Snapshot!.FtpAccountCount);
        }

        Assert.Empty(bobInbox.Items);
        Assert.Equal(0, bob.Missed);
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task RefreshAsync_NothingChanged_PublishesNothing()
    {
        await using var h = await WithAliceAsync();
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);

        Assert.Empty(inbox.Items);
        Assert.Empty(h.Live.RecentEvents);
    }

    [Fact]
    public async Task Watch_HandlerThrows_OtherWatchersStillReceiveAndItKeepsReceiving()
    {
        await using var h = await WithAliceAsync();
        var thrower = new Inbox<AccountUpdate>();
        var good = new Inbox<AccountUpdate>();
        using var bad = h.Live.Watch(Alice, async u => { await thrower.Add(u); throw new InvalidOperationException("boom"); });
        using var ok = h.Live.Watch(Alice, good.Add);

        h.Web1.AddFtp("alice", "example.com", "alice_one");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);
        h.Web1.AddFtp("alice", "example.com", "alice_two");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);

        Assert.Equal(2, (await good.WaitForAsync(2)).Count);
        Assert.Equal(2, (await thrower.WaitForAsync(2)).Count);
    }

    [Fact]
    public async Task Watch_SlowHandler_DoesNotHoldBackOthers()
    {
        await using var h = await WithAliceAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new Inbox<AccountUpdate>();
        var fast = new Inbox<AccountUpdate>();
        using var s1 = h.Live.Watch(Alice, async u => { await release.Task; await slow.Add(u); });
        using var s2 = h.Live.Watch(Alice, fast.Add);

        h.Web1.AddFtp("alice", "example.com", "alice_one");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);
        h.Web1.RemoveFtp("alice", "example.com", "alice_one");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);

        var received = await fast.WaitForAsync(2);
        Assert.Empty(slow.Items);
        release.SetResult();
        var late = await slow.WaitForAsync(2);

        Assert.Equal([ChangeKind.FtpAdded, ChangeKind.FtpRemoved], received.Select(u => u.Changes.Single().Kind));
        Assert.Equal([ChangeKind.FtpAdded, ChangeKind.FtpRemoved], late.Select(u => u.Changes.Single().Kind));
    }

    [Fact]
    public async Task Watch_Paused_ReceivesNothingUntilResumed()
    {
        await using var h = await WithAliceAsync();
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        sub.Pause();
        h.Web1.AddFtp("alice", "example.com", "alice_one");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);
        Assert.Empty(inbox.Items);
        Assert.Equal(1, sub.Missed);
        Assert.True(sub.IsPaused);

        sub.Resume();
        h.Web1.AddFtp("alice", "example.com", "alice_two");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);

        var update = Assert.Single(await inbox.WaitForAsync(1));
        Assert.Equal("alice_two", update.Changes.Single().Login);
    }

    [Fact]
    public async Task Watch_Disposed_ReceivesNothing()
    {
        await using var h = await WithAliceAsync();
        var inbox = new Inbox<AccountUpdate>();
        var sub = h.Live.Watch(Alice, inbox.Add);

        sub.Dispose();
        h.Web1.AddFtp("alice", "example.com", "alice_one");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);

        Assert.Empty(inbox.Items);
        Assert.False(h.Live.HasInterest("web1"));
    }

    [Fact]
    public async Task WatchAll_DashboardChange_ReachesStaffWithServerAndKeepsItInRecentEvents()
    {
        await using var h = await WithAliceAsync();
        var staff = new Inbox<LiveEvent>();
        using var sub = h.Live.WatchAll(staff.Add);

        h.Web1.SuspendDomain("alice", "example.com", true);
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);

        var item = Assert.Single(await staff.WaitForAsync(1));
        Assert.Equal(LiveEventKind.Change, item.Kind);
        Assert.Equal("web1", item.Server);
        Assert.Equal(ChangeKind.DomainSuspended, item.Change!.Kind);
        Assert.Equal(item, Assert.Single(h.Live.RecentEvents));
    }

    [Fact]
    public async Task RecentEvents_MoreThanCapacity_KeepsNewestFirst()
    {
        await using var h = LiveHarness.Create(o => o.RecentEventCapacity = 3);
        for (var i = 0; i < 5; i++)
        {
            await h.Live.PublishAsync(new AccountChange(Alice, ChangeKind.FtpPasswordChanged, "example.com", $"alice_{i}", "password changed", ChangeSource.Dashboard, h.Time.GetUtcNow()), LiveHarness.Ct);
        }

        Assert.Equal(["alice_4", "alice_3", "alice_2"], h.Live.RecentEvents.Select(e => e.Change!.Login));
    }

    [Fact]
    public async Task PublishAsync_PasswordChange_ReachesWatchersOfTheAccount()
    {
        await using var h = await WithAliceAsync();
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        await h.Live.PublishAsync(new AccountChange(Alice, ChangeKind.FtpPasswordChanged, "example.com", "alice_deploy", "password changed", ChangeSource.Dashboard, h.Time.GetUtcNow()), LiveHarness.Ct);

        var update = Assert.Single(await inbox.WaitForAsync(1));
        Assert.Equal(ChangeKind.FtpPasswordChanged, update.Changes.Single().Kind);
    }

    [Fact]
    public async Task RefreshDomainAsync_ReadsOnlyThatDomain_AndPublishesItsChanges()
    {
        await using var h = LiveHarness.Create();
        h.Web1.AddUser("alice", "a.com", "b.com");
        h.Web1.AddFtp("alice", "b.com", "alice_b");
        await h.Live.GetAsync(Alice, LiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);
        var before = h.Web1.TotalCalls;

        h.Web1.MoveFtp("alice", "b.com", "alice_b", "/media");
        var snapshot = await h.Live.RefreshDomainAsync(Alice, "b.com", ChangeSource.Dashboard, LiveHarness.Ct);

        Assert.Equal(before + 1, h.Web1.TotalCalls);
        Assert.Equal(1, h.Web1.CallsOf(HestiaCommands.ListWebDomain));
        Assert.Equal(["a.com", "b.com"], snapshot.Domains.Select(d => d.Name));
        var change = Assert.Single(Assert.Single(await inbox.WaitForAsync(1)).Changes);
        Assert.Equal(ChangeKind.FtpMoved, change.Kind);
    }

    [Fact]
    public async Task RefreshAsync_WhileAnOlderPollIsInFlight_OlderReadNeverOverwritesNewer()
    {
        await using var h = await WithAliceAsync();
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Web1.BeforeReturn = command =>
        {
            if (command == HestiaCommands.ListWebDomains)
            {
                h.Web1.BeforeReturn = null;
                held.SetResult();
                return hold.Task;
            }

            return Task.CompletedTask;
        };

        // The poll reads the old state (no FTP account) and is held before it returns.
        var poll = h.Live.PollAsync("web1", force: false, LiveHarness.Ct);
        await held.Task.WaitAsync(LiveHarness.Guard, LiveHarness.Ct);
        h.Web1.AddFtp("alice", "example.com", "alice_new");
        await h.Live.RefreshAsync(Alice, ChangeSource.Dashboard, LiveHarness.Ct);
        hold.SetResult();
        await poll.WaitAsync(LiveHarness.Guard, LiveHarness.Ct);

        var snapshot = await h.Live.GetAsync(Alice, LiveHarness.Ct);
        Assert.Equal(1, snapshot.FtpAccountCount);
        await h.Live.PublishAsync(new AccountChange(Alice, ChangeKind.FtpPasswordChanged, "example.com", "alice_new", "marker", ChangeSource.Dashboard, h.Time.GetUtcNow()), LiveHarness.Ct);
        var updates = await inbox.WaitForAsync(2);
        Assert.Equal([ChangeKind.FtpAdded, ChangeKind.FtpPasswordChanged], updates.Select(u => u.Changes.Single().Kind));
    }
}
