using HestiaFtp.Web.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// Coalesced reads across instances: every snapshot read from HestiaCP is kept in Redis until it is
/// <see cref="LiveOptions.CoalesceWindow"/> old (counted from when its read was sent), and any instance about to read the
/// same account within that time takes it instead of calling HestiaCP. Redis down: no sharing, each instance reads for itself.
/// </summary>
public sealed class RedisRecentReads(RedisConnection redis, IOptions<LiveOptions> options, TimeProvider time, ILogger<RedisRecentReads> logger) : IRecentReads
{
    public async Task<AccountSnapshot?> TryGetAsync(AccountKey key, CancellationToken cancellationToken)
    {
        if (!redis.Available)
        {
            return null;
        }

        try
        {
            var value = await redis.Database.StringGetAsync(Key(key)).ConfigureAwait(false);
            return value.IsNull ? null : ScaleOutJson.Deserialize<AccountSnapshot>(value.ToString());
        }
        catch (RedisException ex)
        {
            logger.LogDebug(ex, "Reading a shared snapshot of {Account} failed", key);
            return null;
        }
    }

    public void Offer(AccountSnapshot snapshot)
    {
        var left = options.Value.CoalesceWindow - (time.GetUtcNow() - snapshot.AsOf);
        if (left <= TimeSpan.Zero || !redis.Available)
        {
            return;
        }

        try
        {
            redis.Database.StringSet(Key(snapshot.Key), ScaleOutJson.Serialize(snapshot), left, flags: CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogDebug(ex, "Sharing a snapshot of {Account} failed", snapshot.Key);
        }
    }

    private RedisKey Key(AccountKey key) => redis.Key("read:" + key.Server + ":" + key.User);
}
