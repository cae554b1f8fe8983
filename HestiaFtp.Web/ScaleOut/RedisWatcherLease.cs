using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// One watcher per HestiaCP server across every instance: a lease in Redis (<c>SET NX PX</c>), renewed every
/// <see cref="RedisOptions.LeaseRenewInterval"/> by its holder only (the renewal checks the holder's token). The holder
/// fences itself: it polls only while its last successful renewal was sent less than lease − margin ago by its own clock,
/// so it has stopped before Redis can expire the lease and hand it to another instance, whether its renewals fail or hang.
/// A dead holder's lease expires and another instance takes it within lease + renewal interval (under two lease periods);
/// a holder that stops releases it at once. While Redis is unreachable every instance polls for its own pages (the
/// in-process fallback, <see cref="RedisWatchRegistry"/> then counts only its own registrations).
/// </summary>
public sealed class RedisWatcherLease : BackgroundService, IWatcherLease
{
    private const string RenewScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private readonly RedisConnection _redis;
    private readonly RedisOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisWatcherLease> _logger;
    private readonly Dictionary<string, Held> _servers;

    public RedisWatcherLease(RedisConnection redis, IOptions<RedisOptions> options, IOptions<HestiaOptions> hestia, TimeProvider time, ILogger<RedisWatcherLease> logger)
    {
        _redis = redis;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _servers = hestia.Value.Servers.ToDictionary(s => s.Name, _ => new Held(), StringComparer.Ordinal);
    }

    public bool MayPoll(string server) => !_redis.Available || Holds(server);

    /// <summary>Whether this instance holds the lease of <paramref name="server"/> and is inside its self-fenced part of it.</summary>
    public bool Holds(string server)
    {
        var held = _servers[server];
        lock (held)
        {
            return held.RenewedAt is { } sent && _time.GetElapsedTime(sent) < _options.LeaseDuration - _options.LeaseMargin;
        }
    }

    /// <summary>One round: the holder renews, the others try to take a free lease. Internal so tests can drive it.</summary>
    internal async Task RenewAsync()
    {
        foreach (var (server, held) in _servers)
        {
            bool holding;
            lock (held)
            {
                holding = held.RenewedAt is not null;
            }

            var key = _redis.Key("lease:" + server);
            var sent = _time.GetTimestamp();
            bool ok;
            try
            {
                ok = holding
                    ? (long)await _redis.Database.ScriptEvaluateAsync(RenewScript, [key], [_redis.InstanceId, (long)_options.LeaseDuration.TotalMilliseconds]).ConfigureAwait(false) == 1
                    : await _redis.Database.StringSetAsync(key, _redis.InstanceId, _options.LeaseDuration, When.NotExists).ConfigureAwait(false);
            }
            catch (RedisException ex)
            {
                // Not renewed: the fence (lease − margin since the last renewal was sent) stops polling in time.
                _logger.LogDebug(ex, "Renewing the watcher lease of {Server} failed", server);
                continue;
            }

            lock (held)
            {
                held.RenewedAt = ok ? sent : null;
            }

            if (ok != holding)
            {
                _logger.LogInformation(ok ? "This instance now watches HestiaCP server {Server}" : "This instance no longer watches HestiaCP server {Server}", server);
            }
        }
    }

    /// <summary>Gives up every lease held (at shutdown), so another instance takes over at once.</summary>
    internal async Task ReleaseAsync()
    {
        foreach (var (server, held) in _servers)
        {
            lock (held)
            {
                if (held.RenewedAt is null)
                {
                    continue;
                }

                held.RenewedAt = null;
            }

            await _redis.Database.ScriptEvaluateAsync(ReleaseScript, [_redis.Key("lease:" + server)], [_redis.InstanceId]).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_redis.Available)
            {
                await RenewAsync().ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(_options.LeaseRenewInterval, _time, stoppingToken).ConfigureAwait(false);
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
        try
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Releasing the watcher leases failed; they expire on their own");
        }
    }

    private sealed class Held
    {
        /// <summary>When the last successful renewal (or the acquisition) was sent, by this instance's clock; null when not held.</summary>
        public long? RenewedAt { get; set; }
    }
}
