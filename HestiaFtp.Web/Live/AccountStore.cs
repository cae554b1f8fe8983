using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Web.Live;

/// <summary>What applying a read to the store changed: the account's snapshot after it and the changes (may be empty).</summary>
public sealed record StoreResult(AccountKey Key, AccountSnapshot? Snapshot, IReadOnlyList<AccountChange> Changes);

/// <summary>A panel user as last read, with when.</summary>
public sealed record StoredUser(HestiaUser? User, DateTimeOffset AsOf);

/// <summary>
/// The snapshot store: what the dashboard last read from HestiaCP, per account (the panel user and its web domains with
/// their FTP accounts). Every read is stamped with a sequence number taken before the call, and a read that started
/// before the stored one is discarded, so a slow poll can never overwrite the read-back that followed a mutation.
/// A seam for scale-out: several dashboard instances can share one implementation (the in-process one is
/// <see cref="InProcessAccountStore"/>). It does no authorization and makes no HestiaCP call.
/// </summary>
public interface IAccountStore
{
    /// <summary>A sequence number to stamp a read with; take it before sending the call.</summary>
    long NextSequence();

    /// <summary>The account's snapshot once its domains have been read at least once, else null.</summary>
    AccountSnapshot? Get(AccountKey key);

    /// <summary>The panel user as last read (sign-in, a <c>v-list-user</c> or a <c>v-list-users</c>), or null when never read.</summary>
    StoredUser? GetUser(AccountKey key);

    StoreResult ApplyUser(AccountKey key, HestiaUser? user, long sequence, DateTimeOffset at, ChangeSource source);

    StoreResult ApplyDomains(AccountKey key, IReadOnlyList<WebDomain> domains, long sequence, DateTimeOffset at, ChangeSource source);

    /// <summary>Applies a read of one domain (<paramref name="domain"/> null: the domain no longer exists).</summary>
    StoreResult ApplyDomain(AccountKey key, string name, WebDomain? domain, long sequence, DateTimeOffset at, ChangeSource source);

    /// <summary>Applies a <c>v-list-users</c>: every listed user, and users no longer listed as removed.</summary>
    IReadOnlyList<StoreResult> ApplyUserList(string server, IReadOnlyList<HestiaUser> users, long sequence, DateTimeOffset at);

    /// <summary>Every known account of a server, for the staff overview, and when the user list was last read.</summary>
    (IReadOnlyList<AccountOverview> Accounts, DateTimeOffset? UsersAsOf) GetServer(string server);

    /// <summary>
    /// Accounts of a server whose <c>v-list-users</c> counters changed since their domains were last read (first), then the
    /// least recently read ones: what a staff poll reads to catch drift that changes no counter.
    /// </summary>
    (IReadOnlyList<string> Changed, IReadOnlyList<string> Stalest) PlanSweep(string server, IReadOnlySet<string> exclude, int changed, int stalest);
}

