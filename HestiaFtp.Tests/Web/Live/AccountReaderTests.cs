using HestiaFtp.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public sealed class AccountReaderTests : IAsyncLifetime
{
    private LiveStack _stack = null!;

    public async ValueTask InitializeAsync() => _stack = await LiveStack.StartAsync();

    public ValueTask DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task ReadAsync_ColdViewAfterSignIn_CostsOneCall()
    {
        _stack.SignIn(LiveStack.Alice);
        _stack.ResetCalls();

        var snapshot = await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);

        Assert.Equal(1, _stack.TotalCalls);
        Assert.Equal(1, _stack.Calls(HestiaCommands.ListWebDomains));
        Assert.Contains(snapshot.Domains, d => d.Name == "alice-shop.com");
    }

    [Fact]
    public async Task ReadAsync_WithoutTheUserInTheStore_ReadsTheUserToo()
    {
        _stack.ResetCalls();

        var snapshot = await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);

        Assert.Equal((1, 1, 2), (_stack.Calls(HestiaCommands.ListUser), _stack.Calls(HestiaCommands.ListWebDomains), _stack.TotalCalls));
        Assert.Equal("alice", snapshot.User!.Name);
    }

    [Fact]
    public async Task ReadAsync_FiftyConcurrentOpensOfOneAccount_ShareOneCall()
    {
        _stack.SignIn(LiveStack.Alice);
        _stack.ResetCalls();

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct))));

        Assert.Equal(1, _stack.TotalCalls);
        Assert.All(snapshots, s => Assert.Equal(snapshots[0].Domains.Count, s.Domains.Count));
    }

    [Fact]
    public async Task ReadAsync_WithinTheCoalesceWindow_IsServedFromTheStoreAndAfterItReadsAgain()
    {
        _stack.SignIn(LiveStack.Alice);
        await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        _stack.ResetCalls();

        _stack.Time.Advance(_stack.Options.CoalesceWindow - TimeSpan.FromMilliseconds(1));
        await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        Assert.Equal(0, _stack.TotalCalls);

        _stack.Time.Advance(TimeSpan.FromMilliseconds(1));
        await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        Assert.Equal(1, _stack.TotalCalls);
    }

    [Fact]
    public async Task ReadAsync_OfDifferentAccounts_IsNotQueuedBehindASlowOne()
    {
        // A slow panel answer for alice (held 60 s, within a 2-minute read deadline) must not hold up carol's read.
        await using var stack = await LiveStack.StartAsync(settings: s =>
        {
            s["Hestia:Servers:0:ReadTimeout"] = "00:02:00";
            s["Hestia:Servers:0:ReadDeadline"] = "00:02:00";
        });
        stack.SignIn(LiveStack.Alice);
        stack.SignIn(LiveStack.Carol);
        stack.Control.FailNext(HestiaCommands.ListWebDomains, EmulatorFault.Delay, delay: TimeSpan.FromSeconds(60));
        var alice = stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        await WaitUntilAsync(() => stack.Calls(HestiaCommands.ListWebDomains) == 1);

        var carol = await stack.Reader.ReadAsync(LiveStack.Carol, LiveStack.Ct);

        Assert.Contains(carol.Domains, d => d.Name == "bakery-lumiere.fr");
        Assert.False(alice.IsCompleted);
    }

    [Fact]
    public async Task ReadAsync_AfterAnOutOfBandChange_ShowsItAndPublishesIt()
    {
        _stack.SignIn(LiveStack.Alice);
        await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        var received = new Received<AccountUpdate>();
        using var subscription = _stack.Feed.Subscribe(LiveStack.Alice, received.Handle);

        _stack.Control.AddFtpAccountDirect("alice", "alice-shop.com", "alice_panel", "/public_html");
        _stack.Control.SuspendWebDomain("alice", "alice-dev.org");
        _stack.Time.Advance(_stack.Options.CoalesceWindow);
        var reloaded = await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);

        Assert.Contains(reloaded.Domains.Single(d => d.Name == "alice-shop.com").FtpAccounts, a => a.Login == "alice_panel");
        Assert.True(reloaded.Domains.Single(d => d.Name == "alice-dev.org").Suspended);
        var update = await received.FirstAsync(u => u.Changes.Any(c => c.Kind == ChangeKind.FtpAdded));
        Assert.Contains(update.Changes, c => c is { Kind: ChangeKind.FtpAdded, Login: "alice_panel", To: "/public_html", Source: ChangeSource.External });
        Assert.Contains(update.Changes, c => c is { Kind: ChangeKind.DomainSuspended, Domain: "alice-dev.org" });
    }

    [Fact]
    public async Task ReadAsync_WhileMarkedUnreachable_ServesTheCachedSnapshotAndProbesOncePerInterval()
    {
        _stack.SignIn(LiveStack.Alice);
        var cached = await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        _stack.Health.OnCallCompleted(new HestiaCallRecord(LiveStack.ServerName, HestiaCommands.ListWebDomains, false, HestiaCallOutcome.TransportFailed, TimeSpan.Zero, "refused"));
        _stack.ResetCalls();

        _stack.Time.Advance(_stack.Options.CoalesceWindow);
        var during = await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        Assert.Equal(0, _stack.TotalCalls);
        Assert.Equal(cached.AsOf, during.AsOf);

        _stack.Time.Advance(_stack.Options.ProbeInterval);
        await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        Assert.Equal(1, _stack.TotalCalls);
        // The probe's answer, through the client's call observer, clears the outage.
        Assert.True(_stack.Health.Get(LiveStack.ServerName).Reachable);
    }

    [Fact]
    public async Task ReadAsync_Forced_IsSentEvenWhileMarkedUnreachable()
    {
        _stack.SignIn(LiveStack.Alice);
        _stack.Health.OnCallCompleted(new HestiaCallRecord(LiveStack.ServerName, HestiaCommands.ListWebDomains, false, HestiaCallOutcome.TransportFailed, TimeSpan.Zero, "refused"));
        _stack.Health.TryReserveCall(LiveStack.ServerName);
        _stack.ResetCalls();

        await _stack.Live.RefreshNowAsync(LiveStack.Alice, LiveStack.Ct);

        Assert.Equal(1, _stack.Calls(HestiaCommands.ListWebDomains));
    }

    [Fact]
    public async Task RefreshNowAsync_RightAfterARead_ReadsAgainAtOnce()
    {
        _stack.SignIn(LiveStack.Alice);
        await _stack.Reader.ReadAsync(LiveStack.Alice, LiveStack.Ct);
        _stack.ResetCalls();

        await _stack.Live.RefreshNowAsync(LiveStack.Alice, LiveStack.Ct);

        Assert.Equal(1, _stack.Calls(HestiaCommands.ListWebDomains));
    }

    [Fact]
    public async Task ReadUserAsync_ConcurrentRevalidationsOfOneAccount_ShareOneCall()
    {
        _stack.ResetCalls();

        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _stack.Reader.ReadUserAsync(LiveStack.Alice, LiveStack.Ct))));

        Assert.Equal(1, _stack.Calls(HestiaCommands.ListUser));
        Assert.All(users, u => Assert.Equal("alice", u!.Name));
    }

    [Fact]
    public async Task ReadUserAsync_DeletedUser_ReturnsNullAndMarksTheAccountGone()
    {
        var user = await _stack.Reader.ReadUserAsync(new AccountKey(LiveStack.ServerName, "nobody"), LiveStack.Ct);

        Assert.Null(user);
        Assert.Null(_stack.Store.GetUser(new AccountKey(LiveStack.ServerName, "nobody"))!.User);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10, LiveStack.Ct);
        }

        Assert.True(condition());
    }
}
