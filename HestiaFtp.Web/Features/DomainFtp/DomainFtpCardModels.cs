using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

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
    /// <param name="ends">The ends, the page's minute-stepped now and the reader's zone, with the texts' localizer; null shows none.</param>
    public IReadOnlyList<DomainFtpCardModel> Build(
        WebDomain web, bool readOnly, string? editDisabledReason, string? deleteDisabledReason, IReadOnlySet<string> highlighted,
        (CardEnds Ends, IStringLocalizer<Strings> Localizer)? ends = null) =>
        _cache.Reuse(web.FtpAccounts.Select(account => WithEnd(new DomainFtpCardModel
        {
            Login = account.Login,
            Domain = account.Domain,
            Folder = account.Folder,
            AbsoluteFolder = account.AbsoluteFolder(web.Owner),
            ReadOnly = readOnly,
            EditDisabledReason = editDisabledReason,
            DeleteDisabledReason = deleteDisabledReason,
            Highlight = highlighted.Contains(account.Login),
        }, ends?.Ends.Show(account.Domain, account.Login, ends.Value.Localizer))));

    // The same texts as the accounts page's cards (CardEnds.Show).
    private static DomainFtpCardModel WithEnd(DomainFtpCardModel model, CardEnd? end) =>
        end is not { } shown ? model : model with { EndText = shown.Text, Countdown = shown.Countdown, EndingSoon = shown.Soon };
}
