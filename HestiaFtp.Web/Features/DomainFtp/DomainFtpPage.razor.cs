using System.Globalization;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Web.Features.DomainFtp;

/// <summary>
/// The advanced page of one web domain: its FTP accounts with their folders, and the full add, edit and delete
/// dialogs. Customers see their own domain; support staff pass <c>?server=&amp;account=</c> and only read.
/// </summary>
public sealed partial class DomainFtpPage
{
    private static readonly TimeSpan HighlightDuration = TimeSpan.FromSeconds(3);

    [Inject] private IFtpDashboard Dashboard { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [Parameter] public string Domain { get; set; } = "";

    [SupplyParameterFromQuery(Name = "server")] public string? Server { get; set; }
    [SupplyParameterFromQuery(Name = "account")] public string? Account { get; set; }

    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<string> _highlighted = new(StringComparer.Ordinal);
    private readonly DomainFtpCardModels _cardModels = new();
    private DashboardUser? _user;
    private AccountKey? _key;
    private string? _loadedDomain;
    private AccountSnapshot? _snapshot;
    private WebDomain? _web;
    private ServerStatus? _status;
    private ServerLinks? _links;
    private string? _loadError;
    private string _announcement = "";
    private ILiveSubscription? _subscription;

    private string BackUrl => _user?.IsSupport == true && _key is not null
        ? $"/?server={Uri.EscapeDataString(_key.Server)}&account={Uri.EscapeDataString(_key.User)}"
        : "/";

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new(L["Nav.FtpAccounts"], BackUrl, icon: Icons.Material.Filled.FolderShared),
        new(Domain, null, disabled: true),
    ];

    private FtpHealth? Health => _snapshot is not null && _web is not null ? _snapshot.HealthOf(_web) : null;

    private Color StatusColor => Health?.Logins == FtpLoginState.Locked ? Color.Error : _web?.Suspended == true ? Color.Warning : Color.Success;

    private string StatusIcon => Health?.Logins == FtpLoginState.Locked ? Icons.Material.Filled.Lock
        : _web?.Suspended == true ? Icons.Material.Filled.PauseCircle : Icons.Material.Filled.CheckCircle;

    private string StatusText => Health?.Logins == FtpLoginState.Locked || _web?.Suspended == true ? L["Card.Suspended"] : L["Card.Active"];

    private string StatusExplain => Health?.Logins switch
    {
        FtpLoginState.Locked => L["DomainFtp.StatusUserSuspended"],
        FtpLoginState.Unknown => L["DomainFtp.StatusUnknown"],
        _ when _web?.Suspended == true => L["DomainFtp.StatusDomainSuspended"],
        _ => L["DomainFtp.StatusActive"],
    };

    /// <summary>Why adding, or changing a password or folder, is not possible right now; null when it is.</summary>
    private string? ChangeDisabledReason =>
        _status is { Reachable: false } ? L["Accounts.UnreachableReason"].Value
        : Health is null ? L["Common.Loading"].Value
        : Health.Logins == FtpLoginState.Locked ? L["Accounts.UserSuspendedReason"].Value
        : _web?.Suspended == true ? L["Accounts.DomainSuspendedReason"].Value
        : !Health.ChangesAllowed ? L["DomainFtp.StatusUnknown"].Value
        : null;

    private string? AddDisabledReason => ChangeDisabledReason;

    // HestiaCP still deletes on a suspended domain or user; only an unreachable server stops it.
    private string? DeleteDisabledReason => _status is { Reachable: false } ? L["Accounts.UnreachableReason"].Value : null;

    private IReadOnlyList<DomainFtpCardModel> Cards(WebDomain web) =>
        _cardModels.Build(web, _user?.IsSupport != false, ChangeDisabledReason, DeleteDisabledReason, _highlighted);

    private Task EditCardAsync(string login) =>
        _web?.FtpAccounts.FirstOrDefault(a => a.Login == login) is { } account ? OpenEditAsync(account) : Task.CompletedTask;

