namespace HestiaFtp.Web.Live;

/// <summary>
/// What screens need of the live parts, in one place: reads through <see cref="AccountReader"/>, the feed
/// (<see cref="IChangeFeed"/>) with interest registered in <see cref="IWatchRegistry"/>, and server health
/// (<see cref="IServerHealth"/>). It does no authorization: callers must check that the current user may see an
/// <see cref="AccountKey"/> before <see cref="GetAsync"/> or <see cref="Watch"/>, and give <see cref="WatchAll"/>,
/// <see cref="GetOverviewAsync"/> and <see cref="RecentEvents"/> to staff only.
/// </summary>
public interface ILiveAccounts
{
    /// <summary>The configured server names.</summary>
    IReadOnlyList<string> Servers { get; }

    /// <summary>The account as HestiaCP has it now (one shared read; see <see cref="AccountReader.ReadAsync"/>).</summary>
    Task<AccountSnapshot> GetAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>
    /// A circuit watches one account: <paramref name="onUpdate"/> receives changes and server status changes, in order,
    /// on a thread-pool thread (marshal with <c>InvokeAsync</c>). While the subscription is active and unpaused the poller
    /// reads this account every tick. Dispose to stop.
    /// </summary>
    ILiveSubscription Watch(AccountKey key, Func<AccountUpdate, Task> onUpdate);

    /// <summary>Staff: every change, status change and "checked" tick of every server. Makes the poller read all servers.</summary>
    ILiveSubscription WatchAll(Func<LiveEvent, Task> onEvent);

    ServerStatus GetStatus(string server);

    /// <summary>The last changes and status changes of all servers, newest first (bounded).</summary>
    IReadOnlyList<LiveEvent> RecentEvents { get; }

    /// <summary>Staff overview of one server from the store; reads <c>v-list-users</c> when the list is older than the poll interval.</summary>
    Task<ServerOverview> GetOverviewAsync(string server, CancellationToken cancellationToken);

    /// <summary>
    /// Staff overview: reads one account's web domains (its FTP count) into the shared store, so every staff page sees it.
    /// The read is shared like <see cref="GetAsync"/>; reads through here wait their turn, at most
    /// <see cref="LiveOptions.ConcurrentReadsPerServer"/> at once per server for the whole process.
    /// </summary>
    Task<AccountSnapshot> ReadForOverviewAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>"Refresh now": reads the server's user list at once, even while it is marked unreachable, and returns its status.</summary>
    Task<ServerStatus> RefreshNowAsync(string server, CancellationToken cancellationToken);

    /// <summary>"Refresh now" on an account's page: reads it at once, even while the server is marked unreachable.</summary>
    Task<AccountSnapshot> RefreshNowAsync(AccountKey key, CancellationToken cancellationToken);
}

/// <summary>A subscription to the live feed. Paused subscriptions receive nothing and do not count as interest.</summary>
public interface ILiveSubscription : IDisposable
{
    bool IsPaused { get; }

    /// <summary>Items dropped while paused (or because the subscriber fell too far behind).</summary>
    long Missed { get; }

    void Pause();

    void Resume();
}
