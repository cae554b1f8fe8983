using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Live;

/// <summary>
/// The change feed: delivers account updates (carrying the snapshot, not only a description) and server status changes
/// to every open page that watches, and to staff. A seam for scale-out: a distributed feed (Redis pub/sub) can implement
/// it so a change made through one dashboard instance reaches the pages of every instance. The in-process implementation
/// is <see cref="InProcessChangeFeed"/>. It does no authorization: callers check access before subscribing.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Sends an account's new snapshot and its changes to that account's subscribers and, per change, to staff.</summary>
    void Publish(StoreResult result, ServerStatus status);

    /// <summary>Sends a server status to every subscriber of that server's accounts and to staff (<paramref name="announce"/>: kept as an event).</summary>
    void PublishStatus(ServerStatus status, bool announce);

    /// <summary>A page watches one account; the handler runs on a thread-pool thread, in publication order.</summary>
    ILiveSubscription Subscribe(AccountKey key, Func<AccountUpdate, Task> handler);

    /// <summary>Staff: every change and status of every server.</summary>
    ILiveSubscription SubscribeAll(Func<LiveEvent, Task> handler);

    /// <summary>The last changes and status changes of all servers, newest first (bounded).</summary>
    IReadOnlyList<LiveEvent> RecentEvents { get; }
}

/// <inheritdoc cref="IChangeFeed"/>
/// <remarks>Postings happen under one short lock so every subscriber sees the same order; handlers run on their own pumps.</remarks>
public sealed class InProcessChangeFeed(IOptions<LiveOptions> options, TimeProvider time, ILogger<InProcessChangeFeed> logger) : IChangeFeed
{
    private readonly LiveOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<AccountKey, List<Subscription<AccountUpdate>>> _accounts = [];
    private readonly List<Subscription<LiveEvent>> _staff = [];
    private readonly Queue<LiveEvent> _recent = new();

    public IReadOnlyList<LiveEvent> RecentEvents
    {
        get
        {
            lock (_gate)
            {
                return _recent.Reverse().ToList();
            }
        }
    }

    public void Publish(StoreResult result, ServerStatus status)
    {
        if (result.Changes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_accounts.TryGetValue(result.Key, out var subscribers))
            {
                var update = new AccountUpdate(result.Key, result.Snapshot, result.Changes, status);
                foreach (var subscriber in subscribers)
                {
                    subscriber.Post(update);
                }
            }

            foreach (var change in result.Changes)
            {
                var item = LiveEvent.ForChange(change);
                Remember(item);
                foreach (var subscriber in _staff)
                {
                    subscriber.Post(item);
                }
            }
        }

        logger.LogInformation("{Count} change(s) on {Account} ({Source})", result.Changes.Count, result.Key, result.Changes[0].Source);
    }

    public void PublishStatus(ServerStatus status, bool announce)
    {
        var at = time.GetUtcNow();
        lock (_gate)
        {
            if (announce)
            {
                var item = LiveEvent.ForStatus(status, at);
                Remember(item);
                foreach (var (key, subscribers) in _accounts.Where(p => string.Equals(p.Key.Server, status.Server, StringComparison.Ordinal)))
                {
                    var update = new AccountUpdate(key, null, [], status);
                    foreach (var subscriber in subscribers)
                    {
                        subscriber.Post(update);
                    }
                }

                foreach (var subscriber in _staff)
                {
                    subscriber.Post(item);
                }
            }

            var checkedItem = LiveEvent.ForChecked(status, at);
            foreach (var subscriber in _staff)
            {
                subscriber.Post(checkedItem);
            }
        }
    }

    public ILiveSubscription Subscribe(AccountKey key, Func<AccountUpdate, Task> handler)
    {
        var subscription = new Subscription<AccountUpdate>(handler, _options.SubscriberQueueCapacity, s => Forget(key, s), logger);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(key, out var list))
            {
                _accounts[key] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    public ILiveSubscription SubscribeAll(Func<LiveEvent, Task> handler)
    {
        var subscription = new Subscription<LiveEvent>(handler, _options.SubscriberQueueCapacity, ForgetStaff, logger);
        lock (_gate)
        {
            _staff.Add(subscription);
        }

        return subscription;
    }

    private void Remember(LiveEvent item)
    {
        _recent.Enqueue(item);
        while (_recent.Count > _options.RecentEventCapacity)
        {
            _recent.Dequeue();
        }
    }

    private void Forget(AccountKey key, Subscription<AccountUpdate> subscription)
    {
        if (!subscription.IsDisposed)
        {
            return;
        }

        lock (_gate)
        {
            if (_accounts.TryGetValue(key, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _accounts.Remove(key);
            }
        }
    }

    private void ForgetStaff(Subscription<LiveEvent> subscription)
    {
        if (!subscription.IsDisposed)
        {
            return;
        }

        lock (_gate)
        {
            _staff.Remove(subscription);
        }
    }
}
