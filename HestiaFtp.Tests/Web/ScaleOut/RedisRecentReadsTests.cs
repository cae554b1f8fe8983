using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.ScaleOut;

public sealed class RedisRecentReadsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly AccountKey Alice = new(ScaleOutCluster.ServerName, "alice");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A window no test run can outlast, so the outcome does not depend on how fast the machine is.
    private static void LongWindow(IDictionary<string, string?> settings) => settings["Live:CoalesceWindow"] = "00:01:00";

    [Fact]
    public async Task ReadAsync_OnBWithinTheWindowOfAsRead_IsServedByAsReadWithoutACall()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance(LongWindow);
        var b = cluster.AddInstance(LongWindow);
        var read = await a.Reader.ReadAsync(Alice, Ct);

        var shared = await b.Reader.ReadAsync(Alice, Ct);

        Assert.Empty(b.Requests.All);
        Assert.Equal(1, cluster.Emulator.CallCounts.GetValueOrDefault(HestiaCommands.ListWebDomains));
        Assert.Equal(read.AsOf, shared.AsOf);
        Assert.Equal(read.Domains.SelectMany(d => d.FtpAccounts), shared.Domains.SelectMany(d => d.FtpAccounts));
        Assert.NotNull(b.Store.Get(Alice));
    }

    [Fact]
    public async Task ReadAsync_Forced_OnB_CallsHestiaEvenWithinTheWindow()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance(LongWindow);
        var b = cluster.AddInstance(LongWindow);
        await a.Reader.ReadAsync(Alice, Ct);

        await b.Reader.ReadAsync(Alice, Ct, force: true);

        Assert.Equal(1, b.RequestsOf(HestiaCommands.ListWebDomains));
    }
}
