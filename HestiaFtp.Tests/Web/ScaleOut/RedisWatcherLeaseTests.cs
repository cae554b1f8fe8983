using System.Diagnostics;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.ScaleOut;

public sealed class RedisWatcherLeaseTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Server = ScaleOutCluster.ServerName;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void ShortLeases(IDictionary<string, string?> settings)
    {
        settings["Redis:LeaseDuration"] = "00:00:02";
        settings["Redis:LeaseMargin"] = "00:00:00.500";
        settings["Redis:LeaseRenewInterval"] = "00:00:00.200";
        settings["Redis:WatchHeartbeat"] = "00:00:00.200";
        settings["Live:PollInterval"] = "00:00:01";
    }

    [Fact]
    public async Task RenewAsync_TwoInstances_ExactlyOneHoldsTheLease()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance();
        var b = cluster.AddInstance();

        for (var round = 0; round < 3; round++)
        {
            await a.Lease.RenewAsync();
            await b.Lease.RenewAsync();
            Assert.True(a.Lease.Holds(Server));
            Assert.False(b.Lease.Holds(Server));
            Assert.False(b.Lease.MayPoll(Server));
        }
    }

    [Fact]
    public async Task Pollers_TwoInstancesWatching_OnlyTheHolderCallsHestiaAndItPollsWhatBothWatch()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance(ShortLeases);
        var b = cluster.AddInstance(ShortLeases);
        using var aliceOnA = a.Registry.Register(new AccountKey(Server, "alice"));
        using var carolOnB = b.Registry.Register(new AccountKey(Server, "carol"));
        await a.StartAsync();
        await b.StartAsync();
        await Until.TrueAsync(() => a.Lease.Holds(Server) || b.Lease.Holds(Server), "one instance to take the lease");
        var (holder, other) = a.Lease.Holds(Server) ? (a, b) : (b, a);

        await Until.TrueAsync(() => ReadsOf(holder, "alice") >= 2 && ReadsOf(holder, "carol") >= 2,
            "the holder to poll the accounts both instances' pages watch, twice");

        Assert.Empty(other.Requests.All);
    }

    [Fact]
    public async Task Crash_OfTheHolder_TheOtherTakesOverWithinTwoLeasePeriods()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance(ShortLeases);
        await a.StartAsync();
        await Until.TrueAsync(() => a.Lease.Holds(Server), "A to take the lease");
        var b = cluster.AddInstance(ShortLeases);
        await b.StartAsync();

        var stopwatch = Stopwatch.StartNew();
        await a.CrashAsync();
        await Until.TrueAsync(() => b.Lease.Holds(Server), "B to take over", timeout: 4 * Lease);

        Assert.True(stopwatch.Elapsed < 2 * Lease, $"took over after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task RenewAsync_WhenTheLeaseIsNoLongerItsOwn_TheHolderStopsPollingAtOnce()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance();
        await a.Lease.RenewAsync();
        Assert.True(a.Lease.MayPoll(Server));
        await using var admin = await Until.AdminAsync(redis);
        // The lease expired behind A's back (e.g. A was paused) and another instance took it.
        await admin.GetDatabase().StringSetAsync(cluster.KeyPrefix + "lease:" + Server, "another-instance");

        await a.Lease.RenewAsync();

        Assert.False(a.Lease.MayPoll(Server));
        Assert.Equal("another-instance", (string?)await admin.GetDatabase().StringGetAsync(cluster.KeyPrefix + "lease:" + Server));
    }

    [Fact]
    public async Task Holds_WhileARenewalHangsPastLeaseMinusMargin_FencesItselfBeforeRedisExpiresTheLease()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = cluster.AddInstance(s =>
        {
            s["Redis:LeaseDuration"] = "00:01:00";
            s["Redis:LeaseMargin"] = "00:00:10";
        }, s => s.AddSingleton<TimeProvider>(clock));
        await a.Lease.RenewAsync();
        Assert.True(a.Lease.MayPoll(Server));
        await using var admin = await Until.AdminAsync(redis);
        var server = admin.GetServer(admin.GetEndPoints()[0]);

        // Writes (and scripts) wait while Redis is paused: A's renewal hangs, its connection stays up.
        await server.ExecuteAsync("CLIENT", "PAUSE", "10000", "WRITE");
        try
        {
            var renewal = a.Lease.RenewAsync();
            clock.Advance(TimeSpan.FromSeconds(49));
            Assert.True(a.Lease.MayPoll(Server));
            clock.Advance(TimeSpan.FromSeconds(1));

            Assert.False(renewal.IsCompleted);
            Assert.False(a.Redis.Degraded);
            Assert.False(a.Lease.MayPoll(Server));
            Assert.True(await admin.GetDatabase().KeyTimeToLiveAsync(cluster.KeyPrefix + "lease:" + Server) > TimeSpan.Zero);
        }
        finally
        {
            await server.ExecuteAsync("CLIENT", "UNPAUSE");
        }
    }

    private static int ReadsOf(ScaleOutInstance instance, string user) =>
        instance.Requests.All.Count(r => r.Command == HestiaCommands.ListWebDomains && r.Form.GetValueOrDefault("arg1") == user);
}
