using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>
/// Create an extra FTP account with a chosen name and password (<c>v-add-web-domain-ftp USER DOMAIN SUFFIX PASSWORD [PATH]</c>).
/// </summary>
/// <param name="User">The panel user owning the domain.</param>
/// <param name="Domain">The web domain, as stored (lower-case).</param>
/// <param name="LoginSuffix">The name as typed; a typed <c>USER_</c> prefix is recognised and not doubled (<see cref="Suffix"/>).</param>
/// <param name="Password">The password; never logged, never printed by <see cref="ToString"/>.</param>
/// <param name="Folder">The folder relative to the domain folder; null or empty for the domain root. It must already exist.</param>
public sealed record CreateFtpAccountRequest(string User, string Domain, string LoginSuffix, string Password, string? Folder = null)
{
    /// <summary>The suffix HestiaCP will be sent: <see cref="LoginSuffix"/> without a typed <c>USER_</c> prefix.</summary>
    public string Suffix => FtpNames.StripTypedPrefix(User, LoginSuffix ?? string.Empty);

    /// <summary>The account that will exist: <c>USER_suffix</c>.</summary>
    public string FullLogin => FtpNames.FullLogin(User, Suffix);

    /// <summary>True when the typed name already carried the <c>USER_</c> prefix (the UI says it was not doubled).</summary>
    public bool HadTypedPrefix => !string.Equals(Suffix, LoginSuffix, StringComparison.Ordinal);

    /// <summary>The folder in stored form: <c>""</c> or <c>/a/b</c>.</summary>
    public string NormalizedFolder => FtpFolders.Normalize(Folder);

    public override string ToString() =>
        $"{nameof(CreateFtpAccountRequest)} {{ User = {User}, Domain = {Domain}, LoginSuffix = {LoginSuffix}, Password = ***, Folder = {Folder} }}";
}
