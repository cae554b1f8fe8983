using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// The per-server mutation lock across instances, fair and bounded. A waiter takes a ticket (a counter) and queues in a
/// sorted set by it; the head of the queue, and only the head, may take the lock (<c>SET NX PX</c> with its own token),
/// so waiters are served in arrival order across every instance. A waiter refreshes a short-lived "alive" key while it
/// waits, and a head whose key has expired (its instance died) is dropped; one whose wait runs out leaves the queue and
/// nothing is sent. The holder releases with a script that deletes the lock only if it still holds its token, so a
/// holder that outlived <see cref="RedisOptions.MutationLockExpiry"/> (the safety net) can never release another's.
/// </summary>
/// <remarks>
/// Not DistributedLock.Redis: its Redlock-style acquire retries at random intervals with no queue, so under contention a
/// waiter can lose to later arrivals until its wait runs out. While Redis is unreachable, each instance falls back to
/// its in-process lock (mutations of one instance stay serialized; instances are not, which RedisConnection logs).
/// </remarks>
public sealed class RedisMutationLock(RedisConnection redis, IOptions<RedisOptions> options, ILogger<RedisMutationLock> logger) : IHestiaMutationLock
{
    // KEYS: queue, lock, ticket counter. ARGV: token, lock ttl ms, waiter ttl ms, prefix of waiters' alive keys.
    private const string AcquireScript = """
        redis.call('SET', ARGV[4] .. ARGV[1], '1', 'PX', ARGV[3])
        if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
          redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[3]), ARGV[1])
        end
        while true do
          local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
          if head == ARGV[1] then
            if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
              redis.call('ZREM', KEYS[1], ARGV[1])
              redis.call('DEL', ARGV[4] .. ARGV[1])
              return 1
            end
            return 0
          end
          if redis.call('EXISTS', ARGV[4] .. head) == 1 then
            return 0
          end
          redis.call('ZREM', KEYS[1], head)
        end
        """;

    // KEYS: queue. ARGV: token, prefix of waiters' alive keys.
    private const string LeaveScript = "redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('DEL', ARGV[2] .. ARGV[1]) return 1";

    // KEYS: lock. ARGV: token.
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly InProcessMutationLock _fallback = new();
    private readonly RedisOptions _options = options.Value;

    public async Task<IAsyncDisposable?> TryAcquireAsync(string server, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (!redis.Available)
        {
            return await _fallback.TryAcquireAsync(server, maxWait, cancellationToken).ConfigureAwait(false);
        }

        var token = redis.InstanceId + ":" + Guid.NewGuid().ToString("N");
        RedisKey[] keys = [redis.Key("lock-queue:" + server), redis.Key("lock:" + server), redis.Key("lock-ticket:" + server)];
        var alive = redis.Key("lock-waiter:" + server + ":").ToString();
        RedisValue[] args = [token, (long)_options.MutationLockExpiry.TotalMilliseconds, (long)_options.LockWaiterExpiry.TotalMilliseconds, alive];
        var started = TimeProvider.System.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(maxWait);
        try
        {
            while (true)
            {
                if ((long)await redis.Database.ScriptEvaluateAsync(AcquireScript, keys, args).ConfigureAwait(false) == 1)
                {
                    return new Held(redis, keys[1], token, logger);
                }

                await Task.Delay(PollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await LeaveAsync(keys[0], token, alive).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            await LeaveAsync(keys[0], token, alive).ConfigureAwait(false);
            throw;
        }
        catch (RedisException ex)
        {
            // Redis went away while waiting: nothing has been sent yet, so wait the rest of the time on this instance's lock.
            logger.LogWarning("The mutation lock of {Server} could not be taken in Redis ({Error}); using this instance's own lock", server, ex.GetType().Name);
            var left = maxWait - TimeProvider.System.GetElapsedTime(started);
            return await _fallback.TryAcquireAsync(server, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LeaveAsync(RedisKey queue, string token, string alive)
    {
        try
        {
            await redis.Database.ScriptEvaluateAsync(LeaveScript, [queue], [token, alive]).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            // The alive key expires and the next head drops this ticket.
            logger.LogDebug(ex, "Leaving the mutation-lock queue failed");
        }
    }

    private sealed class Held(RedisConnection redis, RedisKey key, string token, ILogger logger) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await redis.Database.ScriptEvaluateAsync(ReleaseScript, [key], [token]).ConfigureAwait(false);
            }
            catch (RedisException ex)
            {
                logger.LogWarning("Releasing a mutation lock in Redis failed ({Error}); it expires on its own", ex.GetType().Name);
            }
        }
    }
}
