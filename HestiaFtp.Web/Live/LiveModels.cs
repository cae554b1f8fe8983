using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Web.Live;

/// <summary>One HestiaCP account (panel user) on one configured server.</summary>
public sealed record AccountKey(string Server, string User)
{
    public override string ToString() => $"{Server}/{User}";
}

/// <summary>
/// What the dashboard last knew about an account: the panel user (null when it no longer exists) and its web domains
/// with their FTP accounts. <see cref="AsOf"/> is when the data was read from HestiaCP.
/// </summary>
public sealed record AccountSnapshot(AccountKey Key, HestiaUser? User, IReadOnlyList<WebDomain> Domains, DateTimeOffset AsOf)
{
    public int FtpAccountCount => Domains.Sum(d => d.FtpAccounts.Count);

    /// <summary>Whether FTP logins work right now and whether HestiaCP accepts changes, with the reason.</summary>
    public FtpHealth Health => FtpHealthRules.ForAccount(User, Domains);

    public FtpHealth HealthOf(WebDomain domain) => FtpHealthRules.ForDomain(User, domain);
}

public enum ChangeKind
{
    FtpAdded,
    FtpRemoved,
    FtpMoved,
    FtpPasswordChanged,
    DomainSuspended,
    DomainUnsuspended,
    DomainAdded,
    DomainRemoved,
    UserSuspended,
    UserUnsuspended,
    UserAdded,
    UserRemoved,
}

public enum ChangeSource
{
    /// <summary>Made through this dashboard (published right after the mutation's targeted read).</summary>
    Dashboard,

    /// <summary>Made elsewhere (HestiaCP panel, billing, CLI) and detected by the watcher.</summary>
    External,
}

/// <summary>
/// One observed change, as codes and values (localized at display time by <see cref="ChangeTexts"/>; the activity log uses
/// the same vocabulary). <see cref="From"/> and <see cref="To"/> carry the old and new value where the kind has one (the
/// folder of a moved account). Never holds a password.
/// </summary>
public sealed record AccountChange(
    AccountKey Key,
    ChangeKind Kind,
    string? Domain,
    string? Login,
    ChangeSource Source,
    DateTimeOffset At,
    string? From = null,
    string? To = null);

/// <summary>
/// The health of one HestiaCP server, kept by <see cref="IServerHealth"/> from every call the dashboard makes.
/// <see cref="CredentialsRefused"/> is set while HestiaCP refuses the dashboard's own API credentials (exit 9/10/21): the
/// client's breaker then pauses calls, because fail2ban counts them.
/// </summary>
public sealed record ServerStatus(
    string Server,
    bool Reachable,
    DateTimeOffset? UnreachableSince,
    DateTimeOffset? LastSuccess,
    string? LastError,
    DateTimeOffset? LastChecked,
    bool CredentialsRefused = false,
    int ConsecutiveFailures = 0,
    DateTimeOffset? NextCheck = null)
{
    public static ServerStatus Initial(string server) => new(server, true, null, null, null, null);
}

/// <summary>Delivered to a circuit watching one account: the current snapshot, what changed (may be empty when only the server status changed) and the server status.</summary>
public sealed record AccountUpdate(AccountKey Key, AccountSnapshot? Snapshot, IReadOnlyList<AccountChange> Changes, ServerStatus Status);

public enum LiveEventKind
{
    /// <summary>An account changed (<see cref="LiveEvent.Change"/> is set). Kept in the recent-events list.</summary>
    Change,

    /// <summary>A server became unreachable, recovered, or polling stopped (<see cref="LiveEvent.Status"/> is set). Kept in the recent-events list.</summary>
    Status,

    /// <summary>A poll finished (successfully or not): "last checked" moved. Not kept in the recent-events list.</summary>
    Checked,
}

/// <summary>One item of the staff feed (<see cref="ILiveAccounts.WatchAll"/>) and of <see cref="ILiveAccounts.RecentEvents"/>.</summary>
public sealed record LiveEvent(LiveEventKind Kind, string Server, DateTimeOffset At, AccountChange? Change, ServerStatus? Status)
{
    public static LiveEvent ForChange(AccountChange change) => new(LiveEventKind.Change, change.Key.Server, change.At, change, null);

    public static LiveEvent ForStatus(ServerStatus status, DateTimeOffset at) => new(LiveEventKind.Status, status.Server, at, null, status);

    public static LiveEvent ForChecked(ServerStatus status, DateTimeOffset at) => new(LiveEventKind.Checked, status.Server, at, null, status);
}

/// <summary>One HestiaCP account in the staff overview.</summary>
/// <param name="Domains">Null until the watcher has listed this account's web domains at least once.</param>
public sealed record AccountOverview(AccountKey Key, HestiaUser User, IReadOnlyList<DomainOverview>? Domains, DateTimeOffset? DomainsAsOf, FtpHealth Health)
{
    public int? FtpAccountCount => Domains?.Sum(d => d.FtpAccountCount);
}

public sealed record DomainOverview(string Name, bool Suspended, int FtpAccountCount, FtpHealth Health);

/// <summary>Every HestiaCP account of one server, from the last <c>v-list-users</c>, plus domains where known.</summary>
public sealed record ServerOverview(ServerStatus Status, IReadOnlyList<AccountOverview> Accounts, DateTimeOffset? UsersAsOf);
