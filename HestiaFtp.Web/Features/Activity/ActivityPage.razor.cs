using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Web.Features.Activity;

/// <summary>
/// The audit log of changes made through the dashboard. Customers see their own account's entries: the query is built
/// from the signed-in user alone, whatever the address says. Support staff see everyone's and may filter.
/// </summary>
public partial class ActivityPage
{
    private const int PageSize = 100;
    private const string AllServers = "";

    private DashboardUser? _user;
    private IReadOnlyList<AuditEntry>? _entries;
    private IReadOnlyList<AccountKey> _accounts = [];
    private string _server = AllServers;
    private string? _account;
    private int _take = PageSize;
    private string? _error;
    private string _announcement = "";

    /// <summary>The reader's time zone (<see cref="ReaderTimeZoneScope"/>); UTC until the browser has told it.</summary>
    [CascadingParameter]
    public ReaderZone Zone { get; set; } = ReaderZone.Utc;

    [Inject]
    private IAuditLog Audit { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IFtpDashboard Dashboard { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Strings> L { get; set; } = default!;

    [Inject]
    private ILogger<ActivityPage> Logger { get; set; } = default!;

    /// <summary>Staff only: the initial server filter. Ignored for customers.</summary>
    [SupplyParameterFromQuery(Name = "server")]
    public string? ServerQuery { get; set; }

    /// <summary>Staff only: the initial account filter. Ignored for customers.</summary>
    [SupplyParameterFromQuery(Name = "account")]
    public string? AccountQuery { get; set; }

    private bool IsFiltered => _user?.IsSupport == true && (_server != AllServers || _account is not null);

    private IEnumerable<string> Servers => _accounts.Select(a => a.Server).Append(_server).Where(s => s != AllServers)
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private IReadOnlyList<AccountKey> PickerAccounts => _server == AllServers ? _accounts : _accounts.Where(a => a.Server == _server).ToList();

    private AccountKey? SelectedAccount => _account is null ? null : new AccountKey(_server, _account);

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _user = await CurrentUser.RequireAsync();
        }
        catch (DashboardAccessException ex)
        {
            _error = DashboardErrors.Describe(ex, L).Message;
            return;
        }

        if (_user.IsSupport)
        {
            _server = string.IsNullOrWhiteSpace(ServerQuery) ? AllServers : ServerQuery.Trim();
            _account = string.IsNullOrWhiteSpace(AccountQuery) ? null : AccountQuery.Trim();
            if (_account is not null && _server == AllServers)
            {
                _server = _user.Server;
            }

            await LoadAccountsAsync();
        }

        await LoadAsync();
    }

    /// <summary>Customers: always their own server and account, from the signed-in user. Staff: the chosen filter.</summary>
    private AuditQuery BuildQuery(DashboardUser user) => user.IsSupport
        ? new AuditQuery(_server == AllServers ? null : _server, _account, _take)
        : new AuditQuery(user.Server, user.Name, _take);

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            // Re-read on every load: a circuit signed out meanwhile must not read the log any more.
            var user = await CurrentUser.RequireAsync();
            _user = user;
            _entries = await Audit.QueryAsync(BuildQuery(user), CancellationToken.None);
            _announcement = L.Plural("Activity.Loaded", _entries.Count);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The activity log could not be read");
            _error = ex is DashboardAccessException ? DashboardErrors.Describe(ex, L).Message : L["Activity.LoadFailed"];
        }
    }

    private async Task LoadAccountsAsync()
    {
        try
        {
            _accounts = await Dashboard.ListAccountsAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The filter still works by server; the picker just has nothing to offer.
            Logger.LogWarning(ex, "The account list for the activity filter could not be read");
            _accounts = [];
        }
    }

    private async Task OnServerChangedAsync(string? server)
    {
        _server = server ?? AllServers;
        _account = null;
        _take = PageSize;
        await LoadAsync();
    }

    private async Task OnAccountChangedAsync(AccountKey? key)
    {
        _account = key?.User;
        if (key is not null)
        {
            _server = key.Server;
        }

        _take = PageSize;
        await LoadAsync();
    }

    private async Task ClearFilterAsync()
    {
        _server = AllServers;
        _account = null;
        _take = PageSize;
        await LoadAsync();
    }

    private async Task ShowMoreAsync()
    {
        _take += PageSize;
        await LoadAsync();
    }

    private string ActionText(string action)
    {
        var text = L[$"Activity.Action.{action}"];
        return text.ResourceNotFound ? action : text;
    }

    private static string ActionIcon(string action) => action switch
    {
        AuditActions.AddFtpAccount => Icons.Material.Filled.PersonAdd,
        AuditActions.DeleteFtpAccount => Icons.Material.Filled.PersonRemove,
        AuditActions.ChangeFtpPassword => Icons.Material.Filled.Key,
        AuditActions.ChangeFtpPath => Icons.Material.Filled.DriveFileMove,
        _ => Icons.Material.Filled.Edit,
    };

    private string OutcomeText(AuditOutcomeKind kind) => L[$"Activity.Outcome.{kind}"];

    private static Color OutcomeColor(AuditOutcomeKind kind) => kind switch
    {
        AuditOutcomeKind.Succeeded => Color.Success,
        AuditOutcomeKind.Failed => Color.Error,
        _ => Color.Warning,
    };

    private static string OutcomeIcon(AuditOutcomeKind kind) => kind switch
    {
        AuditOutcomeKind.Succeeded => Icons.Material.Filled.CheckCircle,
        AuditOutcomeKind.Failed => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.HelpOutline,
    };
}
