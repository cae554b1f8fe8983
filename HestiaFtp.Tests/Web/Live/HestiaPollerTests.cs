using HestiaFtp.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public sealed class HestiaPollerTests : IAsyncLifetime
{
    private LiveStack _stack = null!;

    public async ValueTask InitializeAsync() => _stack = await LiveStack.StartAsync();

    public ValueTask DisposeAsync() => _stack.DisposeAsync();

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(1, 1000, true)]
    [InlineData(2, 0, false)]
    [InlineData(2, 10, true)]
    [InlineData(10, 100, true)]
    [InlineData(10, 50, false)]
    [InlineData(11, 1000, false)]
    [InlineData(100, 1000, false)]
    public void PerUserReadsAreCheaper_FollowsTheCostModelWithinTheCallBudget(int watched, int knownUsers, bool expected) =>
        // 75 ms a call, 12 ms per listed user: W × 75 ≤ 75 + N × 12; and 2 × W calls within 2 calls/s × 10 s.
        Assert.Equal(expected, HestiaPoller.PerUserReadsAreCheaper(new LiveOptions(), watched, knownUsers));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(20, 10)]
    [InlineData(21, 10.5)]
    [InlineData(40, 20)]
    public void NextDelay_StretchesTheIntervalToStayWithinTheBudget(int calls, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), HestiaPoller.NextDelay(new LiveOptions(), calls));

    [Fact]
    public async Task TickAsync_NobodyWatching_MakesNoCall()
    {
        _stack.ResetCalls();

        var delay = await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        Assert.Equal(0, _stack.TotalCalls);
        Assert.Equal(_stack.Options.PollInterval, delay);
    }

    [Fact]
    public async Task TickAsync_OneWatchedAccount_ReadsItsUserAndItsDomains()
    {
        using var watch = _stack.Live.Watch(LiveStack.Alice, _ => Task.CompletedTask);
        _stack.ResetCalls();

        await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        Assert.Equal((1, 1, 2), (_stack.Calls(HestiaCommands.ListUser), _stack.Calls(HestiaCommands.ListWebDomains), _stack.TotalCalls));
    }

    [Fact]
    public async Task TickAsync_ManyTabsOfOneAccount_CostTheSameAsOne()
    {
        var watches = Enumerable.Range(0, 25).Select(_ => _stack.Live.Watch(LiveStack.Alice, _ => Task.CompletedTask)).ToList();
        _stack.ResetCalls();

        await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        Assert.Equal(2, _stack.TotalCalls);
        watches.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task TickAsync_PausedWatch_DoesNotCount()
    {
        using var watch = _stack.Live.Watch(LiveStack.Alice, _ => Task.CompletedTask);
        watch.Pause();
        _stack.ResetCalls();

        await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        Assert.Equal(0, _stack.TotalCalls);
    }

    [Fact]
    public async Task TickAsync_StaffWatching_ListsAllUsersOnceAndSweepsBoundedly()
    {
        using var staff = _stack.Live.WatchAll(_ => Task.CompletedTask);
        _stack.ResetCalls();

        await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        Assert.Equal(1, _stack.Calls(HestiaCommands.ListUsers));
        Assert.Equal(0, _stack.Calls(HestiaCommands.ListUser));
        Assert.InRange(_stack.Calls(HestiaCommands.ListWebDomains), 1, _stack.Options.ChangedReadsPerTick + _stack.Options.SweepReadsPerTick);
    }

    [Fact]
    public async Task TickAsync_OutOfBandChanges_ReachTheWatchingPageInOneTick()
    {
        var received = new Received<AccountUpdate>();
        using var watch = _stack.Live.Watch(LiveStack.Alice, received.Handle);
        await _stack.Live.GetAsync(LiveStack.Alice, LiveStack.Ct);

        _stack.Control.SuspendUser("alice");
        _stack.Control.DeleteFtpAccountDirect("alice", "alice-shop.com", "alice_media");
        _stack.Time.Advance(_stack.Options.PollInterval);
        await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        await received.FirstAsync(u => u.Changes.Any(c => c.Kind == ChangeKind.UserSuspended));
        await received.FirstAsync(u => u.Changes.Any(c => c is { Kind: ChangeKind.FtpRemoved, Login: "alice_media" }));
    }

    [Fact]
    public async Task TickAsync_WhileUnreachable_ProbesOnceAndWaitsTheProbeInterval()
    {
        _stack.SignIn(LiveStack.Alice);
        using var watch = _stack.Live.Watch(LiveStack.Alice, _ => Task.CompletedTask);
        _stack.Health.OnCallCompleted(new HestiaCallRecord(LiveStack.ServerName, HestiaCommands.ListWebDomains, false, HestiaCallOutcome.TransportFailed, TimeSpan.Zero, "refused"));
        _stack.Time.Advance(_stack.Options.ProbeInterval);
        _stack.ResetCalls();

        var delay = await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        Assert.Equal(_stack.Options.ProbeInterval, delay);
        Assert.Equal(1, _stack.TotalCalls);
        Assert.True(_stack.Health.Get(LiveStack.ServerName).Reachable);
    }

    [Fact]
    public async Task TickAsync_WhenTheServerStopsAnswering_MarksItUnreachableAtTheFirstFailedCall()
    {
        _stack.SignIn(LiveStack.Alice);
        var received = new Received<AccountUpdate>();
        using var watch = _stack.Live.Watch(LiveStack.Alice, received.Handle);
        await _stack.Server.DisposeAsync();

        await _stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);

        var update = await received.FirstAsync(u => !u.Status.Reachable);
        Assert.Equal(1, update.Status.ConsecutiveFailures);
        Assert.Null(update.Snapshot);
    }

    [Theory]
    [InlineData(EmulatorOutage.RefuseConnections)]
    [InlineData(EmulatorOutage.NeverAnswer)]
    public async Task Ticks_ThroughAnOutage_MarkItAtTheFirstFailedCallAndClearItAtTheFirstAnswer(EmulatorOutage outage)
    {
        // A short read deadline keeps the never-answering case quick; it bounds the wait, nothing is timed.
        await using var stack = await LiveStack.StartAsync(settings: s =>
        {
            s["Hestia:Servers:0:ReadTimeout"] = "00:00:01";
            s["Hestia:Servers:0:ReadDeadline"] = "00:00:01";
        });
        stack.SignIn(LiveStack.Alice);
        var received = new Received<AccountUpdate>();
        using var watch = stack.Live.Watch(LiveStack.Alice, received.Handle);
        await stack.Live.GetAsync(LiveStack.Alice, LiveStack.Ct);

        await stack.Server.SetOutageAsync(outage, LiveStack.Ct);
        stack.Time.Advance(stack.Options.PollInterval);
        var next = await stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);
        var down = await received.FirstAsync(u => !u.Status.Reachable);
        // The tick that found the outage is followed by a probe, not a whole poll interval later.
        Assert.Equal(stack.Options.ProbeInterval, next);

        stack.ResetCalls();
        stack.Time.Advance(next);
        Assert.Equal(stack.Options.ProbeInterval, await stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct));
        Assert.False(stack.Health.Get(LiveStack.ServerName).Reachable);

        await stack.Server.SetOutageAsync(EmulatorOutage.None, LiveStack.Ct);
        stack.Time.Advance(stack.Options.ProbeInterval);
        await stack.Poller.TickAsync(LiveStack.ServerName, LiveStack.Ct);
        var up = await received.FirstAsync(u => u.Status.Reachable && u.Changes.Count == 0 && u.Status.LastSuccess is not null);

        Assert.Equal(stack.Time.GetUtcNow() - stack.Options.ProbeInterval - next, down.Status.UnreachableSince);
        // One probe per probe interval: the one during the outage (held and counted by a never-answering panel, refused at
        // the socket otherwise) and the one that found it back.
        Assert.Equal(outage == EmulatorOutage.NeverAnswer ? 2 : 1, stack.Calls(HestiaCommands.ListWebDomains));
        Assert.Equal(stack.Time.GetUtcNow(), up.Status.LastSuccess);
    }
}
