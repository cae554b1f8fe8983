using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Dashboard;

/// <summary>
/// Everything a screen may do, authorized on the server against the circuit's signed-in user: a customer reaches only their
/// own HestiaCP account (whatever the circuit sends), support staff read everything and change nothing. Failures:
/// <see cref="DashboardAccessException"/> (not allowed), <see cref="FluentValidation.ValidationException"/> (input refused
/// before any HestiaCP call), <see cref="HestiaException"/> (HestiaCP refused or could not be reached).
/// </summary>
public interface IFtpDashboard
{
    /// <summary>The signed-in user; throws <see cref="DashboardAccessException"/> when the circuit was signed out.</summary>
    Task<DashboardUser> GetUserAsync();

    /// <summary>
    /// The account a page shows. Customers: always their own (a requested other account is refused). Support: the requested
    /// one, or null when none was requested.
    /// </summary>
    Task<AccountKey?> ResolveAccountAsync(string? server, string? account);

    Task<AccountSnapshot> LoadAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>Live updates of one account (authorized like <see cref="LoadAsync"/>).</summary>
    Task<ILiveSubscription> WatchAsync(AccountKey key, Func<AccountUpdate, Task> onUpdate);

    ServerStatus GetStatus(string server);

    /// <summary>Panel, file manager and FTP host of a server.</summary>
    ServerLinks GetLinks(string server);

    /// <summary>Support only: the accounts of every configured server, for the account picker.</summary>
    Task<IReadOnlyList<AccountKey>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Quick add: login and password are generated on the server; a taken login is replaced and tried again.</summary>
    Task<NewFtpCredentials> QuickCreateAsync(AccountKey key, string domain, CancellationToken cancellationToken);

    /// <summary>Advanced add: chosen login suffix, password and optional folder (which must exist).</summary>
    Task<FtpCreateOutcome> CreateAsync(AccountKey key, string domain, string loginSuffix, string password, string? folder, CancellationToken cancellationToken);

    Task<FtpPasswordOutcome> ChangePasswordAsync(AccountKey key, string domain, string login, string password, CancellationToken cancellationToken);

    /// <summary>Changes the folder; a folder that does not exist resets the account to the domain root (the customer's rule).</summary>
    Task<FtpFolderOutcome> ChangeFolderAsync(AccountKey key, string domain, string login, string folder, CancellationToken cancellationToken);

    Task DeleteAsync(AccountKey key, string domain, string login, CancellationToken cancellationToken);

    /// <summary>The sub-folders of a folder of the domain (for the folder picker); empty when it does not exist.</summary>
    Task<IReadOnlyList<string>> ListFoldersAsync(AccountKey key, string domain, string folder, CancellationToken cancellationToken);

    /// <summary>A fresh strong password for the password fields' "Generate" button.</summary>
    string GeneratePassword();
}

/// <summary>Links and connection details of one server.</summary>
public sealed record ServerLinks(string Server, Uri PanelUrl, Uri FileManagerUrl, string? FtpHost)
{
    public Uri DomainEditUrl(string domain) => new(PanelUrl, $"edit/web/?domain={Uri.EscapeDataString(domain)}");

    /// <summary>The host an FTP client connects to: the configured one, or the domain itself.</summary>
    public string HostFor(string domain) => string.IsNullOrEmpty(FtpHost) ? domain : FtpHost;
}

/// <summary>Shown once after creation; the password lives only in this object and the dialog that shows it.</summary>
public sealed record NewFtpCredentials(string Login, string Password, string Domain, string Folder, string Host, int Port = 21);

/// <param name="Credentials">Set when the account exists now.</param>
/// <param name="RolledBack">The account was created, then deleted again because its folder was missing afterwards.</param>
public sealed record FtpCreateOutcome(NewFtpCredentials? Credentials, bool RolledBack, string? Reason);

/// <param name="Confirmed">The account was read back from the server after the change.</param>
public sealed record FtpPasswordOutcome(bool Confirmed);

/// <param name="Folder">The folder the server reports now ("" = domain root).</param>
/// <param name="ResetToRoot">The requested folder did not exist, so the account now points at the domain root.</param>
public sealed record FtpFolderOutcome(string Folder, bool ResetToRoot);
