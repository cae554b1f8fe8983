using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Dashboard;

/// <summary>
/// Everything a screen may do, authorized on the server against the circuit's signed-in user: a customer reaches only their
/// own HestiaCP account (whatever the circuit sends), support staff read everything and change nothing. Every method
/// refuses an anonymous caller. Mutations take the request object the dialog built and validated (it travels unchanged to
/// the service, which validates it once more before HestiaCP sees it) and return the service's result: what is true
/// after the action. A mutation's cancellation token counts only until its intent is in the activity log: from then on it
/// runs to its end, so what HestiaCP did reaches the log and every open page. Faults: <see cref="DashboardAccessException"/> (not allowed), <see cref="ServerUnavailableException"/>
/// (the server is marked unreachable: nothing was sent), a HestiaCP client exception (a read could not be made).
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

    /// <summary>The account as HestiaCP has it now (one shared read).</summary>
    Task<AccountSnapshot> LoadAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>"Refresh now": reads the account at once, even while its server is marked unreachable.</summary>
    Task<AccountSnapshot> RefreshAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>Live updates of one account (authorized like <see cref="LoadAsync"/>).</summary>
    Task<ILiveSubscription> WatchAsync(AccountKey key, Func<AccountUpdate, Task> onUpdate);

    Task<ServerStatus> GetStatusAsync(string server);

    /// <summary>Panel, file manager and FTP host of a server.</summary>
    Task<ServerLinks> GetLinksAsync(string server);

    /// <summary>Support only: the accounts of every configured server, for the account picker.</summary>
    Task<IReadOnlyList<AccountKey>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Quick add: login and password are generated; a taken login is replaced and tried again.</summary>
    Task<FtpCreateResult> QuickCreateAsync(QuickCreateFtpAccountRequest request, CancellationToken cancellationToken);

    /// <summary>Add with a chosen login suffix, password and optional folder (which must exist).</summary>
    Task<FtpCreateResult> CreateAsync(CreateFtpAccountRequest request, CancellationToken cancellationToken);

    Task<FtpPasswordChangeResult> ChangePasswordAsync(ChangeFtpPasswordRequest request, CancellationToken cancellationToken);

    /// <summary>Changes the folder; a folder that does not exist resets the account to the domain root (the customer's rule).</summary>
    Task<FtpFolderChangeResult> ChangeFolderAsync(ChangeFtpFolderRequest request, CancellationToken cancellationToken);

    Task<FtpDeleteResult> DeleteAsync(DeleteFtpAccountRequest request, CancellationToken cancellationToken);

    /// <summary>The sub-folders of a folder inside the domain (for the folder picker); empty when it does not exist.</summary>
    Task<IReadOnlyList<string>> ListFoldersAsync(AccountKey key, string domain, string folder, CancellationToken cancellationToken);

    /// <summary>A fresh strong password for the password fields' "Generate" button.</summary>
    Task<string> GeneratePasswordAsync();
}

/// <summary>Links and connection details of one server.</summary>
public sealed record ServerLinks(string Server, Uri PanelUrl, Uri FileManagerUrl, string? FtpHost)
{
    public Uri DomainEditUrl(string domain) => new(PanelUrl, $"edit/web/?domain={Uri.EscapeDataString(domain)}");

    /// <summary>The host an FTP client connects to: the configured one, or the domain itself.</summary>
    public string HostFor(string domain) => string.IsNullOrEmpty(FtpHost) ? domain : FtpHost;

    /// <summary>What the credentials dialog shows for a new account; the password lives only there.</summary>
    public NewFtpCredentials CredentialsOf(CreatedFtpAccount account, string owner) =>
        new(account.Login, account.Password, account.Domain, account.Folder, HostFor(account.Domain),
            AbsoluteFolder: $"/home/{owner}/web/{account.Domain}{account.Folder}");
}

/// <summary>Shown once after creation; the password lives only in this object and the dialog that shows it.</summary>
public sealed record NewFtpCredentials(string Login, string Password, string Domain, string Folder, string Host, int Port = 21, string? AbsoluteFolder = null)
{
    public override string ToString() => $"{nameof(NewFtpCredentials)} {{ Login = {Login}, Password = ***, Domain = {Domain}, Host = {Host} }}";
}
