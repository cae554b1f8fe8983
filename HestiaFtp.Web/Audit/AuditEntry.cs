namespace HestiaFtp.Web.Audit;

/// <summary>
/// One change made through the dashboard. There is deliberately no field for a password: callers describe a password
/// change as <see cref="AuditDetails.Password"/> in <see cref="Detail"/> and must never put the password itself anywhere in an entry.
/// </summary>
/// <param name="Id">Assigned by the store; pass 0 when recording.</param>
/// <param name="Actor">Who: the signed-in dashboard user (customer login or staff name).</param>
/// <param name="Account">The HestiaCP account (panel user) the change applies to.</param>
/// <param name="Action">What kind of change, e.g. <see cref="AuditActions.AddFtpAccount"/>.</param>
/// <param name="Detail">What changed, as a code and value (see <see cref="AuditDetails"/>), rendered in the reader's language.
/// Entries written before the codes hold English words, shown as they are.</param>
/// <param name="Outcome">See <see cref="AuditOutcomes"/>: the kind, then optionally ": reason code" and ": HestiaCP's own message".</param>
/// <param name="ActorKind">See <see cref="AuditActorKinds"/>: a signed-in user, or the dashboard acting on the customer's behalf
/// (then <see cref="Actor"/> names the customer whose choice it carries out, e.g. an end they set).</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Server,
    string Account,
    string? Domain,
    string? Login,
    string Action,
    string Detail,
    string Outcome,
    string ActorKind = AuditActorKinds.User);

/// <summary>Who made a change.</summary>
public static class AuditActorKinds
{
    /// <summary>The signed-in dashboard user named in <see cref="AuditEntry.Actor"/>.</summary>
    public const string User = "user";

    /// <summary>The dashboard itself, carrying out what the customer in <see cref="AuditEntry.Actor"/> asked for earlier (an end).</summary>
    public const string Dashboard = "dashboard";
}

/// <summary>Which entries to read, newest first. Customers: set Server and Account to their own; staff: leave them null.</summary>
public sealed record AuditQuery(string? Server = null, string? Account = null, int Take = 100);

public static class AuditActions
{
    public const string AddFtpAccount = "ftp-add";
    public const string DeleteFtpAccount = "ftp-delete";
    public const string ChangeFtpPassword = "ftp-password";
    public const string ChangeFtpPath = "ftp-path";

    /// <summary>An account's end was set, moved or removed.</summary>
    public const string SetFtpExpiry = "ftp-expiry";

    /// <summary>Support staff ended every dashboard session of the account and forgot its devices.</summary>
    public const string EndSessions = "sessions-end";
}

/// <summary>Stored details: a code, optionally followed by ":" and a value (never words, never a password).</summary>
public static class AuditDetails
{
    /// <summary>Quick add: generated login, domain folder.</summary>
    public const string Generated = "generated";
    public const string Password = "password";
    /// <summary>Deleted; HestiaCP keeps the files.</summary>
    public const string Deleted = "deleted";
    public const string SessionsEnded = "sessions-ended";
    public const string FolderCode = "folder";

    /// <summary>The account ended: deleted by the dashboard at the end the customer set.</summary>
    public const string Expired = "expired";

    public const string EndCode = "end";

    /// <summary>The end was removed: the account stays.</summary>
    public const string EndRemoved = "end-removed";

    /// <summary>e.g. "end:2026-12-04T17:00:00Z Europe/Berlin".</summary>
    public static string End(DateTimeOffset endsAt, string zone) =>
        $"{EndCode}:{endsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)} {zone}";

    /// <summary>e.g. "folder:/public_html/media".</summary>
    public static string Folder(string folder) => $"{FolderCode}:{folder}";
}

public static class AuditOutcomes
{
    /// <summary>The reason code of a refusal by HestiaCP: "hestia.&lt;HestiaReturnCode&gt;", followed by the panel's message.</summary>
    public const string HestiaCodePrefix = "hestia.";

    /// <summary>The reason code of a fault before anything was sent: "fault.&lt;exception type&gt;".</summary>
    public const string FaultCodePrefix = "fault.";

    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Recorded before the change was sent; replaced by the outcome once it is known.</summary>
    public const string Pending = "pending";

    /// <summary>The call timed out or the connection dropped: HestiaCP may or may not have made the change.</summary>
    public const string Unknown = "unknown";
}
