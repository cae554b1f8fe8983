using HestiaFtp.Web.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// This instance's one connection to Redis, shared by every scale-out part, and whether it is up. Redis down is not an
/// error: the parts fall back to this instance's own data and limits, the loss and the recovery are logged once each,
/// pages show that live updates are degraded (<see cref="IScaleOutStatus"/>), and <see cref="Restored"/> lets the parts
/// catch up on what they missed. Commands fail fast while disconnected rather than queueing.
/// </summary>
public sealed class RedisConnection : IScaleOutStatus, IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly string _prefix;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _reconcile;
    private bool _interactiveUp;
    private bool _subscriptionUp;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _prefix = options.Value.KeyPrefix;
        InstanceId = Environment.MachineName + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = ConfigurationOptions.Parse(options.Value.Configuration ?? throw new InvalidOperationException("Redis:Configuration is not set."));
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        configuration.ClientName ??= "hestiaftp-" + InstanceId;
        _multiplexer = ConnectionMultiplexer.Connect(configuration);
        _interactiveUp = _subscriptionUp = _multiplexer.IsConnected;
        if (!_multiplexer.IsConnected)
        {
            _logger.LogWarning("Redis is unreachable: this instance works on its own data and limits until it is back");
        }

        _multiplexer.ConnectionFailed += (_, e) => Update(e.ConnectionType, up: false, e.FailureType.ToString());
        _multiplexer.ConnectionRestored += (_, e) => Update(e.ConnectionType, up: true, null);
        // The multiplexer raises its events on the thread pool, so a "failed" can be handled after the "restored" that
        // followed it; the actual state is checked twice a second so the flags cannot stay wrong.
        _reconcile = TimeProvider.System.CreateTimer(_ => Reconcile(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Names this process in Redis (watch registrations, lease holder, lock tickets).</summary>
    public string InstanceId { get; }

    public IDatabase Database => _multiplexer.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.GetSubscriber();

    public bool Available
    {
        get
        {
            lock (_gate)
            {
                return _interactiveUp && _subscriptionUp;
            }
        }
    }

    public bool Degraded => !Available;

    public event Action? Changed;

    /// <summary>Raised (on a thread-pool thread) when Redis is reachable again after an outage.</summary>
    public event Action? Restored;

    public RedisKey Key(string name) => _prefix + name;

    public RedisChannel Channel(string name) => RedisChannel.Literal(_prefix + name);

    public void Dispose()
    {
        _reconcile.Dispose();
        _multiplexer.Dispose();
    }

    private void Reconcile()
    {
        bool interactive, subscription;
        try
        {
            interactive = _multiplexer.IsConnected;
            subscription = interactive && _multiplexer.GetSubscriber().IsConnected();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        Update(ConnectionType.Interactive, interactive, "not connected");
        Update(ConnectionType.Subscription, subscription, "not connected");
    }

    private void Update(ConnectionType type, bool up, string? failure)
    {
        bool before, after;
        lock (_gate)
        {
            before = _interactiveUp && _subscriptionUp;
            if (type == ConnectionType.Subscription)
            {
                _subscriptionUp = up;
            }
            else
            {
                _interactiveUp = up;
            }

            after = _interactiveUp && _subscriptionUp;
        }

        if (before == after)
        {
            return;
        }

        if (after)
        {
            _logger.LogWarning("Redis is reachable again: live updates, the watcher lease and the shared limits resume");
            ThreadPool.QueueUserWorkItem(_ =>
            {
                Changed?.Invoke();
                Restored?.Invoke();
            });
        }
        else
        {
            _logger.LogWarning("Redis is unreachable ({Failure}): this instance works on its own data and limits until it is back", failure);
            ThreadPool.QueueUserWorkItem(_ => Changed?.Invoke());
        }
    }
}
