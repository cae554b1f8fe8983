namespace HestiaFtp.Web.Data;

/// <summary>
/// Small choices a dashboard user makes once and expects kept across sign-ins and browsers (the accounts page's view),
/// keyed by server and HestiaCP user name. Values are short strings; an unknown name reads as null.
/// </summary>
public interface IUserPreferences
{
    Task<string?> GetAsync(string server, string user, string name, CancellationToken cancellationToken);

    Task SetAsync(string server, string user, string name, string value, CancellationToken cancellationToken);
}

/// <summary>The names of the preferences the dashboard keeps.</summary>
public static class UserPreferenceNames
{
    /// <summary>"cards" or "table".</summary>
    public const string AccountsView = "accounts.view";

    /// <summary>Accounts per page, as a number.</summary>
    public const string AccountsPageSize = "accounts.page-size";
}
