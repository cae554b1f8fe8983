using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Live;

/// <summary>A read was not sent because the server is unreachable and a probe was made moments ago; nothing is cached either.</summary>
public sealed class ServerUnavailableException(string server)
    : Exception($"HestiaCP server {server} is unreachable; the last attempt was moments ago.")
{
    public string Server { get; } = server;
}

/// <summary>
/// Every read of HestiaCP that feeds the live store goes through here: page opens and reloads, the poller, circuit
/// revalidation, and the read-back after a mutation. Reads of one account are shared: while one is in flight, or when
/// the last one is under <see cref="LiveOptions.CoalesceWindow"/> old, callers get its result (50 concurrent opens of one
/// account cost one call; opens of different accounts run in parallel). Each read is applied to the store and its changes
/// go out on the feed at once. While the server is unreachable, at most one read per probe interval is sent; the others
/// get the cached snapshot (its <see cref="AccountSnapshot.AsOf"/> says how old it is).
/// </summary>
public sealed class AccountReader(
    IHestiaClientProvider clients,
    IAccountStore store,
    IChangeFeed feed,
    IServerHealth health,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<AccountReader> logger,
    IRecentReads? recentReads = null)
{
    private readonly IRecentReads _recentReads = recentReads ?? NoRecentReads.Instance;
    private readonly LiveOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<AccountKey, Flight<AccountSnapshot>> _accounts = [];
    private readonly Dictionary<AccountKey, Flight<HestiaUser?>> _users = [];
    private readonly Dictionary<string, Flight<int>> _userLists = new(StringComparer.Ordinal);

    /// <summary>
    /// The account as HestiaCP has it now: one <c>v-list-web-domains</c> (plus <c>v-list-user</c> when the store has never
    /// seen the user, e.g. after a restart), shared with concurrent and very recent readers. <paramref name="force"/>
    /// ("Refresh now", "Retry now") reads at once: it joins a read in flight but takes no recent one, and it is sent even
    /// while the server is marked unreachable.
    /// </summary>
    public Task<AccountSnapshot> ReadAsync(AccountKey key, CancellationToken cancellationToken, bool force = false) =>
        Share(_accounts, key, force ? () => null : () => store.Get(key), () => ReadAccountCoreAsync(key, force), cancellationToken);

    /// <summary>The panel user now (<c>v-list-user</c>), shared like <see cref="ReadAsync"/>; null when it no longer exists.</summary>
    public Task<HestiaUser?> ReadUserAsync(AccountKey key, CancellationToken cancellationToken) =>
        Share(_users, key, () => store.GetUser(key) is { } stored ? new Box<HestiaUser?>(stored.User) : null, () => ReadUserCoreAsync(key), cancellationToken);

    /// <summary>Every user of a server (<c>v-list-users</c>), applied to the store; returns how many were listed.</summary>
    public Task<int> ReadUserListAsync(string server, CancellationToken cancellationToken) =>
        Share(_userLists, server, () => null, () => ReadUserListCoreAsync(server), cancellationToken);

    /// <summary>The sign-in's own <c>v-list-user</c> feeds the store, so the first page view needs only the domains.</summary>
    public void ApplySignIn(AccountKey key, HestiaUser user) =>
        Publish(store.ApplyUser(key, user, store.NextSequence(), time.GetUtcNow(), ChangeSource.External));

    /// <summary>
    /// A mutation's read-back (<c>v-list-web-domain</c>, taken by the service right after the mutation) feeds the store and
    /// the fan-out. <paramref name="sequence"/> must have been taken before the mutation was sent.
    /// </summary>
    public AccountSnapshot? ApplyReadBack(AccountKey key, string domain, WebDomain readBack, long sequence, DateTimeOffset at)
    {
        var result = store.ApplyDomain(key, domain, readBack, sequence, at, ChangeSource.Dashboard);
        Publish(result);
        return result.Snapshot;
    }

    /// <summary>A change no listing can show (a password change).</summary>
    public void PublishPasswordChanged(AccountKey key, string domain, string login) =>
        Publish(new StoreResult(key, store.Get(key),
            [new AccountChange(key, ChangeKind.FtpPasswordChanged, domain, login, ChangeSource.Dashboard, time.GetUtcNow())]));

    private async Task<AccountSnapshot> ReadAccountCoreAsync(AccountKey key, bool force)
    {
        if (!force && await _recentReads.TryGetAsync(key, CancellationToken.None).ConfigureAwait(false) is { } recent)
        {
            return ApplyRecent(recent);
        }

        if (!force && !health.TryReserveCall(key.Server))
        {
            return store.Get(key) ?? throw new ServerUnavailableException(key.Server);
        }

        var client = clients.Get(key.Server);
        var sequence = store.NextSequence();
        var at = time.GetUtcNow();
        try
        {
            var userTask = store.GetUser(key) is null ? client.GetUserAsync(key.User, CancellationToken.None) : null;
            var domains = await client.ListWebDomainsAsync(key.User, CancellationToken.None).ConfigureAwait(false);
            if (userTask is not null)
            {
                Publish(store.ApplyUser(key, await userTask.ConfigureAwait(false), sequence, at, ChangeSource.External));
            }

            var result = store.ApplyDomains(key, domains, sequence, at, ChangeSource.External);
            Publish(result);
            if (result.Snapshot is { } read)
            {
                _recentReads.Offer(read);
            }

            return result.Snapshot!;
        }
        catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist)
        {
            Publish(store.ApplyUser(key, null, sequence, at, ChangeSource.External));
            var result = store.ApplyDomains(key, [], sequence, at, ChangeSource.External);
            Publish(result);
            return result.Snapshot!;
        }
        catch (HestiaException ex) when (store.Get(key) is { } cached)
        {
            logger.LogWarning("Reading {Account} failed ({Code}); serving the snapshot of {AsOf}", key, ex.Code, cached.AsOf);
            return cached;
        }
    }

    /// <summary>Another instance's read of moments ago: applied to the store like one of ours, so this instance's pages see its changes.</summary>
    private AccountSnapshot ApplyRecent(AccountSnapshot recent)
    {
        if (store.Get(recent.Key) is { } local && local.AsOf >= recent.AsOf)
        {
            return local;
        }

        var sequence = store.NextSequence();
        if (recent.User is not null)
        {
            Publish(store.ApplyUser(recent.Key, recent.User, sequence, recent.AsOf, ChangeSource.External));
        }

        var result = store.ApplyDomains(recent.Key, recent.Domains, sequence, recent.AsOf, ChangeSource.External);
        Publish(result);
        return result.Snapshot ?? recent;
    }

    private async Task<HestiaUser?> ReadUserCoreAsync(AccountKey key)
    {
        var sequence = store.NextSequence();
        var at = time.GetUtcNow();
        HestiaUser? user;
        try
        {
            user = await clients.Get(key.Server).GetUserAsync(key.User, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist)
        {
            user = null;
        }

        Publish(store.ApplyUser(key, user, sequence, at, ChangeSource.External));
        return user;
    }

    private async Task<int> ReadUserListCoreAsync(string server)
    {
        var sequence = store.NextSequence();
        var at = time.GetUtcNow();
        var users = await clients.Get(server).ListUsersAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var result in store.ApplyUserList(server, users, sequence, at))
        {
            Publish(result);
        }

        return users.Count;
    }

    private void Publish(StoreResult result) => feed.Publish(result, health.Get(result.Key.Server));

    /// <summary>
    /// Joins a read in flight, serves one under the coalescing window from the store, or starts one. The read itself is
    /// never cancelled by a waiter leaving (others may share it); it is bounded by the client's read deadline.
    /// </summary>
    private Task<T> Share<TKey, T>(Dictionary<TKey, Flight<T>> flights, TKey key, Func<object?> cached, Func<Task<T>> read, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var now = time.GetUtcNow();
        TaskCompletionSource<T> started;
        lock (_gate)
        {
            if (flights.TryGetValue(key, out var flight))
            {
                if (!flight.Task.IsCompleted)
                {
                    return flight.Task.WaitAsync(cancellationToken);
                }

                if (flight.Task.IsCompletedSuccessfully && now - flight.Started < _options.CoalesceWindow && cached() is { } value)
                {
                    return Task.FromResult(value is Box<T> box ? box.Value : (T)value);
                }
            }

            started = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            flights[key] = new Flight<T>(started.Task, now);
        }

        _ = RunAsync(started, read);
        return started.Task.WaitAsync(cancellationToken);
    }

    private static async Task RunAsync<T>(TaskCompletionSource<T> started, Func<Task<T>> read)
    {
        try
        {
            started.SetResult(await read().ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            started.SetException(ex);
        }
    }

    private sealed record Flight<T>(Task<T> Task, DateTimeOffset Started);

    private sealed record Box<T>(T Value);
}
