using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Live;

/// <summary>
/// The live store and feed behind <see cref="ILiveAccounts"/>. State changes and postings to subscriber queues happen
/// under one short lock, so every subscriber sees the same order; handlers run later on their own pumps.
/// Every read is stamped with a sequence number taken before the call, and a read that started before the stored one is
/// discarded, so a slow poll can never overwrite the targeted read that followed a dashboard mutation.
/// </summary>
public sealed class LiveAccounts : ILiveAccounts
{
    private readonly IHestiaClientProvider _clients;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveAccounts> _logger;
    private readonly Dictionary<string, ServerState> _servers;
    private readonly Lock _gate = new();
    private readonly Dictionary<AccountKey, List<Subscription<AccountUpdate>>> _watchers = [];
    private readonly List<Subscription<LiveEvent>> _staff = [];
    private readonly Queue<LiveEvent> _recent = new();
    private long _seq;

    public LiveAccounts(IHestiaClientProvider clients, IOptions<LiveOptions> options, TimeProvider time, ILogger<LiveAccounts> logger)
    {
        _clients = clients;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _servers = clients.Servers.ToDictionary(s => s.Name, s => new ServerState(s.Name), StringComparer.Ordinal);
        Servers = [.. _servers.Keys];
    }

    public IReadOnlyList<string> Servers { get; }

    internal LiveOptions Options => _options;

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

    public ServerStatus GetStatus(string server)
    {
        var state = State(server);
        lock (_gate)
        {
            return state.Status;
        }
    }

    public async Task<AccountSnapshot> GetAsync(AccountKey key, CancellationToken cancellationToken)
    {
        var state = State(key.Server);
        AccountSnapshot? cached;
        bool readUser;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            state.Users.TryGetValue(key.User, out var entry);
            cached = entry?.Domains is null ? null : SnapshotLocked(state, key);
            if (entry is { User: not null, Domains: not null, DirtySeq: 0 } && now - entry.DomainsAsOf <= _options.PollInterval)
            {
                return cached!;
            }

            readUser = entry?.User is null || now - entry.UserAsOf > _options.PollInterval;
        }

