using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Expiry;
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
    /// <param name="ends">The account's ends, the page's minute-stepped now and the reader's zone; null shows none.</param>
    /// <param name="selected">Logins ticked for a bulk action.</param>
    public IReadOnlyList<FtpAccountCardModel> Build(
        IEnumerable<(FtpAccount Account, WebDomain Domain)> accounts,
        AccountSnapshot snapshot,
        ServerStatus? status,
        DashboardUser? user,
        IReadOnlySet<string> highlighted,
        CardEnds? ends = null,
        IReadOnlySet<string>? selected = null)
    {
        var unreachable = status is { Reachable: false };
        var readOnly = user?.IsSupport != false;
        var supportQuery = user?.IsSupport == true
            ? $"?server={Uri.EscapeDataString(snapshot.Key.Server)}&account={Uri.EscapeDataString(snapshot.Key.User)}"
            : "";
        string? deleteReason = unreachable ? localizer["Live.Paused"].Value : null;

        return _cache.Reuse(accounts.Select(item => WithEnd(new FtpAccountCardModel
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
            Selected = selected?.Contains(item.Account.Login) == true,
        }, ends?.Show(item.Domain.Name, item.Account.Login, localizer))));
    }

    private FtpAccountCardModel WithEnd(FtpAccountCardModel model, CardEnd? end) =>
        end is not { } shown ? model : model with { EndText = shown.Text, Countdown = shown.Countdown, EndingSoon = shown.Soon };

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

/// <summary>What the cards need to show ends: the ends by domain and login, the page's now (minute-stepped), the reader's zone.</summary>
public sealed record CardEnds(Func<string, string, FtpExpiry?> Of, DateTimeOffset Now, ReaderZone Zone)
{
    /// <summary>What a card (accounts page or domain page) says about the account's end, or null when it has none.</summary>
    public CardEnd? Show(string domain, string login, IStringLocalizer<Strings> localizer) => Of(domain, login) is not { } end ? null
        : new CardEnd(EndTexts.End(end, Zone, localizer), EndTexts.Countdown(end, Now, localizer), EndTexts.IsSoon(end, Now));
}

/// <summary>An end as the cards show it: "Ends 04.12.2026 17:00", "in 5 h 12 min" (or removal pending), highlighted when soon.</summary>
public readonly record struct CardEnd(string Text, string Countdown, bool Soon);
