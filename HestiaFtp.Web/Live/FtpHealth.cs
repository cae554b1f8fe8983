using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Web.Live;

public enum FtpLoginState
{
    /// <summary>FTP logins are accepted.</summary>
    Working,

    /// <summary>HestiaCP locked the Linux accounts (<c>usermod --lock</c> by <c>v-suspend-user</c>).</summary>
    Locked,

    /// <summary>The account is not known on the server.</summary>
    Unknown,
}

/// <summary>Whether FTP logins work right now, whether HestiaCP would accept FTP changes, and why.</summary>
public sealed record FtpHealth(FtpLoginState Logins, bool ChangesAllowed, string Reason);

/// <summary>
/// HestiaCP stores no per-FTP-account lock state, so it is derived (hestiacp-api.md §3.13, operations §2.4):
/// a suspended user has every <c>USER_*</c> login locked (unless the server runs with
/// <c>POLICY_USER_VIEW_SUSPENDED=yes</c>, which the API does not reveal); a suspended web domain keeps its FTP logins
/// working but HestiaCP refuses add, change-password and change-path with exit 5 (delete still works).
/// </summary>
public static class FtpHealthRules
{
    public const string UserSuspendedReason =
        "The HestiaCP user is suspended: HestiaCP locked every FTP login of the account and refuses FTP changes.";

    public const string DomainSuspendedReason =
        "The web domain is suspended: FTP logins still work, but HestiaCP refuses new accounts, password and folder changes (deleting still works).";

    public const string HealthyReason = "FTP logins work and changes are allowed.";

    public const string UnknownReason = "The account does not exist on this HestiaCP server.";

    public static FtpHealth ForDomain(HestiaUser? user, WebDomain domain)
    {
        if (user is null)
        {
            return new(FtpLoginState.Unknown, false, UnknownReason);
        }

        if (user.Suspended)
        {
            return new(FtpLoginState.Locked, false, UserSuspendedReason);
        }

        return domain.Suspended
            ? new(FtpLoginState.Working, false, DomainSuspendedReason)
            : new(FtpLoginState.Working, true, HealthyReason);
    }

    /// <summary>Account-level health. Works from the user record alone (its SUSPENDED_WEB counter) when domains are not known.</summary>
    public static FtpHealth ForAccount(HestiaUser? user, IReadOnlyList<WebDomain>? domains)
    {
        if (user is null)
        {
            return new(FtpLoginState.Unknown, false, UnknownReason);
        }

        if (user.Suspended)
        {
            return new(FtpLoginState.Locked, false, UserSuspendedReason);
        }

        if (domains is not null)
        {
            var suspended = domains.Where(d => d.Suspended).Select(d => d.Name).ToList();
            return suspended.Count == 0
                ? new(FtpLoginState.Working, true, HealthyReason)
                : new(FtpLoginState.Working, false,
                    $"Web domain{(suspended.Count == 1 ? "" : "s")} {string.Join(", ", suspended)} suspended: FTP logins still work, but HestiaCP refuses new accounts, password and folder changes there (deleting still works).");
        }

        return user.SuspendedWebDomains > 0
            ? new(FtpLoginState.Working, false,
                $"{user.SuspendedWebDomains} web domain{(user.SuspendedWebDomains == 1 ? "" : "s")} suspended: FTP logins still work, but HestiaCP refuses changes there (deleting still works).")
            : new(FtpLoginState.Working, true, HealthyReason);
    }
}
