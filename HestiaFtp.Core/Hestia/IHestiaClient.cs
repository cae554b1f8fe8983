namespace HestiaFtp.Core.Hestia;

/// <summary>
/// A client for one HestiaCP server's HTTP API. Reads may be retried on transient failures; mutations never are,
/// and mutations against one server are serialized. Every failure is a <see cref="HestiaException"/>.
/// </summary>
public interface IHestiaClient
{
    /// <summary>The configured name of the server this client talks to.</summary>
    string ServerName { get; }

    /// <summary><c>v-list-users json</c>: every panel user with suspension state (staff view).</summary>
    Task<IReadOnlyList<HestiaUser>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary><c>v-list-user USER json</c>.</summary>
    Task<HestiaUser> GetUserAsync(string user, CancellationToken cancellationToken);

    /// <summary><c>v-list-web-domains USER json</c>: all domains of a user with their FTP accounts, in creation order.</summary>
    Task<IReadOnlyList<WebDomain>> ListWebDomainsAsync(string user, CancellationToken cancellationToken);

    /// <summary><c>v-list-web-domain USER DOMAIN json</c>: the targeted read after a mutation.</summary>
    Task<WebDomain> GetWebDomainAsync(string user, string domain, CancellationToken cancellationToken);

    /// <summary>
    /// <c>v-check-user-password USER PASSWORD IP</c>: true when the panel password is right. False for Hestia's
    /// <c>password missmatch</c> (exit 9, which also covers unknown and suspended users). <paramref name="clientIp"/> is the
    /// end user's address so fail2ban attributes failures to them, not to the dashboard.
    /// </summary>
    Task<bool> CheckUserPasswordAsync(string user, string password, string clientIp, CancellationToken cancellationToken);

    /// <summary>
    /// <c>v-add-web-domain-ftp USER DOMAIN SUFFIX PASSWORD [PATH]</c>. Hestia always prefixes: the account is <c>USER_SUFFIX</c>.
    /// </summary>
    Task AddFtpAccountAsync(string user, string domain, string loginSuffix, string password, string? path, CancellationToken cancellationToken);

    /// <summary><c>v-change-web-domain-ftp-password USER DOMAIN LOGIN PASSWORD</c> (full login).</summary>
    Task ChangeFtpPasswordAsync(string user, string domain, string login, string password, CancellationToken cancellationToken);

    /// <summary><c>v-change-web-domain-ftp-path USER DOMAIN LOGIN PATH</c> (full login; empty path = domain root).</summary>
    Task ChangeFtpPathAsync(string user, string domain, string login, string path, CancellationToken cancellationToken);

    /// <summary><c>v-delete-web-domain-ftp USER DOMAIN LOGIN</c> (full login). Works on suspended domains.</summary>
    Task DeleteFtpAccountAsync(string user, string domain, string login, CancellationToken cancellationToken);

    /// <summary><c>v-check-fs-permission USER /home/USER/web/DOMAIN/PATH</c>: whether the folder exists.</summary>
    Task<bool> FolderExistsAsync(string user, string domain, string relativePath, CancellationToken cancellationToken);

    /// <summary><c>v-list-fs-directory USER /home/USER/web/DOMAIN/PATH</c>: the entries of a folder, or null when it does not exist.</summary>
    Task<IReadOnlyList<FsEntry>?> ListFolderAsync(string user, string domain, string relativePath, CancellationToken cancellationToken);
}
