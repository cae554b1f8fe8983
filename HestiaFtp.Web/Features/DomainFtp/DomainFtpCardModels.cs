using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Components.Shared;

namespace HestiaFtp.Web.Features.DomainFtp;

/// <summary>
/// Builds a domain page's card models and keeps the previous instance of every card whose data did not change.
/// One per page instance (per circuit).
/// </summary>
public sealed class DomainFtpCardModels
{
    private readonly CardModelCache<DomainFtpCardModel> _cache = new(m => m.Login);

    /// <param name="web">The domain, with its FTP accounts in display order.</param>
    /// <param name="readOnly">Support staff only read.</param>
    /// <param name="editDisabledReason">Why changes are refused right now (the same for every account of the domain), or null.</param>
    /// <param name="deleteDisabledReason">Why deleting is not possible right now, or null.</param>
    /// <param name="highlighted">Logins changed a moment ago.</param>
    public IReadOnlyList<DomainFtpCardModel> Build(
        WebDomain web, bool readOnly, string? editDisabledReason, string? deleteDisabledReason, IReadOnlySet<string> highlighted) =>
        _cache.Reuse(web.FtpAccounts.Select(account => new DomainFtpCardModel
        {
            Login = account.Login,
            Domain = account.Domain,
            Folder = account.Folder,
            AbsoluteFolder = account.AbsoluteFolder(web.Owner),
            ReadOnly = readOnly,
            EditDisabledReason = editDisabledReason,
            DeleteDisabledReason = deleteDisabledReason,
            Highlight = highlighted.Contains(account.Login),
        }));
}
