namespace HestiaFtp.Core.FtpAccounts;

/// <summary>
/// One additional FTP account of a web domain, paired from the domain's <c>FTP_USER</c> and <c>FTP_PATH</c> colon lists.
/// </summary>
/// <param name="Login">The full Linux account name, <c>USER_suffix</c>.</param>
/// <param name="Domain">The web domain it belongs to.</param>
/// <param name="Folder">The folder relative to the domain folder, normalised: <c>""</c> for the domain root, else <c>/a/b</c>.</param>
public sealed record FtpAccount(string Login, string Domain, string Folder)
{
    /// <summary>The absolute home folder on the server.</summary>
    public string AbsoluteFolder(string owner) => $"/home/{owner}/web/{Domain}{Folder}";
}
