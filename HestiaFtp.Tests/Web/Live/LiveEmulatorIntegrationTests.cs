using HestiaFtp.Core.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

/// <summary>
/// The live store and watcher against the HestiaCP emulator over real loopback HTTP with the real client. Changes are
/// made out of band through <see cref="EmulatorControl"/> (like an admin in the panel or on the shell); the watcher's
/// clock is fake, so "within one tick" means exactly one advance of the poll interval.
/// </summary>
public class LiveEmulatorIntegrationTests
{
    private static readonly AccountKey Alice = new(EmulatorLiveHarness.ServerName, "alice");
    private static readonly AccountKey Carol = new(EmulatorLiveHarness.ServerName, "carol");
    private const string StrongPassword = "Loopback-Bench-2026-x";

    public static TheoryData<string, Action<EmulatorControl>, ChangeKind, string, string?> OutOfBandCases => new()
    {
        { "ftp added on the shell", c => c.AddFtpAccountDirect("alice", "alice-shop.com", "alice_cli", "/public_html"), ChangeKind.FtpAdded, "alice-shop.com", "alice_cli" },
        { "ftp deleted on the shell", c => c.DeleteFtpAccountDirect("alice", "alice-shop.com", "alice_media"), ChangeKind.FtpRemoved, "alice-shop.com", "alice_media" },
        { "ftp path changed on the shell", c => c.ChangeFtpPathDirect("alice", "alice-shop.com", "alice_media", "/public_html"), ChangeKind.FtpMoved, "alice-shop.com", "alice_media" },
        { "domain suspended by billing", c => c.SuspendWebDomain("alice", "alice-dev.org"), ChangeKind.DomainSuspended, "alice-dev.org", null },
        { "domain unsuspended by billing", c => c.UnsuspendWebDomain("alice", "alice-blog.net"), ChangeKind.DomainUnsuspended, "alice-blog.net", null },
    };

    [Theory]
    [MemberData(nameof(OutOfBandCases))]
    public async Task Tick_OutOfBandChangeOnEmulator_PublishedAsExternalWithinOneTick(
        string because, Action<EmulatorControl> change, ChangeKind kind, string domain, string? login)
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();
        await h.Live.GetAsync(Alice, EmulatorLiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        change(h.Control);
        await h.TickAsync();

        var update = Assert.Single(await inbox.WaitForAsync(1));
        var item = Assert.Single(update.Changes);
        Assert.True(item.Kind == kind, because);
        Assert.Equal(domain, item.Domain);
        Assert.Equal(login, item.Login);
        Assert.Equal(ChangeSource.External, item.Source);
        Assert.Equal(h.Time.GetUtcNow(), item.At);
        Assert.Equal(item, h.Live.RecentEvents.Single(e => e.Kind == LiveEventKind.Change).Change);
        Assert.Equal(1, h.Calls(HestiaCommands.ListUsers));
        Assert.Equal(2, h.Calls(HestiaCommands.ListWebDomains));
    }

    [Fact]
    public async Task Tick_FtpPathChangedOnEmulator_SnapshotCarriesNewFolder()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();
        await h.Live.GetAsync(Alice, EmulatorLiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        h.Control.ChangeFtpPathDirect("alice", "alice-shop.com", "alice_media", "/public_html/media/products");
        await h.TickAsync();

        var update = Assert.Single(await inbox.WaitForAsync(1));
        var account = update.Snapshot!.Domains.Single(d => d.Name == "alice-shop.com").FtpAccounts.Single(a => a.Login == "alice_media");
        Assert.Equal("/public_html/media/products", account.Folder);
        Assert.Contains("/public_html/media/products", update.Changes.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_UserSuspendedOnEmulator_PublishesUserSuspensionThenItsDomains()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();
        await h.Live.GetAsync(Alice, EmulatorLiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        h.Control.SuspendUser("alice");
        await h.TickAsync();

        var updates = await inbox.WaitForAsync(2);
        Assert.Equal(ChangeKind.UserSuspended, Assert.Single(updates[0].Changes).Kind);
        Assert.Equal(
            [(ChangeKind.DomainSuspended, "alice-dev.org"), (ChangeKind.DomainSuspended, "alice-shop.com")],
            updates[1].Changes.Select(c => (c.Kind, c.Domain!)).Order().ToList());
        Assert.All(updates.SelectMany(u => u.Changes), c => Assert.Equal(ChangeSource.External, c.Source));
        Assert.True(updates[1].Snapshot!.User!.Suspended);
        Assert.Equal(FtpLoginState.Locked, updates[1].Snapshot!.Health.Logins);
    }

    [Fact]
    public async Task Tick_NoChangeOnEmulator_PublishesNothing()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();
        await h.Live.GetAsync(Alice, EmulatorLiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);

        await h.TicksAsync(3);
        h.Control.AddFtpAccountDirect("alice", "alice-shop.com", "alice_marker");
        await h.TickAsync();

        // The first item delivered is the marker change: the three quiet ticks published nothing before it.
        var first = (await inbox.WaitForAsync(1))[0];
        Assert.Equal("alice_marker", Assert.Single(first.Changes).Login);
        Assert.Equal(4, h.Calls(HestiaCommands.ListUsers));
    }

    [Fact]
    public async Task Tick_NobodyWatches_MakesNoHttpCallAcrossManyTicks()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();

        await h.TicksAsync(20);

        Assert.Equal(20, h.Watcher.GetTicks(EmulatorLiveHarness.ServerName));
        Assert.Empty(h.Emulator.CallCounts);
    }

