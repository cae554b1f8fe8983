namespace HestiaFtp.Core.FtpAccounts;

/// <summary>Delete an account (<c>v-delete-web-domain-ftp USER DOMAIN LOGIN</c>, full login; works on suspended domains).</summary>
public sealed record DeleteFtpAccountRequest(string User, string Domain, string Login);
