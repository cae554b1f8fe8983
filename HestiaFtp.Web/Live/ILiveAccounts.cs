namespace HestiaFtp.Web.Live;

/// <summary>
/// The shared live store and feed of HestiaCP accounts (one singleton per app). It does no authorization: callers must
/// check that the current user may see an <see cref="AccountKey"/> before <see cref="GetAsync"/> or <see cref="Watch"/>,
/// and give <see cref="WatchAll"/>, <see cref="GetOverviewAsync"/> and <see cref="RecentEvents"/> to staff only.
/// </summary>
public interface ILiveAccounts
{
    /// <summary>The configured server names.</summary>
    IReadOnlyList<string> Servers { get; }

    /// <summary>
    /// The account's current snapshot: cached when it is younger than the poll interval, otherwise read
    /// (<c>v-list-user</c> when the user record is stale, then <c>v-list-web-domains</c>). When the read fails and a
    /// cached snapshot exists, the cached one is returned (its <see cref="AccountSnapshot.AsOf"/> says how old it is).
    /// </summary>
    Task<AccountSnapshot> GetAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Targeted read after a dashboard mutation (<c>v-list-user</c> + <c>v-list-web-domains</c>): diffs with the
    /// previous snapshot and publishes the changes to every watcher right away (not via the poll).
    /// </summary>
    Task<AccountSnapshot> RefreshAsync(AccountKey key, ChangeSource source, CancellationToken cancellationToken);

    /// <summary>Like <see cref="RefreshAsync"/> but reads only one domain (<c>v-list-web-domain</c>), cheaper on accounts with many domains.</summary>
    Task<AccountSnapshot> RefreshDomainAsync(AccountKey key, string domain, ChangeSource source, CancellationToken cancellationToken);

    /// <summary>Publishes a change no listing can show (a password change). Detail must never contain the password.</summary>
    Task PublishAsync(AccountChange change, CancellationToken cancellationToken);

    /// <summary>
    /// A circuit watches one account: <paramref name="onUpdate"/> receives changes and server status changes, in order,
    /// on a thread-pool thread (marshal with <c>InvokeAsync</c>). While at least one unpaused subscription exists the
    /// watcher lists this account's domains every tick. Dispose to stop.
    /// </summary>
    ILiveSubscription Watch(AccountKey key, Func<AccountUpdate, Task> onUpdate);

    /// <summary>Staff: every change, status change and "checked" tick of every server. Makes the watcher poll all servers.</summary>
    ILiveSubscription WatchAll(Func<LiveEvent, Task> onEvent);

    ServerStatus GetStatus(string server);

    /// <summary>The last changes and status changes of all servers, newest first (bounded).</summary>
    IReadOnlyList<LiveEvent> RecentEvents { get; }

    /// <summary>Staff overview of one server; reads <c>v-list-users</c> when the cached list is older than the poll interval.</summary>
    Task<ServerOverview> GetOverviewAsync(string server, CancellationToken cancellationToken);

    /// <summary>
    /// Polls the server now (the "refresh now" button), even when nobody watches. After an authentication failure this
    /// makes exactly one attempt, and polling resumes if it succeeds.
    /// </summary>
    Task<ServerStatus> RefreshNowAsync(string server, CancellationToken cancellationToken);
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
