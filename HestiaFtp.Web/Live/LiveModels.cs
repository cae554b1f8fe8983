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

/// <summary>One observed change. <see cref="Detail"/> is a human sentence; it never holds a password.</summary>
public sealed record AccountChange(
    AccountKey Key,
    ChangeKind Kind,
    string? Domain,
    string? Login,
    string Detail,
    ChangeSource Source,
    DateTimeOffset At);

/// <summary>
/// The health of one HestiaCP server as seen by the watcher. <see cref="PollingStopped"/> is set after an
/// authentication failure (exit 9/10/21): the watcher then makes no more calls, because fail2ban counts them.
/// </summary>
public sealed record ServerStatus(
    string Server,
    bool Reachable,
    DateTimeOffset? UnreachableSince,
    DateTimeOffset? LastSuccess,
    string? LastError,
    DateTimeOffset? LastChecked,
    bool PollingStopped = false,
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

    /// <summary>A one-line description for the recent-events list.</summary>
    public string Describe() => Kind switch
    {
        LiveEventKind.Change => $"{Change!.Key.User}: {Change.Detail}{(Change.Source == ChangeSource.External ? " (outside the dashboard)" : "")}",
        _ when Status!.PollingStopped => $"HestiaCP refused the dashboard's credentials; polling stopped: {Status.LastError}",
        _ when !Status.Reachable => $"HestiaCP unreachable since {Status.UnreachableSince:HH:mm:ss}: {Status.LastError}",
        _ => "HestiaCP reachable again",
    };
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
