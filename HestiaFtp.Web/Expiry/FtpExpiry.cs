using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Expiry;

/// <summary>Which FTP account an end belongs to: server, HestiaCP user, web domain and full login.</summary>
public sealed record ExpiryKey(string Server, string User, string Domain, string Login)
{
    public AccountKey Account => new(Server, User);

    public override string ToString() => $"{Server}/{User}/{Domain}/{Login}";
}

/// <summary>
/// An FTP account's end: at <see cref="EndsAt"/> (a UTC instant) the dashboard deletes the account on the customer's
/// behalf. <see cref="Zone"/> is the IANA zone the customer chose it in (screens show the end in it as well); <see cref="Folder"/>
/// is the account's folder when the end was set (normalized, "" for the domain root): the job deletes only an account
/// whose login and folder still match. <see cref="LastProblem"/> is a code saying why the last attempt had to wait
/// (<see cref="ExpiryProblems"/>), or null.
/// </summary>
public sealed record FtpExpiry(
    ExpiryKey Key,
    string Folder,
    DateTimeOffset EndsAt,
    string Zone,
    string SetBy,
    DateTimeOffset UpdatedAt,
    string? LastProblem = null)
{
    /// <summary>The end has passed (the account is still listed: removal is pending).</summary>
    public bool HasEnded(DateTimeOffset now) => now >= EndsAt;
}

/// <summary>Why the job could not carry out an end yet (stored codes, worded on screen).</summary>
public static class ExpiryProblems
{
    /// <summary>HestiaCP did not answer, or the server is marked unreachable.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>HestiaCP refuses the dashboard's API credentials (the breaker is open).</summary>
    public const string CredentialsRefused = "credentials";

    /// <summary>HestiaCP refused the delete; the next attempt reads first.</summary>
    public const string Refused = "refused";

    /// <summary>The delete's answer was lost and the read-back could not settle it; the next attempt reads first.</summary>
    public const string Unknown = "unknown";
}
