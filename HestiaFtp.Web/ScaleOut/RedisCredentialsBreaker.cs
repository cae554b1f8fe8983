using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// The credentials breaker shared by every instance: when HestiaCP refuses the dashboard's own credentials on one
/// instance, every instance stops calling that server until the breaker closes, so several instances cannot add up to
/// fail2ban's five failures. An opened breaker is written to Redis (expiring when it closes) and announced on pub/sub;
/// each instance answers <see cref="IsOpen"/> from its own copy (no Redis round trip per HestiaCP call), which it reloads
/// from Redis at start and after an outage. Redis down: this instance's own breaker still protects it.
/// </summary>
public sealed class RedisCredentialsBreaker : IHestiaCredentialsBreaker
{
    private readonly InProcessCredentialsBreaker _local = new();
    private readonly RedisConnection _redis;
    private readonly IReadOnlyList<string> _servers;
    private readonly ILogger<RedisCredentialsBreaker> _logger;
    private readonly RedisChannel _channel;
    private readonly TimeProvider _time;
    private int _subscribed;

    public RedisCredentialsBreaker(RedisConnection redis, IOptions<HestiaOptions> hestia, TimeProvider time, ILogger<RedisCredentialsBreaker> logger)
    {
        _time = time;
        _redis = redis;
        _logger = logger;
        _servers = hestia.Value.Servers.Select(s => s.Name).ToList();
        _channel = redis.Channel("breaker");
        redis.Restored += Reload;
        Reload();
    }

    public bool IsOpen(string server, DateTimeOffset now, out HestiaReturnCode code) => _local.IsOpen(server, now, out code);

    public void Open(string server, HestiaReturnCode code, DateTimeOffset until)
    {
        _local.Open(server, code, until);
        if (!_redis.Available)
        {
            return;
        }

        var value = Format(server, code, until);
        var ttl = until - _time.GetUtcNow();
        try
        {
            if (ttl > TimeSpan.Zero)
            {
                _redis.Database.StringSet(_redis.Key("breaker:" + server), value, ttl, flags: CommandFlags.FireAndForget);
            }

            _redis.Subscriber.Publish(_channel, value, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Sharing the open breaker of {Server} failed", server);
        }
    }

    private void Reload()
    {
        if (!_redis.Available)
        {
            return;
        }

        try
        {
            if (Interlocked.Exchange(ref _subscribed, 1) == 0)
            {
                _redis.Subscriber.Subscribe(_channel, (_, value) => Apply(value.ToString()));
            }

            foreach (var server in _servers)
            {
                if (_redis.Database.StringGet(_redis.Key("breaker:" + server)) is { IsNull: false } value)
                {
                    Apply(value.ToString());
                }
            }
        }
        catch (RedisException ex)
        {
            Interlocked.Exchange(ref _subscribed, 0);
            _logger.LogDebug(ex, "Reading shared breakers failed; trying again when Redis is back");
        }
    }

    private void Apply(string value)
    {
        // server|code|until (Unix ms): server names are configuration names without '|'.
        var parts = value.Split('|');
        if (parts.Length == 3 && Enum.TryParse<HestiaReturnCode>(parts[1], out var code) && long.TryParse(parts[2], out var until))
        {
            _local.Open(parts[0], code, DateTimeOffset.FromUnixTimeMilliseconds(until));
        }
    }

    private static string Format(string server, HestiaReturnCode code, DateTimeOffset until) =>
        $"{server}|{code}|{until.ToUnixTimeMilliseconds()}";
}
