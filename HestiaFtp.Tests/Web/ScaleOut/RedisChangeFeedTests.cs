using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.ScaleOut;

public sealed class RedisChangeFeedTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly AccountKey Alice = new(ScaleOutCluster.ServerName, "alice");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_ChangeReadOnA_ReachesBsSubscriberWithTheSnapshotWithoutACallFromB()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance();
        var b = cluster.AddInstance();
        await a.Reader.ReadAsync(Alice, Ct);
        await b.Reader.ReadAsync(Alice, Ct, force: true);
        var received = new TaskCompletionSource<AccountUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.Feed.Subscribe(Alice, update =>
        {
            received.TrySetResult(update);
            return Task.CompletedTask;
        });
        var bCalls = b.Requests.All.Count;

        cluster.Emulator.Control.AddFtpAccountDirect("alice", "alice-shop.com", "alice_scaleout", "/public_html");
        await a.Reader.ReadAsync(Alice, Ct, force: true);

        var update = await received.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var change = Assert.Single(update.Changes);
        Assert.Equal((ChangeKind.FtpAdded, "alice_scaleout"), (change.Kind, change.Login));
        Assert.Contains(update.Snapshot!.Domains.SelectMany(d => d.FtpAccounts), f => f.Login == "alice_scaleout");
        Assert.Contains(b.Store.Get(Alice)!.Domains.SelectMany(d => d.FtpAccounts), f => f.Login == "alice_scaleout");
        Assert.Equal(bCalls, b.Requests.All.Count);
    }

    [Fact]
    public async Task Restored_AfterBsConnectionsWereKilled_BReReadsWhatItsPagesWatch()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var b = cluster.AddInstance(s => s["Live:PollInterval"] = "01:00:00");
        await b.StartAsync();
        using var watch = b.Registry.Register(Alice);
        await b.Reader.ReadAsync(Alice, Ct, force: true);
        var reads = b.RequestsOf(HestiaCommands.ListWebDomains);
        // Made while B is cut off, and published by nobody: only a re-read can show it.
        cluster.Emulator.Control.AddFtpAccountDirect("alice", "alice-shop.com", "alice_missed", "/public_html");

        await using var admin = await Until.AdminAsync(redis);
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var name = "hestiaftp-" + b.Redis.InstanceId;
        foreach (var client in (await server.ClientListAsync()).Where(c => c.Name == name))
        {
            await server.ClientKillAsync(client.Address!);
        }

        await Until.TrueAsync(() => b.Store.Get(Alice)!.Domains.SelectMany(d => d.FtpAccounts).Any(f => f.Login == "alice_missed"),
            "B's store to show the account added while it was disconnected");
        Assert.True(b.RequestsOf(HestiaCommands.ListWebDomains) > reads);
        Assert.False(b.Redis.Degraded);
    }
}