    [Fact]
    public async Task Tick_LastWatcherDisposed_CallsStop()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();
        var sub = h.Live.Watch(Alice, _ => Task.CompletedTask);
        await h.TicksAsync(2);
        var calls = h.TotalCalls;

        sub.Dispose();
        await h.TicksAsync(10);

        Assert.Equal(4, calls);
        Assert.Equal(calls, h.TotalCalls);
    }

    [Fact]
    public async Task Tick_PausedThenResumed_NoCallsWhilePausedAndChangeMadeMeanwhileArrivesAfterResume()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();
        await h.Live.GetAsync(Alice, EmulatorLiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);
        h.Emulator.ResetCallCounts();

        sub.Pause();
        h.Control.DeleteFtpAccountDirect("alice", "alice-shop.com", "alice_shop");
        await h.TicksAsync(5);
        var whilePaused = h.TotalCalls;
        sub.Resume();
        await h.TickAsync();

        Assert.Equal(0, whilePaused);
        var update = Assert.Single(await inbox.WaitForAsync(1));
        var change = Assert.Single(update.Changes);
        Assert.Equal((ChangeKind.FtpRemoved, "alice_shop"), (change.Kind, change.Login));
        Assert.Equal(2, h.TotalCalls);
    }

    [Fact]
    public async Task RefreshDomainAsync_AfterAddThroughClient_PublishesToEverySubscriberWithoutTick()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.Live.GetAsync(Alice, EmulatorLiveHarness.Ct);
        var inboxes = Enumerable.Range(0, 5).Select(_ => new Inbox<AccountUpdate>()).ToList();
        var subs = inboxes.Select(i => h.Live.Watch(Alice, i.Add)).ToList();
        h.Emulator.ResetCallCounts();

        await h.Client.AddFtpAccountAsync("alice", "alice-shop.com", "deploy", StrongPassword, null, EmulatorLiveHarness.Ct);
        var snapshot = await h.Live.RefreshDomainAsync(Alice, "alice-shop.com", ChangeSource.Dashboard, EmulatorLiveHarness.Ct);

        Assert.Contains(snapshot.Domains.Single(d => d.Name == "alice-shop.com").FtpAccounts, a => a.Login == "alice_deploy");
        foreach (var inbox in inboxes)
        {
            var update = Assert.Single(await inbox.WaitForAsync(1));
            var change = Assert.Single(update.Changes);
            Assert.Equal((ChangeKind.FtpAdded, "alice_deploy", ChangeSource.Dashboard), (change.Kind, change.Login, change.Source));
        }

        Assert.Equal(1, h.Calls(HestiaCommands.ListWebDomain));
        Assert.Equal(0, h.Calls(HestiaCommands.ListUsers));
        Assert.Equal(0, h.Watcher.GetTicks(EmulatorLiveHarness.ServerName));
        Assert.DoesNotContain(h.Live.RecentEvents, e => e.Change?.Detail.Contains(StrongPassword, StringComparison.Ordinal) == true);
        subs.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Tick_ServerStoppedThenRestartedOnSamePort_UnreachableWithBackoffThenRecoversByItself()
    {
        await using var h = await EmulatorLiveHarness.StartAsync(o =>
        {
            o.BackoffBase = TimeSpan.FromMinutes(1);
            o.MaxBackoff = TimeSpan.FromMinutes(4);
        });
        await h.StartWatcherAsync();
        await h.Live.GetAsync(Alice, EmulatorLiveHarness.Ct);
        var inbox = new Inbox<AccountUpdate>();
        using var sub = h.Live.Watch(Alice, inbox.Add);
        await h.TickAsync();
        Assert.True(h.Live.GetStatus(EmulatorLiveHarness.ServerName).Reachable);

        await h.StopServerAsync();
        await h.TickAsync();
        var down = h.Time.GetUtcNow();
        var status = h.Live.GetStatus(EmulatorLiveHarness.ServerName);
        Assert.False(status.Reachable);
        Assert.Equal(down, status.UnreachableSince);
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.Equal(down + TimeSpan.FromMinutes(1), status.NextCheck);
        var outage = (await inbox.WaitForAsync(1))[0];
        Assert.Empty(outage.Changes);
        Assert.False(outage.Status.Reachable);

        // Backoff: one poll interval later nothing happens; the second failure doubles the wait.
        await h.AdvanceAsync(h.Options.PollInterval, expectTick: false);
        Assert.Equal(2, h.Watcher.GetTicks(EmulatorLiveHarness.ServerName));
        await h.AdvanceAsync(TimeSpan.FromMinutes(1) - h.Options.PollInterval);
        status = h.Live.GetStatus(EmulatorLiveHarness.ServerName);
        Assert.Equal((false, 2, down), (status.Reachable, status.ConsecutiveFailures, status.UnreachableSince));
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromMinutes(2), status.NextCheck);

        // The panel comes back (same emulator state, new HTTP server, same port) with a change made meanwhile.
        h.Control.AddFtpAccountDirect("alice", "alice-shop.com", "alice_during_outage");
        await h.RestartServerAsync();
        await h.AdvanceAsync(TimeSpan.FromMinutes(2));

        status = h.Live.GetStatus(EmulatorLiveHarness.ServerName);
        Assert.Equal((true, 0, (DateTimeOffset?)null), (status.Reachable, status.ConsecutiveFailures, status.UnreachableSince));
        Assert.Equal(h.Time.GetUtcNow(), status.LastSuccess);
        // The change is published while the poll runs; the "reachable again" status follows it, so it is the last item.
        var items = await inbox.WaitUntilAsync(u => u.Any(x => x.Changes.Any(c => c.Login == "alice_during_outage"))
            && u.Any(x => x.Changes.Count == 0 && x.Status.Reachable));
        Assert.True(items[^1].Status.Reachable);
        Assert.Equal(ChangeSource.External, items.SelectMany(u => u.Changes).Single(c => c.Login == "alice_during_outage").Source);
        Assert.Equal(
            [false, true],
            h.Live.RecentEvents.Where(e => e.Kind == LiveEventKind.Status).Reverse().Select(e => e.Status!.Reachable).ToList());

        // Back to the normal interval.
        await h.TickAsync();
        Assert.Equal(5, h.Watcher.GetTicks(EmulatorLiveHarness.ServerName));
    }

    [Fact]
    public async Task Tick_ListUsersAnswers500_UnreachableThenRecoversOnNextPoll()
    {
        await using var h = await EmulatorLiveHarness.StartAsync();
        await h.StartWatcherAsync();
        using var sub = h.Live.Watch(Alice, _ => Task.CompletedTask);
        await h.TickAsync();

        // Two faults: the client retries a read once (ReadRetries = 1), so both attempts of one tick fail.
        h.Control.FailNext(HestiaCommands.ListUsers, EmulatorFault.Http500BeforeApplying, count: 2);
        await h.TickAsync();
        var failed = h.Live.GetStatus(EmulatorLiveHarness.ServerName);
        await h.AdvanceAsync(HestiaWatcher.Backoff(h.Options, 1));
        var recovered = h.Live.GetStatus(EmulatorLiveHarness.ServerName);

        Assert.False(failed.Reachable);
        Assert.NotNull(failed.UnreachableSince);
        Assert.Contains("500", failed.LastError, StringComparison.Ordinal);
        Assert.True(recovered.Reachable);
        Assert.Null(recovered.UnreachableSince);
        Assert.Equal(4, h.Calls(HestiaCommands.ListUsers));
    }

    [Fact]
    public async Task Tick_StaffWatchAndDomainSuspendedOnUnwatchedAccount_CounterChangeTriggersReadWithinOneTick()
    {
        await using var h = await EmulatorLiveHarness.StartAsync(o => o.SweepReadsPerTick = 0);
        await h.StartWatcherAsync();
        var staff = new Inbox<LiveEvent>();
        using var sub = h.Live.WatchAll(staff.Add);
        await h.Live.GetAsync(Carol, EmulatorLiveHarness.Ct);
        await h.TickAsync();
        h.Emulator.ResetCallCounts();

        h.Control.SuspendWebDomain("carol", "yoga-rivage.fr");
        await h.TickAsync();

        var items = await staff.WaitUntilAsync(i => i.Any(e => e.Kind == LiveEventKind.Change));
        var change = items.Single(e => e.Kind == LiveEventKind.Change).Change!;
        Assert.Equal((Carol, ChangeKind.DomainSuspended, "yoga-rivage.fr", ChangeSource.External), (change.Key, change.Kind, change.Domain, change.Source));
        Assert.Equal(1, h.Calls(HestiaCommands.ListUsers));
        Assert.Equal(1, h.Calls(HestiaCommands.ListWebDomains));
    }
}
