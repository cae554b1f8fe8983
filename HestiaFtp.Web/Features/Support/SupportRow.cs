using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Features.Support;

/// <summary>One account row of the support overview, with the derived values the table sorts and filters on.</summary>
public sealed record SupportRow(AccountOverview Account)
{
    public AccountKey Key => Account.Key;

    public string Server => Account.Key.Server;

    public string User => Account.Key.User;

    public bool UserSuspended => Account.User.Suspended;

    /// <summary>Suspended web domains: counted from the listed domains, or from the user record until they are listed.</summary>
    public int SuspendedDomains => Account.Domains?.Count(d => d.Suspended) ?? Account.User.SuspendedWebDomains;

    public int DomainCount => Account.Domains?.Count ?? Account.User.WebDomainCount;

    /// <summary>Null until the watcher has listed the account's domains.</summary>
    public int? FtpAccountCount => Account.FtpAccountCount;

    public HealthState Health => HealthTexts.StateOf(Account.Health);

    public bool IsSuspended => UserSuspended || SuspendedDomains > 0;

    public bool HasProblem => Health != HealthState.Working;

    /// <summary>The overview's order: a suspended user (0), suspended domains (1), logins or changes not working (2), fine (3).</summary>
    public int AttentionRank => UserSuspended ? 0 : SuspendedDomains > 0 ? 1 : HasProblem ? 2 : 3;

    /// <summary>Case-insensitive match on the account name, its contact name, its server or any of its domains.</summary>
    public bool Matches(string filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return true;
        }

        var f = filter.Trim();
        return User.Contains(f, StringComparison.OrdinalIgnoreCase)
            || Server.Contains(f, StringComparison.OrdinalIgnoreCase)
            || Account.User.ContactName.Contains(f, StringComparison.OrdinalIgnoreCase)
            || (Account.Domains?.Any(d => d.Name.Contains(f, StringComparison.OrdinalIgnoreCase)) ?? false);
    }
}
