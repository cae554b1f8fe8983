using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Expiry;
using Microsoft.AspNetCore.Components;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>The accounts page's ends: the cards' countdowns (one minute timer per page) and the "ending soon" filter.</summary>
public sealed partial class FtpAccountsPage
{
    [Inject] private IFtpExpiries Expiries { get; set; } = default!;

    private PageEnds _ends = default!;
    private bool _endingSoonOnly;

    private int EndingSoonCount => Items.Count(i => EndTexts.IsSoon(_ends.Of(i.Domain.Name, i.Account.Login), _ends.Now));

    // Every tick and every change of the ends may move accounts in or out of "ending soon": filter again, then render.
    // Cards whose model did not change (most, on a tick) do not render again.
    private void InitEnds() =>
        _ends = new PageEnds(Expiries, Time, change => InvokeAsync(() =>
        {
            change();
            _filtered = null;
            StateHasChanged();
        }));

    private void ToggleEndingSoon()
    {
        _endingSoonOnly = !_endingSoonOnly;
        _filtered = null;
        _page = 1;
    }

    /// <summary>Accounts without an end sort after every end.</summary>
    private DateTimeOffset EndSortKey(FtpAccountItem item) => _ends.Of(item.Domain.Name, item.Account.Login)?.EndsAt ?? DateTimeOffset.MaxValue;
}
