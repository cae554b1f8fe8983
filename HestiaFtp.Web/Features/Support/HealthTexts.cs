using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Web.Features.Support;

/// <summary>What the "FTP logins" chip says: the four states staff tell apart at a glance.</summary>
public enum HealthState
{
    /// <summary>Logins work and HestiaCP accepts FTP changes.</summary>
    Working,

    /// <summary>Logins work, but a suspended web domain makes HestiaCP refuse FTP changes.</summary>
    ChangesBlocked,

    /// <summary>The HestiaCP user is suspended: every FTP login is locked.</summary>
    Locked,

    /// <summary>The account is not known on the server.</summary>
    Unknown,
}

/// <summary>
/// Localized labels and reasons for <see cref="FtpHealth"/>. The store's <see cref="FtpHealth.Reason"/> is English, so the
/// texts shown are chosen by state instead.
/// </summary>
public static class HealthTexts
{
    public static HealthState StateOf(FtpHealth health) => health.Logins switch
    {
        FtpLoginState.Locked => HealthState.Locked,
        FtpLoginState.Unknown => HealthState.Unknown,
        _ => health.ChangesAllowed ? HealthState.Working : HealthState.ChangesBlocked,
    };

    public static string Label(HealthState state, IStringLocalizer<Strings> l) => l[$"Support.Health.{state}"];

    public static Color ColorOf(HealthState state) => state switch
    {
        HealthState.Working => Color.Success,
        HealthState.ChangesBlocked => Color.Warning,
        HealthState.Locked => Color.Error,
        _ => Color.Default,
    };

    public static string IconOf(HealthState state) => state switch
    {
        HealthState.Working => Icons.Material.Filled.CheckCircle,
        HealthState.ChangesBlocked => Icons.Material.Filled.EditOff,
        HealthState.Locked => Icons.Material.Filled.Lock,
        _ => Icons.Material.Filled.HelpOutline,
    };

    /// <summary>Why an account's logins are in their state, naming the suspended domains when they are known.</summary>
    public static string AccountReason(AccountOverview account, IStringLocalizer<Strings> l)
    {
        var state = StateOf(account.Health);
        if (state != HealthState.ChangesBlocked)
        {
            return l[$"Support.Reason.{state}"];
        }

        if (account.Domains is { } domains)
        {
            var suspended = domains.Where(d => d.Suspended).Select(d => d.Name).ToList();
            if (suspended.Count > 0)
            {
                return l["Support.Reason.DomainsSuspended", string.Join(", ", suspended)];
            }
        }

        return l.Plural("Support.Reason.DomainsSuspendedCount", account.User.SuspendedWebDomains);
    }

    public static string DomainReason(DomainOverview domain, IStringLocalizer<Strings> l)
    {
        var state = StateOf(domain.Health);
        return state == HealthState.ChangesBlocked ? l["Support.Reason.DomainSuspended"] : l[$"Support.Reason.{state}"];
    }
}
