using HestiaFtp.Web.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// Server health across instances: statuses travel on the change feed (every instance's <see cref="ServerHealth"/> adopts
/// the others' announcements), and while a server is unreachable the one probe per <see cref="LiveOptions.ProbeInterval"/>
/// is shared too (<c>SET NX PX</c>), so a down server gets one probe per interval from all instances together, not one
/// from each. Redis down: this instance's own probe limit.
/// </summary>
public sealed class RedisServerHealth(ServerHealth local, RedisConnection redis, IOptions<LiveOptions> options, ILogger<RedisServerHealth> logger) : IServerHealth
{
    public ServerStatus Get(string server) => local.Get(server);

    public bool TryReserveCall(string server)
    {
        // This instance's own pacing first (it knows when it, or the instance whose call found the outage, last probed);
        // then one reservation per interval for all instances together.
        var allowed = local.TryReserveCall(server);
        if (!allowed || local.Get(server).Reachable || !redis.Available)
        {
            return allowed;
        }

        try
        {
            return redis.Database.StringSet(redis.Key("probe:" + server), redis.InstanceId, options.Value.ProbeInterval, When.NotExists);
        }
        catch (RedisException ex)
        {
            logger.LogDebug(ex, "Reserving a shared probe of {Server} failed", server);
            return true;
        }
    }

    public void MarkChecked(string server, DateTimeOffset? nextCheck) => local.MarkChecked(server, nextCheck);
}
