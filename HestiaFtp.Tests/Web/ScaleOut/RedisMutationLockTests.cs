using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.ScaleOut;

public sealed class RedisMutationLockTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Server = ScaleOutCluster.ServerName;
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAcquireAsync_WaitersOnTwoInstances_AreServedInArrivalOrderAndNeverOverlap()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = Lock(cluster.AddInstance());
        var b = Lock(cluster.AddInstance());
        await using var admin = await Until.AdminAsync(redis);
        var queue = cluster.KeyPrefix + "lock-queue:" + Server;
        var first = await a.TryAcquireAsync(Server, LongWait, Ct);
        Assert.NotNull(first);

        var order = new List<string>();
        var inside = 0;
        var overlaps = 0;
        var waiters = new List<Task>();
        foreach (var (name, instance) in new[] { ("b1", b), ("a2", a), ("b3", b), ("a4", a), ("b5", b) })
        {
            var queued = waiters.Count + 1;
            waiters.Add(Task.Run(async () =>
            {
                await using var held = await instance.TryAcquireAsync(Server, LongWait, Ct) ?? throw new InvalidOperationException(name + " timed out");
                if (Interlocked.Increment(ref inside) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                lock (order)
                {
                    order.Add(name);
                }

                await Task.Delay(30, Ct);
                Interlocked.Decrement(ref inside);
            }, Ct));
            // The next waiter arrives only once this one holds its place in the queue.
            await Until.TrueAsync(() => admin.GetDatabase().SortedSetLength(queue) == queued, name + " to queue");
        }

        await first.DisposeAsync();
        await Task.WhenAll(waiters).WaitAsync(LongWait, Ct);

        Assert.Equal(["b1", "a2", "b3", "a4", "b5"], order);
        Assert.Equal(0, overlaps);
        Assert.Equal(0, admin.GetDatabase().SortedSetLength(queue));
    }

    [Fact]
    public async Task TryAcquireAsync_WhenHeldLongerThanTheWait_ReturnsNullAndLeavesTheQueue()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = Lock(cluster.AddInstance());
        var b = Lock(cluster.AddInstance());
        await using var held = await a.TryAcquireAsync(Server, LongWait, Ct);

        var refused = await b.TryAcquireAsync(Server, TimeSpan.FromMilliseconds(200), Ct);

        Assert.NotNull(held);
        Assert.Null(refused);
        await using var admin = await Until.AdminAsync(redis);
        Assert.Equal(0, await admin.GetDatabase().SortedSetLengthAsync(cluster.KeyPrefix + "lock-queue:" + Server));
    }

    [Fact]
    public async Task DisposeAsync_AfterTheLockExpiredAndAnotherTookIt_DoesNotReleaseTheOthersLock()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = Lock(cluster.AddInstance(s => s["Redis:MutationLockExpiry"] = "00:00:01"));
        var b = Lock(cluster.AddInstance(s => s["Redis:MutationLockExpiry"] = "00:01:00"));
        var stale = await a.TryAcquireAsync(Server, LongWait, Ct);
        Assert.NotNull(stale);
        // A outlives the safety net (its expiry runs on Redis's clock); B gets the lock once it expired.
        await using var current = await b.TryAcquireAsync(Server, LongWait, Ct);
        Assert.NotNull(current);

        await stale.DisposeAsync();

        Assert.Null(await a.TryAcquireAsync(Server, TimeSpan.FromMilliseconds(200), Ct));
    }

    [Fact]
    public async Task TryAcquireAsync_WhenTheHeadWaiterDied_TheNextIsServed()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = Lock(cluster.AddInstance());
        var b = Lock(cluster.AddInstance(s => s["Redis:LockWaiterExpiry"] = "00:00:00.300"));
        await using var admin = await Until.AdminAsync(redis);
        var database = admin.GetDatabase();
        var held = await a.TryAcquireAsync(Server, LongWait, Ct);
        // A waiter of an instance that died: its ticket is first in the queue, its alive key has expired.
        await database.SortedSetAddAsync(cluster.KeyPrefix + "lock-queue:" + Server, "dead-instance:ticket", 0);

        var waiter = b.TryAcquireAsync(Server, LongWait, Ct);
        await held!.DisposeAsync();

        await using var next = await waiter.WaitAsync(LongWait, Ct);
        Assert.NotNull(next);
    }

    private static IHestiaMutationLock Lock(ScaleOutInstance instance) => instance.Services.GetRequiredService<IHestiaMutationLock>();
}
