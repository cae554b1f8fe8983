using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>Redis going away and coming back. This class kills its own redis-server, so it shares it with no other class.</summary>
public sealed class RedisConnectionTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Server = ScaleOutCluster.ServerName;
    private static readonly AccountKey Alice = new(Server, "alice");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisKilled_InstancesFallBackAndSayDegraded_ThenResumeWhenItIsBack()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        void Settings(IDictionary<string, string?> s)
        {
            s["Live:PollInterval"] = "01:00:00";
            s["Redis:LeaseDuration"] = "00:00:02";
            s["Redis:LeaseMargin"] = "00:00:00.500";
            s["Redis:LeaseRenewInterval"] = "00:00:00.200";
        }

        var a = cluster.AddInstance(Settings);
        var b = cluster.AddInstance(Settings);
        await a.StartAsync();
        await b.StartAsync();
        using var watch = b.Registry.Register(Alice);
        await a.Reader.ReadAsync(Alice, Ct, force: true);
        await b.Reader.ReadAsync(Alice, Ct, force: true);
        var status = b.Services.GetRequiredService<IScaleOutStatus>();
        var statusChanges = 0;
        status.Changed += () => Interlocked.Increment(ref statusChanges);

        await redis.KillAsync();
        await Until.TrueAsync(() => a.Redis.Degraded && b.Redis.Degraded, "both instances to notice Redis is gone");

        Assert.True(status.Degraded);
        Assert.True(a.Lease.MayPoll(Server));
        Assert.True(b.Lease.MayPoll(Server));
        await using (var held = await a.Services.GetRequiredService<IHestiaMutationLock>().TryAcquireAsync(Server, TimeSpan.FromSeconds(5), Ct))
        {
            Assert.NotNull(held);
        }

        var onA = new TaskCompletionSource<AccountUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (a.Feed.Subscribe(Alice, u => Task.FromResult(onA.TrySetResult(u))))
        {
            cluster.Emulator.Control.AddFtpAccountDirect("alice", "alice-shop.com", "alice_outage", "/public_html");
            await a.Reader.ReadAsync(Alice, Ct, force: true);
            Assert.Equal("alice_outage", (await onA.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct)).Changes.Single().Login);
        }

        await redis.StartAsync();
        await Until.TrueAsync(() => !a.Redis.Degraded && !b.Redis.Degraded, "both instances to reconnect");
        await Until.TrueAsync(() => HasLogin(b, "alice_outage"), "B to re-read what its pages watch");

        Assert.False(status.Degraded);
        Assert.True(statusChanges >= 2);
        foreach (var instance in new[] { a, b })
        {
            Assert.Single(instance.Logs.Entries, e => e.Message.StartsWith("Redis is unreachable", StringComparison.Ordinal));
            Assert.Single(instance.Logs.Entries, e => e.Message.StartsWith("Redis is reachable again", StringComparison.Ordinal));
            Assert.DoesNotContain(instance.Logs.Entries, e => e.Contains(redis.Password));
        }

        // The client re-subscribes on its own after reconnecting; a message sent before both are subscribed again is lost
        // (that gap is what the re-read covers), so the last step starts once Redis counts both subscribers.
        await using var admin = await Until.AdminAsync(redis);
        var feed = StackExchange.Redis.RedisChannel.Literal(cluster.KeyPrefix + "feed");
        await Until.TrueAsync(() => admin.GetServer(admin.GetEndPoints()[0]).SubscriptionSubscriberCount(feed) == 2, "both instances to be subscribed to the feed again");
        var onB = new TaskCompletionSource<AccountUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = b.Feed.Subscribe(Alice, u => Task.FromResult(onB.TrySetResult(u)));
        cluster.Emulator.Control.AddFtpAccountDirect("alice", "alice-shop.com", "alice_after", "/public_html");
        await a.Reader.ReadAsync(Alice, Ct, force: true);
        Assert.Equal("alice_after", (await onB.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct)).Changes.Single().Login);
    }

    private static bool HasLogin(ScaleOutInstance instance, string login) =>
        instance.Store.Get(Alice)?.Domains.SelectMany(d => d.FtpAccounts).Any(f => f.Login == login) ?? false;
}
