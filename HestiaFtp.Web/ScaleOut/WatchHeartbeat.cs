using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>Beats <see cref="RedisWatchRegistry.HeartbeatAsync"/> every <see cref="RedisOptions.WatchHeartbeat"/>; leaves at shutdown.</summary>
public sealed class WatchHeartbeat(RedisWatchRegistry registry, RedisConnection redis, IOptions<RedisOptions> options, TimeProvider time,
    ILogger<WatchHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (redis.Available)
            {
                try
                {
                    await registry.HeartbeatAsync().ConfigureAwait(false);
                }
                catch (RedisException ex)
                {
                    // Redis went away mid-beat: RedisConnection logs the outage once; the next beat tries again.
                    logger.LogDebug(ex, "Watch heartbeat failed");
                }
            }

            try
            {
                await Task.Delay(options.Value.WatchHeartbeat, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (redis.Available)
        {
            try
            {
                await registry.LeaveAsync().ConfigureAwait(false);
            }
            catch (RedisException ex)
            {
                logger.LogDebug(ex, "Leaving the watch index failed; the entry expires on its own");
            }
        }
    }
}
