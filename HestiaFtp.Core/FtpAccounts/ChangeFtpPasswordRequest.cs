namespace HestiaFtp.Core.FtpAccounts;

/// <summary>Set a new password (<c>v-change-web-domain-ftp-password USER DOMAIN LOGIN PASSWORD</c>, full login).</summary>
/// <param name="Password">Never logged, never printed by <see cref="ToString"/>.</param>
public sealed record ChangeFtpPasswordRequest(string User, string Domain, string Login, string Password)
{
    public override string ToString() =>
        $"{nameof(ChangeFtpPasswordRequest)} {{ User = {User}, Domain = {Domain}, Login = {Login}, Password = *** }}";
}
