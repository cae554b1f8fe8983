namespace HestiaFtp.Web.Live;

/// <summary>
/// Whether this instance's poller may poll a server now. A seam for scale-out: with several dashboard instances only the
/// holder of the server's watcher lease polls (see <c>ScaleOut/RedisWatcherLease</c>); a single instance always may.
/// </summary>
public interface IWatcherLease
{
    bool MayPoll(string server);
}

/// <summary>
/// Reads of HestiaCP made by other dashboard instances moments ago. A seam for scale-out: with Redis, a read under
/// <see cref="LiveOptions.CoalesceWindow"/> old made by any instance serves the others (see <c>ScaleOut/RedisRecentReads</c>);
/// a single instance has only its own (kept by <see cref="AccountReader"/>), so it shares nothing.
/// </summary>
public interface IRecentReads
{
    /// <summary>A snapshot another instance read less than the coalescing window ago, or null.</summary>
    Task<AccountSnapshot?> TryGetAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>Offers a snapshot just read from HestiaCP to the other instances.</summary>
    void Offer(AccountSnapshot snapshot);
}

/// <summary>One dashboard instance: it always polls its servers.</summary>
public sealed class SingleInstanceWatcher : IWatcherLease
{
    public static SingleInstanceWatcher Instance { get; } = new();

    public bool MayPoll(string server) => true;
}

/// <summary>One dashboard instance: no other instance reads for it.</summary>
public sealed class NoRecentReads : IRecentReads
{
    public static NoRecentReads Instance { get; } = new();

    public Task<AccountSnapshot?> TryGetAsync(AccountKey key, CancellationToken cancellationToken) => Task.FromResult<AccountSnapshot?>(null);

    public void Offer(AccountSnapshot snapshot)
    {
    }
}

/// <summary>
/// Whether live updates from other dashboard instances are degraded (Redis unreachable: this instance works on its own
/// data and limits until it is back). A single instance is never degraded.
/// </summary>
public interface IScaleOutStatus
{
    bool Degraded { get; }

    /// <summary>Raised on a thread-pool thread when <see cref="Degraded"/> changes.</summary>
    event Action? Changed;
}

/// <inheritdoc cref="IScaleOutStatus"/>
public sealed class SingleInstanceStatus : IScaleOutStatus
{
    public bool Degraded => false;

    public event Action? Changed
    {
        add { }
        remove { }
    }
}