    private Task DeleteCardAsync(string login) =>
        _web?.FtpAccounts.FirstOrDefault(a => a.Login == login) is { } account ? OpenDeleteAsync(account) : Task.CompletedTask;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _user = await Dashboard.GetUserAsync();
            var key = await Dashboard.ResolveAccountAsync(Server, Account);
            if (key is null)
            {
                _key = null;
                _snapshot = null;
                _loadError = L["DomainFtp.PickAccount"];
                return;
            }
            if (key != _key || _snapshot is null || _loadedDomain != Domain)
            {
                _key = key;
                _loadedDomain = Domain;
                await SubscribeAsync();
                await ReloadAsync();
            }
        }
        catch (Exception ex) when (!_disposed.IsCancellationRequested)
        {
            _loadError = DashboardErrors.Describe(ex, L).Message;
        }
    }

    private async Task SubscribeAsync()
    {
        _subscription?.Dispose();
        _subscription = null;
        _snapshot = null;
        _web = null;
        if (_key is not null)
        {
            _links = Dashboard.GetLinks(_key.Server);
            _status = Dashboard.GetStatus(_key.Server);
            _subscription = await Dashboard.WatchAsync(_key, update => InvokeAsync(() => ApplyUpdate(update)));
        }
    }

    private async Task ReloadAsync()
    {
        if (_key is null)
        {
            return;
        }
        _loadError = null;
        try
        {
            SetSnapshot(await Dashboard.LoadAsync(_key, _disposed.Token));
        }
        catch (Exception ex) when (!_disposed.IsCancellationRequested)
        {
            _loadError = $"{L["DomainFtp.LoadFailed"].Value} {DashboardErrors.Describe(ex, L).Message}";
        }
        _status = Dashboard.GetStatus(_key.Server);
    }

    private void SetSnapshot(AccountSnapshot snapshot)
    {
        _snapshot = snapshot;
        _web = snapshot.Domains.FirstOrDefault(d => string.Equals(d.Name, Domain, StringComparison.OrdinalIgnoreCase));
    }

    private void ApplyUpdate(AccountUpdate update)
    {
        if (update.Key != _key)
        {
            return;
        }
        _status = update.Status;
        if (update.Snapshot is not null)
        {
            SetSnapshot(update.Snapshot);
        }
        var mine = update.Changes
            .Where(c => c.Domain is null || string.Equals(c.Domain, Domain, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (mine.Count > 0)
        {
            _announcement = string.Join(" ", mine.Select(Describe));
            var logins = mine.Where(c => c.Login is not null).Select(c => c.Login!).ToList();
            Highlight(logins);
        }
        StateHasChanged();
    }

    private string Describe(AccountChange change) => change.Kind switch
    {
        ChangeKind.FtpAdded => L["DomainFtp.Live.Added", change.Login ?? ""],
        ChangeKind.FtpRemoved => L["DomainFtp.Live.Removed", change.Login ?? ""],
        ChangeKind.FtpMoved => L["DomainFtp.Live.Moved", change.Login ?? ""],
        ChangeKind.FtpPasswordChanged => L["DomainFtp.Live.Password", change.Login ?? ""],
        _ => L["DomainFtp.Live.Other"],
    };

    private void Highlight(IReadOnlyList<string> logins)
    {
        if (logins.Count == 0)
        {
            return;
        }
        foreach (var login in logins)
        {
            _highlighted.Add(login);
        }
        _ = ClearHighlightsLaterAsync(logins);
    }

    private async Task ClearHighlightsLaterAsync(IReadOnlyList<string> logins)
    {
        try
        {
            await Task.Delay(HighlightDuration, Time, _disposed.Token);
            await InvokeAsync(() =>
            {
                foreach (var login in logins)
                {
                    _highlighted.Remove(login);
                }
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string FormatTime(DateTimeOffset? at) =>
        at is { } value ? value.ToLocalTime().ToString("g", CultureInfo.CurrentCulture) : "—";

    private async Task OpenCreateAsync()
    {
        if (_key is null || AddDisabledReason is not null)
        {
            return;
        }
        var parameters = new DialogParameters<CreateFtpAccountDialog>
        {
            { d => d.AccountKey, _key },
            { d => d.Domain, Domain },
        };
        var dialog = await Dialogs.ShowAsync<CreateFtpAccountDialog>(L["DomainFtp.Create.Title"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: NewFtpCredentials credentials })
        {
            await ReloadAsync();
            Highlight([credentials.Login]);
            StateHasChanged();
            var shown = new DialogParameters<CredentialsDialog> { { d => d.Credentials, credentials } };
            var credentialsDialog = await Dialogs.ShowAsync<CredentialsDialog>(L["Credentials.Title"].Value, shown, DialogDefaults.Options);
            await credentialsDialog.Result;
        }
    }

    private async Task OpenEditAsync(FtpAccount account)
    {
        if (_key is null || ChangeDisabledReason is not null)
        {
            return;
        }
        var parameters = new DialogParameters<EditFtpAccountDialog>
        {
            { d => d.AccountKey, _key },
            { d => d.Domain, Domain },
            { d => d.Login, account.Login },
            { d => d.Folder, account.Folder },
        };
        var dialog = await Dialogs.ShowAsync<EditFtpAccountDialog>(L["DomainFtp.Edit.Title"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: EditFtpAccountResult edit })
        {
            return;
        }
        if (edit.Password is { } password)
        {
            Snackbar.Add(password.Confirmed ? L["Accounts.PasswordChanged", account.Login] : L["Accounts.PasswordChangedUnconfirmed", account.Login],
                password.Confirmed ? Severity.Success : Severity.Warning);
        }
        if (edit.Folder is { } folder)
        {
            Snackbar.Add(folder.ResetToRoot ? L["DomainFtp.Edit.ResetToRootShort", account.Login] : L["DomainFtp.Edit.FolderChanged", account.Login, folder.Folder.Length == 0 ? "/" : folder.Folder],
                folder.ResetToRoot ? Severity.Warning : Severity.Success);
        }
        await ReloadAsync();
        Highlight([account.Login]);
    }

    private async Task OpenDeleteAsync(FtpAccount account)
    {
        if (_key is null || _web is null || DeleteDisabledReason is not null)
        {
            return;
        }
        var parameters = new DialogParameters<DeleteFtpAccountDialog>
        {
            { d => d.AccountKey, _key },
            { d => d.Domain, Domain },
            { d => d.Login, account.Login },
            { d => d.Folder, account.AbsoluteFolder(_web.Owner) },
        };
        var dialog = await Dialogs.ShowAsync<DeleteFtpAccountDialog>(L["Delete.Title"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add(L["Accounts.Deleted", account.Login], Severity.Success);
            await ReloadAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
