using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public sealed class LiveAccountsTests : IAsyncLifetime
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(500);
    private LiveStack _stack = null!;

    public async ValueTask InitializeAsync() => _stack = await LiveStack.StartAsync();

    public ValueTask DisposeAsync() => _stack.DisposeAsync();

    private static AccountKey[] FourAccounts { get; } =
        [LiveStack.Alice, new(LiveStack.ServerName, "bob"), LiveStack.Carol, new(LiveStack.ServerName, "admin")];

    [Fact]
    public async Task ReadForOverviewAsync_FourAccountsAtOnce_SendsAtMostTwoReadsOfTheServerAtATime()
    {
        foreach (var key in FourAccounts)
        {
            _stack.SignIn(key);
        }
        _stack.ResetCalls();
        _stack.Emulator.Calls.Reset();
        // Each read stays open at the server for a while, so reads sent together are in flight together (counted there).
        _stack.Control.SetLatency(Latency, TimeSpan.Zero);

        var snapshots = await Task.WhenAll(FourAccounts.Select(k => _stack.Live.ReadForOverviewAsync(k, LiveStack.Ct)));

        Assert.Equal(4, _stack.Calls(HestiaCommands.ListWebDomains));
        Assert.InRange(_stack.Emulator.Calls.MostInFlight(HestiaCommands.ListWebDomains), 1, LiveOptionsDefaults.ConcurrentReadsPerServer);
        Assert.Equal(FourAccounts, snapshots.Select(s => s.Key));
        Assert.All(FourAccounts, k => Assert.NotNull(_stack.Store.Get(k)));
    }

    [Fact]
    public async Task ReadForOverviewAsync_WhileAPageOpenReadsTheSameAccount_SharesTheRead()
    {
        _stack.SignIn(LiveStack.Alice);
        _stack.ResetCalls();

        var page = _stack.Live.GetAsync(LiveStack.Alice, LiveStack.Ct);
        var overview = _stack.Live.ReadForOverviewAsync(LiveStack.Alice, LiveStack.Ct);
        await Task.WhenAll(page, overview);

        Assert.Equal(1, _stack.Calls(HestiaCommands.ListWebDomains));
    }

    private static class LiveOptionsDefaults
    {
        public static int ConcurrentReadsPerServer { get; } = new LiveOptions().ConcurrentReadsPerServer;
    }
}
