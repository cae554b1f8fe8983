using HestiaFtp.Core.FtpAccounts;

namespace HestiaFtp.Core.Hestia;

/// <summary>A web domain as listed by <c>v-list-web-domains USER json</c> / <c>v-list-web-domain USER DOMAIN json</c>.</summary>
public sealed record WebDomain(
    string Name,
    string Owner,
    string Ip,
    string DocumentRoot,
    IReadOnlyList<string> Aliases,
    bool Ssl,
    bool LetsEncrypt,
    bool Suspended,
    IReadOnlyList<FtpAccount> FtpAccounts)
{
    /// <summary>The domain folder that FTP paths are relative to: <c>/home/USER/web/DOMAIN</c>.</summary>
    public string DomainFolder => $"/home/{Owner}/web/{Name}";

    /// <summary>The site's URL: https when the domain has SSL.</summary>
    public string SiteUrl => $"{(Ssl ? "https" : "http")}://{Name}/";
}

/// <summary>A HestiaCP panel user as listed by <c>v-list-user</c> / <c>v-list-users</c>. Secrets (RKEY, TWOFA, QRCODE) are never read.</summary>
public sealed record HestiaUser(
    string Name,
    string Role,
    bool Suspended,
    int SuspendedWebDomains,
    int WebDomainCount,
    string ContactName,
    string Package)
{
    public bool IsAdmin => string.Equals(Role, "admin", StringComparison.Ordinal);
}

/// <summary>One entry of <c>v-list-fs-directory</c>.</summary>
public sealed record FsEntry(char Type, string Name)
{
    public bool IsDirectory => Type == 'd';
}
