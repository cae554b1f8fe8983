using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>A new account with its password. This result is the only place the password exists; show it once.</summary>
public sealed record CreatedFtpAccount(string Login, string Password, string Domain, string Folder)
{
    public override string ToString() =>
        $"{nameof(CreatedFtpAccount)} {{ Login = {Login}, Password = ***, Domain = {Domain}, Folder = {Folder} }}";
}

public enum FtpCreateStatus
{
    /// <summary>The account exists and <see cref="FtpCreateResult.Account"/> holds its password.</summary>
    Created,
    /// <summary>No account was created (see the reason code); nothing to clean up.</summary>
    NotCreated,
    /// <summary>The account was created, its folder turned out to be missing, and it was deleted again.</summary>
    RolledBack,
    /// <summary>The account was created, its folder is missing, and deleting it failed: it needs attention.</summary>
    RollbackFailed,
    /// <summary>The server's answer was lost and re-reading failed too: look at the list before trying again.</summary>
    Unknown,
}

/// <summary>The outcome of a create. <see cref="ReasonCode"/> is one of <see cref="FtpResultCodes"/>.</summary>
public sealed record FtpCreateResult(FtpCreateStatus Status, string Login, string Domain, CreatedFtpAccount? Account, string? ReasonCode);

/// <summary>The outcome of a password change.</summary>
/// <param name="Changed">HestiaCP reported success. False with <see cref="FtpResultCodes.OutcomeUnknown"/> when the answer was lost.</param>
/// <param name="Confirmed">A read afterwards still lists the account on the domain.</param>
public sealed record FtpPasswordChangeResult(string Login, string Domain, bool Changed, bool Confirmed, string? ReasonCode);

/// <summary>The outcome of a folder change.</summary>
/// <param name="RequestedFolder">The normalized folder asked for.</param>
/// <param name="ActualFolder">The account's folder as read back afterwards (normalized), or null when it could not be read.</param>
/// <param name="WasReset">The requested folder did not exist or HestiaCP refused it, so the account was reset to the domain root.</param>
public sealed record FtpFolderChangeResult(string Login, string Domain, string RequestedFolder, string? ActualFolder, bool WasReset, string? ReasonCode);

public enum FtpDeleteStatus
{
    Deleted,
    /// <summary>The domain has no such account (already gone).</summary>
    NotFound,
    /// <summary>The answer was lost and a re-read still lists the account.</summary>
    NotDeleted,
    /// <summary>The answer was lost and re-reading failed too.</summary>
    Unknown,
}

/// <summary>The outcome of a delete.</summary>
public sealed record FtpDeleteResult(string Login, string Domain, FtpDeleteStatus Status, string? ReasonCode);

/// <summary>One FTP account with the web domain it belongs to.</summary>
public sealed record DomainFtpAccount(WebDomain Domain, FtpAccount Account);

/// <summary>Stable reason codes of the service's results, for the Web layer to localize.</summary>
public static class FtpResultCodes
{
    /// <summary>Every generated name was taken (HestiaCP exit 4) within the attempt limit.</summary>
    public const string NamesTaken = "create.names_taken";
    /// <summary>The answer was lost; a re-read shows the command took effect.</summary>
    public const string ConfirmedAfterUnknown = "outcome.confirmed_after_unknown";
    /// <summary>The answer was lost; a re-read shows the command did not take effect.</summary>
    public const string NotAppliedAfterUnknown = "outcome.not_applied_after_unknown";
    /// <summary>The answer was lost and the re-read failed as well.</summary>
    public const string OutcomeUnknown = "outcome.unknown";
    /// <summary>The account's folder was missing after creation; the account was deleted again.</summary>
    public const string FolderMissingRolledBack = "create.folder_missing_rolled_back";
    /// <summary>The account's folder was missing after creation and deleting the account failed.</summary>
    public const string RollbackFailed = "create.rollback_failed";
    /// <summary>The folder could not be checked after creation.</summary>
    public const string FolderUnverified = "create.folder_unverified";
    /// <summary>The account could not be read back after the change.</summary>
    public const string ReadBackFailed = "readback.failed";
    /// <summary>The requested folder does not exist; the account was reset to the domain root.</summary>
    public const string PathMissingReset = "path.missing_reset";
    /// <summary>HestiaCP refused the folder (exit 2); the account was reset to the domain root.</summary>
    public const string PathRejectedReset = "path.rejected_reset";
}
