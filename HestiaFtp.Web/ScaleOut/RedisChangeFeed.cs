using HestiaFtp.Web.Live;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// The change feed across instances, on Redis pub/sub, carrying snapshots: what one instance publishes goes to its own
/// pages at once (through <see cref="InProcessChangeFeed"/>) and to every other instance, which applies the snapshot to
/// its store and delivers it to its pages. Server statuses travel the same way and are adopted by the other instances'
/// <see cref="ServerHealth"/>. Pub/sub drops what is sent while an instance is disconnected; <see cref="ReconnectResync"/>
/// re-reads what its pages watch when Redis is back. Redis down: pages still get this instance's own changes.
/// </summary>
public sealed class RedisChangeFeed : IChangeFeed
{
    private readonly InProcessChangeFeed _local;
    private readonly RedisConnection _redis;
    private readonly IAccountStore _store;
    private readonly IServiceProvider _services;
    private readonly ILogger<RedisChangeFeed> _logger;
    private readonly RedisChannel _channel;
    private readonly Lock _gate = new();
    private bool _subscribed;

    public RedisChangeFeed(InProcessChangeFeed local, RedisConnection redis, IAccountStore store, IServiceProvider services, ILogger<RedisChangeFeed> logger)
    {
        _local = local;
        _redis = redis;
        _store = store;
        _services = services;
        _logger = logger;
        _channel = redis.Channel("feed");
        redis.Restored += EnsureSubscribed;
        EnsureSubscribed();
    }

    public IReadOnlyList<LiveEvent> RecentEvents => _local.RecentEvents;

    public void Publish(StoreResult result, ServerStatus status)
    {
        _local.Publish(result, status);
        if (result.Changes.Count > 0)
        {
            Send(new FeedMessage(_redis.InstanceId, result.Key, result.Snapshot, result.Changes, status, Announce: false));
        }
    }

    public void PublishStatus(ServerStatus status, bool announce)
    {
        _local.PublishStatus(status, announce);
        Send(new FeedMessage(_redis.InstanceId, null, null, null, status, announce));
    }

    public ILiveSubscription Subscribe(AccountKey key, Func<AccountUpdate, Task> handler) => _local.Subscribe(key, handler);

    public ILiveSubscription SubscribeAll(Func<LiveEvent, Task> handler) => _local.SubscribeAll(handler);

    private void Send(FeedMessage message)
    {
        if (!_redis.Available)
        {
            return;
        }

        try
        {
            _redis.Subscriber.Publish(_channel, message.ToJson(), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            // The outage itself is logged once by RedisConnection; this instance's pages already have the change.
            _logger.LogDebug(ex, "Publishing to Redis failed");
        }
    }

    private void EnsureSubscribed()
    {
        lock (_gate)
        {
            if (_subscribed)
            {
                return;
            }

            try
            {
                _redis.Subscriber.Subscribe(_channel, (_, value) => Receive(value));
                _subscribed = true;
            }
            catch (RedisException ex)
            {
                _logger.LogDebug(ex, "Subscribing to the change feed failed; trying again when Redis is back");
            }
        }
    }

    private void Receive(RedisValue value)
    {
        try
        {
            var message = FeedMessage.FromJson(value.ToString());
            if (message is null || string.Equals(message.Origin, _redis.InstanceId, StringComparison.Ordinal))
            {
                return;
            }

            if (message.Key is null)
            {
                if (message.Status is { } status)
                {
                    _services.GetRequiredService<ServerHealth>().Adopt(status, message.Announce);
                    _local.PublishStatus(status, message.Announce);
                }

                return;
            }

            var changes = message.Changes ?? [];
            var moved = message.Snapshot is { } snapshot ? RemoteSnapshot.Import(_store, snapshot, changes) : [];
            // What the store cannot show (a password change) is news on its own; the rest only when this instance's store
            // moved, so a change that already reached it (a shared read) is not announced twice.
            var news = moved.Count > 0 ? changes : changes.Where(c => c.Kind == ChangeKind.FtpPasswordChanged).ToList();
            if (news.Count > 0)
            {
                _local.Publish(new StoreResult(message.Key, _store.Get(message.Key) ?? message.Snapshot, news),
                    _services.GetRequiredService<IServerHealth>().Get(message.Key.Server));
            }
        }
        catch (Exception ex)
        {
            // A malformed message (another version of the dashboard) must not stop the subscription.
            _logger.LogWarning(ex, "Ignored a change-feed message from Redis that could not be applied");
        }
    }
}