/// <inheritdoc cref="IAccountStore"/>
public sealed class InProcessAccountStore : IAccountStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServerEntry> _servers = new(StringComparer.Ordinal);
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public AccountSnapshot? Get(AccountKey key)
    {
        lock (_gate)
        {
            return TryEntry(key, out var entry) ? Snapshot(key, entry) : null;
        }
    }

    public StoredUser? GetUser(AccountKey key)
    {
        lock (_gate)
        {
            return TryEntry(key, out var entry) && entry.UserSequence > 0 ? new StoredUser(entry.User, entry.UserAsOf) : null;
        }
    }

    public StoreResult ApplyUser(AccountKey key, HestiaUser? user, long sequence, DateTimeOffset at, ChangeSource source)
    {
        lock (_gate)
        {
            var changes = ApplyUserLocked(key, user, sequence, at, source, announceNew: false);
            return new StoreResult(key, Snapshot(key, Entry(key)), changes);
        }
    }

    public StoreResult ApplyDomains(AccountKey key, IReadOnlyList<WebDomain> domains, long sequence, DateTimeOffset at, ChangeSource source)
    {
        lock (_gate)
        {
            var entry = Entry(key);
            var changes = ApplyDomainsLocked(entry, key, domains, sequence, at, source);
            if (entry.DomainsSequence == sequence)
            {
                entry.CountersChanged = false;
            }

            return new StoreResult(key, Snapshot(key, entry), changes);
        }
    }

    public StoreResult ApplyDomain(AccountKey key, string name, WebDomain? domain, long sequence, DateTimeOffset at, ChangeSource source)
    {
        lock (_gate)
        {
            var entry = Entry(key);
            if (entry.Domains is null)
            {
                // Only part of the account is known: keep nothing rather than a snapshot that looks complete.
                return new StoreResult(key, null, []);
            }

            var merged = entry.Domains.ToList();
            var index = merged.FindIndex(d => string.Equals(d.Name, name, StringComparison.Ordinal));
            if (index >= 0)
            {
                merged.RemoveAt(index);
            }

            if (domain is not null)
            {
                merged.Insert(index < 0 ? merged.Count : index, domain);
            }

            var changes = ApplyDomainsLocked(entry, key, merged, sequence, at, source);
            return new StoreResult(key, Snapshot(key, entry), changes);
        }
    }

    public IReadOnlyList<StoreResult> ApplyUserList(string server, IReadOnlyList<HestiaUser> users, long sequence, DateTimeOffset at)
    {
        lock (_gate)
        {
            var state = Server(server);
            var announceNew = state.UsersAsOf is not null;
            var results = new List<StoreResult>();
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var user in users)
            {
                listed.Add(user.Name);
                var key = new AccountKey(server, user.Name);
                var changes = ApplyUserLocked(key, user, sequence, at, ChangeSource.External, announceNew);
                if (changes.Count > 0)
                {
                    results.Add(new StoreResult(key, Snapshot(key, Entry(key)), changes));
                }
            }

            foreach (var gone in state.Accounts.Values.Where(e => e.User is not null && !listed.Contains(e.Name)).Select(e => e.Name).ToList())
            {
                var key = new AccountKey(server, gone);
                var changes = ApplyUserLocked(key, null, sequence, at, ChangeSource.External, announceNew: false);
                if (changes.Count > 0)
                {
                    results.Add(new StoreResult(key, Snapshot(key, Entry(key)), changes));
                }
            }

            state.UsersAsOf = at;
            return results;
        }
    }

    public (IReadOnlyList<AccountOverview> Accounts, DateTimeOffset? UsersAsOf) GetServer(string server)
    {
        lock (_gate)
        {
            var state = Server(server);
            var accounts = state.Accounts.Values
                .Where(e => e.User is not null)
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => new AccountOverview(
                    new AccountKey(server, e.Name),
                    e.User!,
                    e.Domains?.Select(d => new DomainOverview(d.Name, d.Suspended, d.FtpAccounts.Count, FtpHealthRules.ForDomain(e.User, d))).ToList(),
                    e.DomainsAsOf,
                    FtpHealthRules.ForAccount(e.User, e.Domains)))
                .ToList();
            return (accounts, state.UsersAsOf);
        }
    }

    public (IReadOnlyList<string> Changed, IReadOnlyList<string> Stalest) PlanSweep(string server, IReadOnlySet<string> exclude, int changed, int stalest)
    {
        lock (_gate)
        {
            var others = Server(server).Accounts.Values.Where(e => e.User is not null && !exclude.Contains(e.Name)).ToList();
            var dirty = others.Where(e => e.CountersChanged).OrderBy(e => e.Name, StringComparer.Ordinal).Take(changed).Select(e => e.Name).ToList();
            var stale = others.Where(e => !e.CountersChanged)
                .OrderBy(e => e.DomainsAsOf ?? DateTimeOffset.MinValue)
                .ThenBy(e => e.Name, StringComparer.Ordinal)
                .Take(stalest)
                .Select(e => e.Name)
                .ToList();
            return (dirty, stale);
        }
    }

    private List<AccountChange> ApplyUserLocked(AccountKey key, HestiaUser? user, long sequence, DateTimeOffset at, ChangeSource source, bool announceNew)
    {
        var entry = Entry(key);
        if (entry.UserSequence > sequence)
        {
            return [];
        }

        var before = entry.User;
        var known = entry.UserSequence > 0;
        entry.User = user;
        entry.UserSequence = sequence;
        entry.UserAsOf = at;
        if (user is null)
        {
            if (entry.Domains is not null)
            {
                entry.Domains = [];
                entry.DomainsSequence = Math.Max(entry.DomainsSequence, sequence);
                entry.DomainsAsOf = at;
            }
        }
        else if (before is not null && (before.Suspended != user.Suspended || before.SuspendedWebDomains != user.SuspendedWebDomains
            || before.WebDomainCount != user.WebDomainCount))
        {
            entry.CountersChanged = true;
        }

        if (before is null && user is not null && !announceNew)
        {
            // A first sight of an account is not news, unless a list read before did not show it.
            return known ? SnapshotDiff.Users(key, before, user, source, at) : [];
        }

        return SnapshotDiff.Users(key, before, user, source, at);
    }

    private static List<AccountChange> ApplyDomainsLocked(AccountEntry entry, AccountKey key, IReadOnlyList<WebDomain> domains, long sequence, DateTimeOffset at, ChangeSource source)
    {
        if (entry.DomainsSequence > sequence)
        {
            return [];
        }

        var before = entry.Domains;
        entry.Domains = domains;
        entry.DomainsSequence = sequence;
        entry.DomainsAsOf = at;
        return before is null ? [] : SnapshotDiff.Domains(key, before, domains, source, at);
    }

    private static AccountSnapshot? Snapshot(AccountKey key, AccountEntry entry) =>
        entry.Domains is null ? null : new AccountSnapshot(key, entry.User, entry.Domains, entry.DomainsAsOf ?? entry.UserAsOf);

    private bool TryEntry(AccountKey key, out AccountEntry entry)
    {
        entry = null!;
        return _servers.TryGetValue(key.Server, out var server) && server.Accounts.TryGetValue(key.User, out entry!);
    }

    private AccountEntry Entry(AccountKey key)
    {
        var server = Server(key.Server);
        if (!server.Accounts.TryGetValue(key.User, out var entry))
        {
            server.Accounts[key.User] = entry = new AccountEntry(key.User);
        }

        return entry;
    }

    private ServerEntry Server(string server)
    {
        if (!_servers.TryGetValue(server, out var entry))
        {
            _servers[server] = entry = new ServerEntry();
        }

        return entry;
    }

    private sealed class ServerEntry
    {
        public Dictionary<string, AccountEntry> Accounts { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? UsersAsOf { get; set; }
    }

    private sealed class AccountEntry(string name)
    {
        public string Name { get; } = name;

        public HestiaUser? User { get; set; }

        public long UserSequence { get; set; }

        public DateTimeOffset UserAsOf { get; set; }

        public IReadOnlyList<WebDomain>? Domains { get; set; }

        public long DomainsSequence { get; set; }

        public DateTimeOffset? DomainsAsOf { get; set; }

        /// <summary>A <c>v-list-users</c> counter changed and the domains were not read since.</summary>
        public bool CountersChanged { get; set; }
    }
}
