using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>A new account with its password. This result is the only place the password exists; show it once.</summary>
public sealed record CreatedFtpAccount(string Login, string Password, string Domain, string Folder)
{
    public override string ToString() =>
        $"{nameof(CreatedFtpAccount)} {{ Login = {Login}, Password = ***, Domain = {Domain}, Folder = {Folder} }}";
}

/// <summary>
/// What is true after an FTP action, as far as HestiaCP's answer and the read-back can tell. A lost answer is settled by
/// the read-back where a read can tell (account present or absent, folder value); only where no read can tell (a
/// password) is the status <see cref="CannotTell"/>.
/// </summary>
public enum FtpResultStatus
{
    /// <summary>The change is in effect (HestiaCP said so, or the read-back shows it).</summary>
    Done,

    /// <summary>Nothing was changed: refused before sending, refused by HestiaCP, or the read-back shows the old state.</summary>
    NotDone,

    /// <summary>The answer was lost and no read can tell (a password), or the read-back failed too.</summary>
    CannotTell,
}

/// <summary>
/// Why an action was not carried out. <see cref="ReasonCode"/> is a <see cref="ValidationCodes"/> or
/// <see cref="FtpResultCodes"/> value; <see cref="Message"/> is the rule's English text or HestiaCP's own message (verbatim,
/// never an argument); <see cref="Property"/> names the request property the reason belongs to (for a dialog to place
/// the message next to its input), and <see cref="HestiaCode"/> is set when HestiaCP itself refused.
/// </summary>
public sealed record FtpRefusal(string ReasonCode, string Message, string? Property = null, HestiaReturnCode? HestiaCode = null);

/// <summary>Common shape of every FTP action's result.</summary>
public interface IFtpResult
{
    FtpResultStatus Status { get; }

    string Login { get; }

    string Domain { get; }

    /// <summary>A <see cref="FtpResultCodes"/> value that qualifies the status (e.g. confirmed after a lost answer), or null.</summary>
    string? ReasonCode { get; }

    /// <summary>Set when <see cref="Status"/> is <see cref="FtpResultStatus.NotDone"/> because of a rule or HestiaCP's refusal.</summary>
    FtpRefusal? Refusal { get; }

    /// <summary>
    /// The domain as read back (<c>v-list-web-domain</c>) after the mutation, so callers can update what screens show without
    /// another call; null when nothing was sent or the read failed. A domain that no longer exists reads back as null too.
    /// </summary>
    WebDomain? ReadBack { get; }
}

/// <summary>The result of a create (quick or with a chosen name). <see cref="Account"/> holds the password when Done.</summary>
public sealed record FtpCreateResult(
    FtpResultStatus Status,
    string Login,
    string Domain,
    CreatedFtpAccount? Account,
    string? ReasonCode,
    FtpRefusal? Refusal,
    WebDomain? ReadBack) : IFtpResult
{
    /// <summary>The account was created, turned out not to use the requested folder, and was deleted again.</summary>
    public bool RolledBack => ReasonCode == FtpResultCodes.FolderMissingRolledBack;
}

/// <summary>The result of a password change. A lost answer gives <see cref="FtpResultStatus.CannotTell"/>: set it again.</summary>
public sealed record FtpPasswordChangeResult(
    FtpResultStatus Status,
    string Login,
    string Domain,
    string? ReasonCode,
    FtpRefusal? Refusal,
    WebDomain? ReadBack) : IFtpResult;

/// <summary>The result of a folder change.</summary>
/// <param name="RequestedFolder">The normalized folder asked for.</param>
/// <param name="ActualFolder">The account's folder as read back afterwards (normalized), or null when it could not be read.</param>
/// <param name="WasReset">The requested folder did not exist or HestiaCP refused it, so the account was reset to the domain root (Done means the reset took effect).</param>
public sealed record FtpFolderChangeResult(
    FtpResultStatus Status,
    string Login,
    string Domain,
    string RequestedFolder,
    string? ActualFolder,
    bool WasReset,
    string? ReasonCode,
    FtpRefusal? Refusal,
    WebDomain? ReadBack) : IFtpResult;

/// <summary>The result of a delete. An account that was already gone is Done with <see cref="FtpResultCodes.AlreadyGone"/>.</summary>
public sealed record FtpDeleteResult(
    FtpResultStatus Status,
    string Login,
    string Domain,
    string? ReasonCode,
    FtpRefusal? Refusal,
    WebDomain? ReadBack) : IFtpResult;

/// <summary>Stable reason codes of the service's results, for the Web layer to localize.</summary>
public static class FtpResultCodes
{
    /// <summary>Every generated name was taken (HestiaCP exit 4) within the attempt limit.</summary>
    public const string NamesTaken = "create.names_taken";
    /// <summary>The answer was lost; a re-read shows the command took effect.</summary>
    public const string ConfirmedAfterUnknown = "outcome.confirmed_after_unknown";
    /// <summary>The answer was lost; a re-read shows the command did not take effect.</summary>
    public const string NotAppliedAfterUnknown = "outcome.not_applied_after_unknown";
    /// <summary>The answer was lost and no read can tell (a password), or the re-read failed as well.</summary>
    public const string OutcomeUnknown = "outcome.unknown";
    /// <summary>HestiaCP refused the command; <see cref="FtpRefusal.HestiaCode"/> and its message say why.</summary>
    public const string HestiaRefused = "hestia.refused";
    /// <summary>The account was created but did not use the requested folder; it was deleted again.</summary>
    public const string FolderMissingRolledBack = "create.folder_missing_rolled_back";
    /// <summary>The account was created without the requested folder and deleting it failed: it needs attention.</summary>
    public const string RollbackFailed = "create.rollback_failed";
    /// <summary>The account could not be read back after the change.</summary>
    public const string ReadBackFailed = "readback.failed";
    /// <summary>The requested folder does not exist; the account was reset to the domain root.</summary>
    public const string PathMissingReset = "path.missing_reset";
    /// <summary>HestiaCP refused the folder (exit 2); the account was reset to the domain root.</summary>
    public const string PathRejectedReset = "path.rejected_reset";
    /// <summary>The account was already gone (delete), so nothing was sent or HestiaCP said it does not exist.</summary>
    public const string AlreadyGone = "delete.already_gone";
    /// <summary>The account already uses the requested folder: nothing was sent.</summary>
    public const string Unchanged = "path.unchanged";
}
