namespace HestiaFtp.Core.FtpAccounts;

/// <summary>Create an FTP account with a generated name and password at the domain root.</summary>
public sealed record QuickCreateFtpAccountRequest(string User, string Domain);
