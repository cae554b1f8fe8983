using HestiaFtp.Core.FtpAccounts;

namespace HestiaFtp.Web.Features.DomainFtp;

/// <summary>What <see cref="EditFtpAccountDialog"/> changed; a part that was not changed is null.</summary>
public sealed record EditFtpAccountResult(FtpPasswordChangeResult? Password, FtpFolderChangeResult? Folder);
