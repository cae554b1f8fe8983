using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Features.FtpAccounts;

namespace HestiaFtp.Web.Features.DomainFtp;

/// <summary>
/// The domain page's ends: each card shows its end and countdown as the accounts page's cards do (CardEnds), with one
/// minute timer per page (PageEnds); a tick renders the page, but only cards whose model changed render again.
/// </summary>
public sealed partial class DomainFtpPage
{
    private PageEnds _ends = default!;

    private void InitEnds() =>
        _ends = new PageEnds(Expiries, Time, change => InvokeAsync(() =>
        {
            change();
            StateHasChanged();
        }));

    private (CardEnds, Microsoft.Extensions.Localization.IStringLocalizer<Resources.Strings>) ShownEnds =>
        (new CardEnds(_ends.Of, _ends.Now, ReaderTimeZone.Current), L);
}