        try
        {
            return await ReadAccountAsync(state, key, readUser, ChangeSource.External, cancellationToken).ConfigureAwait(false);
        }
        catch (HestiaException ex) when (cached is not null && ex.Code != HestiaReturnCode.NotExist)
        {
            _logger.LogWarning("Reading {Account} failed ({Code}); serving the snapshot of {AsOf}", key, ex.Code, cached.AsOf);
            return cached;
        }
    }

    public Task<AccountSnapshot> RefreshAsync(AccountKey key, ChangeSource source, CancellationToken cancellationToken) =>
        ReadAccountAsync(State(key.Server), key, readUser: true, source, cancellationToken);

    public async Task<AccountSnapshot> RefreshDomainAsync(AccountKey key, string domain, ChangeSource source, CancellationToken cancellationToken)
    {
        var state = State(key.Server);
        bool known;
        lock (_gate)
        {
            known = state.Users.TryGetValue(key.User, out var entry) && entry.Domains is not null && entry.User is not null;
        }

        if (!known)
        {
            return await ReadAccountAsync(state, key, readUser: true, source, cancellationToken).ConfigureAwait(false);
        }

        ThrowIfStopped(state, HestiaCommands.ListWebDomain);
        var seq = NextSeq();
        var at = _time.GetUtcNow();
        WebDomain? read;
        try
        {
            read = await _clients.Get(key.Server).GetWebDomainAsync(key.User, domain, cancellationToken).ConfigureAwait(false);
        }
        catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist)
        {
            read = null;
        }
        catch (HestiaException ex) when (ex.Code.IsAuthenticationFailure())
        {
            StopAfterAuthFailure(state, ex);
            throw;
        }

        lock (_gate)
        {
            var entry = state.Entry(key.User);
            if (entry.Domains is not null && entry.DomainsSeq < seq)
            {
                var merged = entry.Domains.Where(d => !string.Equals(d.Name, domain, StringComparison.Ordinal)).ToList();
                var index = entry.Domains.ToList().FindIndex(d => string.Equals(d.Name, domain, StringComparison.Ordinal));
                if (read is not null)
                {
                    merged.Insert(index < 0 ? merged.Count : index, read);
                }

                var changes = ApplyDomainsLocked(state, key, merged, seq, at, source, clearDirty: false);
                PublishLocked(state, key, changes);
            }

            return SnapshotLocked(state, key)!;
        }
    }

    public Task PublishAsync(AccountChange change, CancellationToken cancellationToken)
    {
        var state = State(change.Key.Server);
        lock (_gate)
        {
            PublishLocked(state, change.Key, [change]);
        }

        return Task.CompletedTask;
    }

    public ILiveSubscription Watch(AccountKey key, Func<AccountUpdate, Task> onUpdate)
    {
        State(key.Server);
        var subscription = new Subscription<AccountUpdate>(onUpdate, _options.SubscriberQueueCapacity, s => OnWatcherChanged(key, s), _logger);
        lock (_gate)
        {
            if (!_watchers.TryGetValue(key, out var list))
            {
                _watchers[key] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    public ILiveSubscription WatchAll(Func<LiveEvent, Task> onEvent)
    {
        var subscription = new Subscription<LiveEvent>(onEvent, _options.SubscriberQueueCapacity, OnStaffChanged, _logger);
        lock (_gate)
        {
            _staff.Add(subscription);
        }

        return subscription;
    }

    public async Task<ServerOverview> GetOverviewAsync(string server, CancellationToken cancellationToken)
    {
        var state = State(server);
        bool stale;
        lock (_gate)
        {
            stale = !state.Status.PollingStopped
                && (state.UsersAsOf is null || _time.GetUtcNow() - state.UsersAsOf > _options.PollInterval);
        }

        if (stale)
        {
            await PollAsync(server, force: true, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            var accounts = state.Users.Values
                .Where(e => e.User is not null)
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => new AccountOverview(
                    new AccountKey(server, e.Name),
                    e.User!,
                    e.Domains?.Select(d => new DomainOverview(d.Name, d.Suspended, d.FtpAccounts.Count, FtpHealthRules.ForDomain(e.User, d))).ToList(),
                    e.DomainsAsOf,
                    FtpHealthRules.ForAccount(e.User, e.Domains)))
                .ToList();
            return new ServerOverview(state.Status, accounts, state.UsersAsOf);
        }
    }

    public async Task<ServerStatus> RefreshNowAsync(string server, CancellationToken cancellationToken)
    {
        await PollAsync(server, force: true, cancellationToken).ConfigureAwait(false);
        return GetStatus(server);
    }

    /// <summary>
    /// One watcher tick for one server: <c>v-list-users</c>, then <c>v-list-web-domains</c> for every watched account,
    /// and, when staff watch, for up to <see cref="LiveOptions.ChangedReadsPerTick"/> accounts whose counters changed plus
    /// <see cref="LiveOptions.SweepReadsPerTick"/> others (round-robin, for FTP drift). No call at all when nobody watches.
    /// </summary>
    internal async Task<PollOutcome> PollAsync(string server, bool force, CancellationToken cancellationToken)
    {
        var state = State(server);
        bool staff;
        HashSet<string> watched;
        lock (_gate)
        {
            if (!force && state.Status.PollingStopped)
            {
                return PollOutcome.Stopped;
            }

            staff = _staff.Any(s => s.IsActive);
            watched = WatchedUsersLocked(server);
        }

        if (!force && !staff && watched.Count == 0)
        {
            return PollOutcome.Idle;
        }

        await state.PollLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var client = _clients.Get(server);
            var seq = NextSeq();
            var at = _time.GetUtcNow();
            var users = await client.ListUsersAsync(cancellationToken).ConfigureAwait(false);
            List<string> toRead;
            lock (_gate)
            {
                ApplyUserListLocked(state, users, seq, at);
                toRead = PlanDomainReadsLocked(state, watched, staff);
            }

            foreach (var user in toRead)
            {
                var userSeq = NextSeq();
                var userAt = _time.GetUtcNow();
                IReadOnlyList<WebDomain> domains;
                try
                {
                    domains = await client.ListWebDomainsAsync(user, cancellationToken).ConfigureAwait(false);
                }
                catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist)
                {
                    continue;
                }

                lock (_gate)
                {
                    var key = new AccountKey(server, user);
                    PublishLocked(state, key, ApplyDomainsLocked(state, key, domains, userSeq, userAt, ChangeSource.External, clearDirty: true));
                }
            }

            lock (_gate)
            {
                var old = state.Status;
                SetStatusLocked(state, old with
                {
                    Reachable = true, UnreachableSince = null, LastSuccess = at, LastError = null, LastChecked = at,
                    PollingStopped = false, ConsecutiveFailures = 0,
                }, announce: !old.Reachable || old.PollingStopped);
            }

            return PollOutcome.Succeeded;
        }
        catch (HestiaException ex) when (ex.Code.IsAuthenticationFailure())
        {
            StopAfterAuthFailure(state, ex);
            return PollOutcome.AuthFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var error = ex is HestiaException ? ex.Message : $"Unexpected {ex.GetType().Name} while polling";
            _logger.LogWarning(ex is HestiaException ? null : ex, "Polling HestiaCP server {Server} failed: {Error}", server, error);
            lock (_gate)
            {
                var old = state.Status;
                var now = _time.GetUtcNow();
                SetStatusLocked(state, old with
                {
                    Reachable = false, UnreachableSince = old.UnreachableSince ?? now, LastError = error, LastChecked = now,
                    ConsecutiveFailures = old.ConsecutiveFailures + 1,
                }, announce: old.Reachable);
            }

            return PollOutcome.Failed;
        }
        finally
        {
            state.PollLock.Release();
        }
    }

    internal bool HasInterest(string server)
    {
        lock (_gate)
        {
            return _staff.Any(s => s.IsActive) || WatchedUsersLocked(server).Count > 0;
        }
    }

    internal void SetNextCheck(string server, DateTimeOffset? at)
    {
        var state = State(server);
        lock (_gate)
        {
            state.Status = state.Status with { NextCheck = at };
        }
    }

    private async Task<AccountSnapshot> ReadAccountAsync(ServerState state, AccountKey key, bool readUser, ChangeSource source, CancellationToken cancellationToken)
    {
        ThrowIfStopped(state, readUser ? HestiaCommands.ListUser : HestiaCommands.ListWebDomains);
        var client = _clients.Get(key.Server);
        var seq = NextSeq();
        var at = _time.GetUtcNow();
        HestiaUser? user;
        IReadOnlyList<WebDomain> domains;
        try
        {
            user = readUser ? await client.GetUserAsync(key.User, cancellationToken).ConfigureAwait(false) : null;
            domains = await client.ListWebDomainsAsync(key.User, cancellationToken).ConfigureAwait(false);
        }
        catch (HestiaException ex) when (ex.Code.IsAuthenticationFailure())
        {
            StopAfterAuthFailure(state, ex);
            throw;
        }

        lock (_gate)
        {
            var changes = user is null ? [] : ApplyUserLocked(state, key, user, seq, at, source, announceNew: false);
            changes.AddRange(ApplyDomainsLocked(state, key, domains, seq, at, source, clearDirty: readUser));
            PublishLocked(state, key, changes);
            return SnapshotLocked(state, key)!;
        }
    }

    /// <summary>
    /// After HestiaCP refused the credentials, no read from a circuit may call the server either: fail2ban would count
    /// each one (5 in 10 minutes ban the dashboard's IP). Only <see cref="RefreshNowAsync"/> tries again.
    /// </summary>
    private void ThrowIfStopped(ServerState state, string command)
    {
        lock (_gate)
        {
            if (state.Status.PollingStopped)
            {
                throw new HestiaException(state.AuthFailureCode, command,
                    "Calls to this HestiaCP server are stopped because it refused the dashboard's credentials.");
            }
        }
    }

    private void StopAfterAuthFailure(ServerState state, HestiaException ex)
    {
        _logger.LogError("HestiaCP server {Server} refused the dashboard's credentials ({Code}); calls stopped to avoid a fail2ban ban", state.Name, ex.Code);
        lock (_gate)
        {
            var old = state.Status;
            var now = _time.GetUtcNow();
            state.AuthFailureCode = ex.Code;
            SetStatusLocked(state, old with
            {
                Reachable = false, UnreachableSince = old.UnreachableSince ?? now, LastError = ex.Message, LastChecked = now,
                PollingStopped = true, ConsecutiveFailures = old.ConsecutiveFailures + 1,
            }, announce: !old.PollingStopped);
        }
    }

    private List<AccountChange> ApplyUserLocked(ServerState state, AccountKey key, HestiaUser? user, long seq, DateTimeOffset at, ChangeSource source, bool announceNew)
    {
        var entry = state.Entry(key.User);
        if (entry.UserSeq > seq)
        {
            return [];
        }

        var before = entry.User;
        entry.User = user;
        entry.UserSeq = seq;
        entry.UserAsOf = at;
        if (user is null)
        {
            entry.Domains = entry.Domains is null ? null : [];
            entry.DomainsSeq = Math.Max(entry.DomainsSeq, seq);
            entry.DomainsAsOf = at;
        }
        else if (before is not null && (before.Suspended != user.Suspended || before.SuspendedWebDomains != user.SuspendedWebDomains
            || before.WebDomainCount != user.WebDomainCount))
        {
            entry.DirtySeq = seq;
        }

        return before is null && !announceNew ? [] : SnapshotDiff.Users(key, before, user, source, at);
    }

    private List<AccountChange> ApplyDomainsLocked(ServerState state, AccountKey key, IReadOnlyList<WebDomain> domains, long seq, DateTimeOffset at, ChangeSource source, bool clearDirty)
    {
        var entry = state.Entry(key.User);
        if (entry.DomainsSeq > seq)
        {
            return [];
        }

        var before = entry.Domains;
        entry.Domains = domains;
        entry.DomainsSeq = seq;
        entry.DomainsAsOf = at;
        if (clearDirty && entry.DirtySeq < seq)
        {
            entry.DirtySeq = 0;
        }

        return before is null ? [] : SnapshotDiff.Domains(key, before, domains, source, at);
    }

    private void ApplyUserListLocked(ServerState state, IReadOnlyList<HestiaUser> users, long seq, DateTimeOffset at)
    {
        var announceNew = state.UsersAsOf is not null;
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            listed.Add(user.Name);
            var key = new AccountKey(state.Name, user.Name);
            PublishLocked(state, key, ApplyUserLocked(state, key, user, seq, at, ChangeSource.External, announceNew));
        }

        foreach (var gone in state.Users.Values.Where(e => e.User is not null && !listed.Contains(e.Name)).Select(e => e.Name).ToList())
        {
            var key = new AccountKey(state.Name, gone);
            PublishLocked(state, key, ApplyUserLocked(state, key, null, seq, at, ChangeSource.External, announceNew: false));
        }

        state.UsersAsOf = at;
    }

    private List<string> PlanDomainReadsLocked(ServerState state, HashSet<string> watched, bool staff)
    {
        var plan = watched.Order(StringComparer.Ordinal).ToList();
        if (!staff)
        {
            return plan;
        }

        var others = state.Users.Values.Where(e => e.User is not null && !watched.Contains(e.Name)).ToList();
        plan.AddRange(others.Where(e => e.DirtySeq != 0)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Take(_options.ChangedReadsPerTick)
            .Select(e => e.Name));
        plan.AddRange(others.Where(e => e.DirtySeq == 0)
            .OrderBy(e => e.DomainsAsOf ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .Take(_options.SweepReadsPerTick)
            .Select(e => e.Name));
        return plan;
    }

    private HashSet<string> WatchedUsersLocked(string server) =>
        _watchers.Where(p => string.Equals(p.Key.Server, server, StringComparison.Ordinal) && p.Value.Any(s => s.IsActive))
            .Select(p => p.Key.User)
            .ToHashSet(StringComparer.Ordinal);

    private void PublishLocked(ServerState state, AccountKey key, List<AccountChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        if (_watchers.TryGetValue(key, out var subscribers))
        {
            var update = new AccountUpdate(key, SnapshotLocked(state, key), changes, state.Status);
            foreach (var subscriber in subscribers)
            {
                subscriber.Post(update);
            }
        }

        foreach (var change in changes)
        {
            var item = LiveEvent.ForChange(change);
            RememberLocked(item);
            foreach (var subscriber in _staff)
            {
                subscriber.Post(item);
            }
        }

        _logger.LogInformation("{Count} change(s) on {Account} ({Source})", changes.Count, key, changes[0].Source);
    }

    private void SetStatusLocked(ServerState state, ServerStatus status, bool announce)
    {
        state.Status = status;
        var at = _time.GetUtcNow();
        if (announce)
        {
            var item = LiveEvent.ForStatus(status, at);
            RememberLocked(item);
            foreach (var (key, subscribers) in _watchers.Where(p => string.Equals(p.Key.Server, state.Name, StringComparison.Ordinal)))
            {
                var update = new AccountUpdate(key, SnapshotLocked(state, key), [], status);
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

    private void RememberLocked(LiveEvent item)
    {
        _recent.Enqueue(item);
        while (_recent.Count > _options.RecentEventCapacity)
        {
            _recent.Dequeue();
        }
    }

    private static AccountSnapshot? SnapshotLocked(ServerState state, AccountKey key) =>
        state.Users.TryGetValue(key.User, out var entry) && (entry.User is not null || entry.Domains is not null)
            ? new AccountSnapshot(key, entry.User, entry.Domains ?? [], entry.DomainsAsOf ?? entry.UserAsOf)
            : null;

    private void OnWatcherChanged(AccountKey key, Subscription<AccountUpdate> subscription)
    {
        if (!subscription.IsDisposed)
        {
            return;
        }

        lock (_gate)
        {
            if (_watchers.TryGetValue(key, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _watchers.Remove(key);
            }
        }
    }

    private void OnStaffChanged(Subscription<LiveEvent> subscription)
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

    private ServerState State(string server) =>
        _servers.TryGetValue(server, out var state)
            ? state
            : throw new KeyNotFoundException($"No HestiaCP server named '{server}' is configured.");

    private long NextSeq() => Interlocked.Increment(ref _seq);

    private sealed class ServerState(string name)
    {
        public string Name { get; } = name;

        public Dictionary<string, UserEntry> Users { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? UsersAsOf { get; set; }

        public ServerStatus Status { get; set; } = ServerStatus.Initial(name);

        public SemaphoreSlim PollLock { get; } = new(1, 1);

        public HestiaReturnCode AuthFailureCode { get; set; } = HestiaReturnCode.Password;

        public UserEntry Entry(string user)
        {
            if (!Users.TryGetValue(user, out var entry))
            {
                Users[user] = entry = new UserEntry(user);
            }

            return entry;
        }
    }

    private sealed class UserEntry(string name)
    {
        public string Name { get; } = name;

        public HestiaUser? User { get; set; }

        public long UserSeq { get; set; }

        public DateTimeOffset UserAsOf { get; set; }

        public IReadOnlyList<WebDomain>? Domains { get; set; }

        public long DomainsSeq { get; set; }

        public DateTimeOffset? DomainsAsOf { get; set; }

        /// <summary>Non-zero when a <c>v-list-users</c> counter changed at that sequence and the domains were not re-read since.</summary>
        public long DirtySeq { get; set; }
    }
}

internal enum PollOutcome
{
    Idle,
    Stopped,
    Succeeded,
    Failed,
    AuthFailed,
}
