using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>Move an account to another folder (<c>v-change-web-domain-ftp-path USER DOMAIN LOGIN PATH</c>, full login).</summary>
/// <param name="Folder">Relative to the domain folder; null or empty for the domain root.</param>
public sealed record ChangeFtpFolderRequest(string User, string Domain, string Login, string? Folder)
{
    /// <summary>The folder in stored form: <c>""</c> or <c>/a/b</c>.</summary>
    public string NormalizedFolder => FtpFolders.Normalize(Folder);
}
