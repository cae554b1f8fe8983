using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>
/// Builds the accounts page's card models, one page at a time, and keeps the previous instance of every card whose data
/// did not change. One per page instance (per circuit).
/// </summary>
public sealed class FtpAccountCardModels(IStringLocalizer<Strings> localizer)
{
    private readonly CardModelCache<FtpAccountCardModel> _cache = new(m => m.Login);

    /// <param name="accounts">The accounts to show, each with its domain, in display order.</param>
    /// <param name="snapshot">The account's data; its user decides the lock state and its key the support links.</param>
    /// <param name="status">The server's reachability; null when not known yet.</param>
    /// <param name="user">The signed-in user; support staff (and an unknown user) only read.</param>
    /// <param name="highlighted">Logins changed a moment ago.</param>
    public IReadOnlyList<FtpAccountCardModel> Build(
        IEnumerable<(FtpAccount Account, WebDomain Domain)> accounts,
        AccountSnapshot snapshot,
        ServerStatus? status,
        DashboardUser? user,
        IReadOnlySet<string> highlighted)
    {
        var unreachable = status is { Reachable: false };
        var readOnly = user?.IsSupport != false;
        var supportQuery = user?.IsSupport == true
            ? $"?server={Uri.EscapeDataString(snapshot.Key.Server)}&account={Uri.EscapeDataString(snapshot.Key.User)}"
            : "";
        string? deleteReason = unreachable ? localizer["Live.Paused"].Value : null;

        return _cache.Reuse(accounts.Select(item => new FtpAccountCardModel
        {
            Login = item.Account.Login,
            Domain = item.Domain.Name,
            SiteUrl = item.Domain.SiteUrl,
            Ip = item.Domain.Ip,
            Folder = item.Account.Folder,
            AbsoluteFolder = item.Account.AbsoluteFolder(item.Domain.Owner),
            AdvancedUrl = $"/domains/{Uri.EscapeDataString(item.Domain.Name)}{supportQuery}",
            Status = StatusOf(snapshot, status, item.Domain),
            ReadOnly = readOnly,
            EditDisabledReason = EditDisabledReason(unreachable, snapshot, item.Domain),
            DeleteDisabledReason = deleteReason,
            Highlight = highlighted.Contains(item.Account.Login),
        }));
    }

    /// <summary>What a card of <paramref name="domain"/> says; also what the page sorts and filters by.</summary>
    public static FtpAccountCardStatus StatusOf(AccountSnapshot snapshot, ServerStatus? status, WebDomain domain) =>
        status is { Reachable: false } ? FtpAccountCardStatus.Unknown
        : snapshot.HealthOf(domain).Logins == FtpLoginState.Locked ? FtpAccountCardStatus.LoginsLocked
        : domain.Suspended ? FtpAccountCardStatus.DomainSuspended
        : FtpAccountCardStatus.Active;

    /// <summary>The status in a word or two, as the card's chip and the table's status column say it.</summary>
    public static string StatusLabel(IStringLocalizer<Strings> localizer, FtpAccountCardStatus status) => status switch
    {
        FtpAccountCardStatus.LoginsLocked or FtpAccountCardStatus.DomainSuspended => localizer["Card.Suspended"],
        FtpAccountCardStatus.Unknown => localizer["Live.StatusUnknown"],
        _ => localizer["Card.Active"],
    };

    private string? EditDisabledReason(bool unreachable, AccountSnapshot snapshot, WebDomain domain) =>
        unreachable ? localizer["Live.Paused"].Value
        : snapshot.User?.Suspended == true ? localizer["Accounts.UserSuspendedReason"].Value
        : domain.Suspended ? localizer["Accounts.DomainSuspendedReason"].Value
        : null;
}
