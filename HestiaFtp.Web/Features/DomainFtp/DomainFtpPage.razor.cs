using HestiaFtp.Web.Expiry;
using Microsoft.JSInterop;
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

    [Inject] private IFtpDashboard Dashboard { get; set; } = default!;
    [Inject] private IFtpExpiries Expiries { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ReaderTimeZone ReaderTimeZone { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [Parameter] public string Domain { get; set; } = "";

    [SupplyParameterFromQuery(Name = "server")] public string? Server { get; set; }
    [SupplyParameterFromQuery(Name = "account")] public string? Account { get; set; }

    private AccountWatch _watch = default!;
    private readonly DomainFtpCardModels _cardModels = new();
    private DashboardUser? _user;
    private string? _loadedDomain;
    private string? _error;

    // Another customer's account: nothing to retry, reading again cannot help.
    private bool _notYours;

    private AccountKey? _key => _watch.Key;
    private AccountSnapshot? _snapshot => _watch.Snapshot;
    private ServerStatus? _status => _watch.Status;
    private ServerLinks? _links => _watch.Links;
    private string? _loadError => _error ?? _watch.LoadError;
    private IReadOnlySet<string> _highlighted => _watch.Highlighted;

    /// <summary>This page's domain in the snapshot (matched without case: the URL may be typed).</summary>
    private WebDomain? _web => _snapshot?.Domains.FirstOrDefault(d => string.Equals(d.Name, Domain, StringComparison.OrdinalIgnoreCase));

    private string BackUrl => _user?.IsSupport == true && _key is not null
        ? $"/?server={Uri.EscapeDataString(_key.Server)}&account={Uri.EscapeDataString(_key.User)}"
        : "/";

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new(L["Nav.FtpAccounts"], BackUrl, icon: Icons.Material.Filled.FolderShared),
        new(Domain, null, disabled: true),
    ];

    private FtpHealth? Health => _snapshot is not null && _web is not null ? _snapshot.HealthOf(_web) : null;

    private Color StatusColor => _watch.IsUnreachable ? Color.Default
        : Health?.Logins == FtpLoginState.Locked ? Color.Error : _web?.Suspended == true ? Color.Warning : Color.Success;

    private string StatusIcon => _watch.IsUnreachable ? Icons.Material.Filled.CloudOff
        : Health?.Logins == FtpLoginState.Locked ? Icons.Material.Filled.Lock
        : _web?.Suspended == true ? Icons.Material.Filled.PauseCircle : Icons.Material.Filled.CheckCircle;

    private string StatusText => _watch.IsUnreachable ? L["Live.StatusUnknown"]
        : Health?.Logins == FtpLoginState.Locked || _web?.Suspended == true ? L["Card.Suspended"] : L["Card.Active"];

    private string StatusExplain => Health?.Logins switch
    {
        _ when _watch.IsUnreachable => L["Live.StatusUnknownExplain"],
        FtpLoginState.Locked => L["DomainFtp.StatusUserSuspended"],
        FtpLoginState.Unknown => L["DomainFtp.StatusUnknown"],
        _ when _web?.Suspended == true => L["DomainFtp.StatusDomainSuspended"],
        _ => L["DomainFtp.StatusActive"],
    };

    /// <summary>Why adding, or changing a password or folder, is not possible right now; null when it is.</summary>
    private string? ChangeDisabledReason =>
        _status is { Reachable: false } ? L["Live.Paused"].Value
        : Health is null ? L["Common.Loading"].Value
        : Health.Logins == FtpLoginState.Locked ? L["Accounts.UserSuspendedReason"].Value
        : _web?.Suspended == true ? L["Accounts.DomainSuspendedReason"].Value
        : !Health.ChangesAllowed ? L["DomainFtp.StatusUnknown"].Value
        : null;

    private string? AddDisabledReason => ChangeDisabledReason;

    // HestiaCP still deletes on a suspended domain or user; only an unreachable server stops it.
    private string? DeleteDisabledReason => _status is { Reachable: false } ? L["Live.Paused"].Value : null;

    // Updates arrive on the feed's thread (and the highlight timer's): apply them and render on the circuit's dispatcher.
    protected override void OnInitialized()
    {
        InitEnds();
        _watch = new AccountWatch(Dashboard, L, Time, update => InvokeAsync(async () =>
        {
            // On the circuit's dispatcher: the live feed calls from a thread-pool thread.
            await update();
            StateHasChanged();
        }), change => change.Domain is null || string.Equals(change.Domain, Domain, StringComparison.OrdinalIgnoreCase),
            () => ReaderTimeZone.Current);
    }

    private IReadOnlyList<DomainFtpCardModel> Cards(WebDomain web) =>
        _cardModels.Build(web, _user?.IsSupport != false, ChangeDisabledReason, DeleteDisabledReason, _highlighted, ShownEnds);

    private Task EditCardAsync(string login) =>
        _web?.FtpAccounts.FirstOrDefault(a => a.Login == login) is { } account ? OpenEditAsync(account) : Task.CompletedTask;

    private Task DeleteCardAsync(string login) =>
        _web?.FtpAccounts.FirstOrDefault(a => a.Login == login) is { } account ? OpenDeleteAsync(account) : Task.CompletedTask;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _error = null;
            _notYours = false;
            _user = await Dashboard.GetUserAsync();
            var key = await Dashboard.ResolveAccountAsync(Server, Account);
            if (key is null)
            {
                _error = L["DomainFtp.PickAccount"];
                return;
            }
            if (key != _watch.Key || _watch.Snapshot is null || _loadedDomain != Domain)
            {
                _loadedDomain = Domain;
                await _watch.OpenAsync(key);
            }
            await _ends.OpenAsync(key);
        }
        catch (DashboardAccessException ex) when (ex.Why == DashboardAccessException.Reason.OtherAccount)
        {
            _error = L["Error.OwnAccountOnly"];
            _notYours = true;
        }
        catch (Exception ex)
        {
            _error = DashboardErrors.Describe(ex, L).Message;
        }
    }

    private Task RefreshAsync() => _watch.RefreshAsync(StateHasChanged);

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
            // The new account is already listed and highlighted: the read-back reached this page through the live feed.
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
            { d => d.End, await EndOfAsync(account.Login) },
        };
        var dialog = await Dialogs.ShowAsync<EditFtpAccountDialog>(L["DomainFtp.Edit.Title"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is not { Canceled: false, Data: EditFtpAccountResult edit })
        {
            return;
        }
        if (edit.Password is { } password)
        {
            Snackbar.Add(password.ReadBack is not null ? L["Accounts.PasswordChanged", account.Login] : L["Accounts.PasswordChangedUnconfirmed", account.Login],
                password.ReadBack is not null ? Severity.Success : Severity.Warning);
        }
        if (edit.Folder is { } folder)
        {
            Snackbar.Add(folder.WasReset ? L["DomainFtp.Edit.ResetToRootShort", account.Login] : L["DomainFtp.Edit.FolderChanged", account.Login, ChangeTexts.Folder(folder.ActualFolder ?? folder.RequestedFolder)],
                folder.WasReset ? Severity.Warning : Severity.Success);
        }
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
            await PageFocus.HeadingAsync(JS);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _watch.DisposeAsync();
        await _ends.DisposeAsync();
    }

    /// <summary>The account's end, read when its dialog opens; none when it cannot be read (the dialog can still set one).</summary>
    private async Task<FtpExpiry?> EndOfAsync(string login)
    {
        try
        {
            return _key is null ? null
                : (await Expiries.ListAsync(_key, CancellationToken.None)).FirstOrDefault(e => e.Key.Domain == Domain && e.Key.Login == login);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DashboardAccessException)
        {
            return null;
        }
    }
}
