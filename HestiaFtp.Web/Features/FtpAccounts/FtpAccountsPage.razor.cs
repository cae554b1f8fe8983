using System.Data.Common;
using Microsoft.JSInterop;
using System.Globalization;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Data;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Web.Features.FtpAccounts;

public sealed partial class FtpAccountsPage
{
    /// <summary>The page size choices; the first page of 48 fits a desktop screen of cards a few times over.</summary>
    private static readonly int[] PageSizes = [12, 24, 48, 96];
    private const int DefaultPageSize = 48;
    private static readonly MarkupString CardsIcon = InlineIcon.Svg(Icons.Material.Filled.GridView);
    private static readonly MarkupString TableIcon = InlineIcon.Svg(Icons.Material.Filled.TableRows);

    private enum AccountsView { Cards, Table }

    private enum SortColumn { Login, Domain, Status, Folder, End }

    [Inject] private IFtpDashboard Dashboard { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ReaderTimeZone ReaderTimeZone { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;
    [Inject] private IUserPreferences Preferences { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "server")] public string? Server { get; set; }
    [SupplyParameterFromQuery(Name = "account")] public string? Account { get; set; }

    private AccountWatch _watch = default!;
    private DashboardUser? _user;
    private string? _filter;
    private int _page = 1;
    private IReadOnlyList<AccountKey> _accounts = [];
    private AccountSnapshot? _itemsOf;
    private IReadOnlyList<FtpAccountItem> _items = [];
    private IReadOnlyList<FtpAccountItem>? _filtered;
    private string? _error;

    // Another customer's account: nothing to retry, reading again cannot help.
    private bool _notYours;
    private FtpAccountCardModels? _cardModels;
    private AccountsView _view = AccountsView.Cards;
    private int _pageSize = DefaultPageSize;
    private SortColumn? _sort;
    private bool _descending;
    private bool _preferencesRead;
    private bool _filteredReachable = true;

    private AccountKey? _key => _watch.Key;
    private AccountSnapshot? _snapshot => _watch.Snapshot;
    private ServerStatus? _status => _watch.Status;
    private ServerLinks? Links => _watch.Links;
    private string? _loadError => _error ?? _watch.LoadError;
    private IReadOnlySet<string> _highlighted => _watch.Highlighted;

    private int AccountCount => Items.Count;

    /// <summary>The snapshot's accounts (shared with every page showing the same snapshot), taken when a new one arrived.</summary>
    private IReadOnlyList<FtpAccountItem> Items
    {
        get
        {
            if (!ReferenceEquals(_itemsOf, _snapshot))
            {
                _itemsOf = _snapshot;
                _items = _snapshot is { } snapshot ? FtpAccountItems.Of(snapshot) : [];
                _filtered = null;
            }
            return _items;
        }
    }
    private int SuspendedDomainCount => _snapshot?.Domains.Count(d => d.Suspended) ?? 0;
    private IReadOnlyList<FtpAccountItem> Filtered
    {
        get
        {
            var items = Items;
            // The status (filtered and sorted on) also changes with the server's reachability, not only with a new snapshot.
            var reachable = _status?.Reachable != false;
            if (reachable != _filteredReachable)
            {
                _filteredReachable = reachable;
                _filtered = null;
            }
            return _filtered ??= Sort(Filter(items));
        }
    }
    private int PageCount => (Filtered.Count + _pageSize - 1) / _pageSize;
    private int CurrentPage => Math.Clamp(_page, 1, Math.Max(1, PageCount));
    private IEnumerable<FtpAccountItem> PageItems => Filtered.Skip((CurrentPage - 1) * _pageSize).Take(_pageSize);

    /// <summary>"49–51 of 51": the rows on this page of the filtered list, and the whole account's count when filtered.</summary>
    private string RangeLabel
    {
        get
        {
            var count = Filtered.Count;
            if (count == 0)
            {
                return L["Accounts.Showing", 0, AccountCount];
            }
            var first = (CurrentPage - 1) * _pageSize + 1;
            var last = Math.Min(count, CurrentPage * _pageSize);
            return count == AccountCount ? L["Accounts.Range", first, last, count] : L["Accounts.RangeFiltered", first, last, count, AccountCount];
        }
    }

    private string? AddDisabledReason =>
        _status is { Reachable: false } ? L["Live.Paused"].Value
        : _snapshot?.User?.Suspended == true ? L["Accounts.UserSuspendedReason"].Value
        : _snapshot is null ? L["Common.Loading"].Value
        : _snapshot.Domains.Count == 0 ? L["Accounts.NoDomainsReason"].Value
        : _snapshot.Domains.All(d => d.Suspended) ? L["Accounts.AllDomainsSuspended"].Value
        : null;

    private IReadOnlyList<FtpAccountCardModel> PageCards(AccountSnapshot snapshot) =>
        (_cardModels ??= new(L)).Build(PageItems.Select(i => (i.Account, i.Domain)), snapshot, _status, _user, _highlighted,
            new CardEnds(_ends.Of, _ends.Now, ReaderTimeZone.Current), _selected);

    private Task EditCardAsync(string login) =>
        Items.FirstOrDefault(i => i.Account.Login == login) is { } item ? OpenEditAsync(item) : Task.CompletedTask;

    private Task DeleteCardAsync(string login) =>
        Items.FirstOrDefault(i => i.Account.Login == login) is { } item ? OpenDeleteAsync(item) : Task.CompletedTask;

    // Updates arrive on the feed's thread (and the highlight timer's): apply them and render on the circuit's dispatcher.
    protected override void OnInitialized()
    {
        InitEnds();
        _watch = new AccountWatch(Dashboard, L, Time, update => InvokeAsync(async () =>
        {
            // On the circuit's dispatcher: the live feed calls from a thread-pool thread.
            await update();
            StateHasChanged();
        }), zone: () => ReaderTimeZone.Current);
    }

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _error = null;
            _notYours = false;
            _user = await Dashboard.GetUserAsync();
            if (_user.IsSupport && string.IsNullOrEmpty(Account))
            {
                // Staff start on the overview of every account; "/?server=…&account=…" still opens one account here.
                Navigation.NavigateTo("/support", replace: true);
                return;
            }
            var key = await Dashboard.ResolveAccountAsync(Server, Account);
            if (_user.IsSupport && _accounts.Count == 0)
            {
                _accounts = await Dashboard.ListAccountsAsync(CancellationToken.None);
            }
            if (!_preferencesRead)
            {
                _preferencesRead = true;
                await ReadPreferencesAsync(_user);
            }
            if (key is not null && (key != _watch.Key || _watch.Snapshot is null))
            {
                await _watch.OpenAsync(key);
            }
            if (key is not null)
            {
                await _ends.OpenAsync(key);
            }
        }
        catch (DashboardAccessException ex) when (ex.Why == DashboardAccessException.Reason.OtherAccount)
        {
            _error = L["Error.OwnAccountOnly"];
            _notYours = true;
        }
        catch (Exception ex) when (ex is not NavigationException)
        {
            _error = DashboardErrors.Describe(ex, L).Message;
        }
    }

    // A one-time password that was on screen, not yet copied, when this tab lost its circuit (see CredentialsDialog).
    private string? _lostPasswordLogin;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _lostPasswordLogin = await JS.InvokeAsync<string?>("hestiaFtp.takeLostPassword");
            if (_lostPasswordLogin is not null)
            {
                StateHasChanged();
            }
        }
    }

    private async Task SetNewPasswordAsync()
    {
        var login = _lostPasswordLogin;
        _lostPasswordLogin = null;
        if (login is not null)
        {
            await EditCardAsync(login);
        }
    }

    private Task RefreshAsync() => _watch.RefreshAsync(StateHasChanged);

    private void PickAccount(AccountKey? key)
    {
        if (key is not null)
        {
            Navigation.NavigateTo($"/?server={Uri.EscapeDataString(key.Server)}&account={Uri.EscapeDataString(key.User)}");
        }
    }


    private async Task OpenAddAsync()
    {
        if (_key is null || _snapshot is null)
        {
            return;
        }
        var parameters = new DialogParameters<AddFtpAccountDialog>
        {
            { d => d.AccountKey, _key },
            { d => d.Domains, _snapshot.Domains },
        };
        var dialog = await Dialogs.ShowAsync<AddFtpAccountDialog>(L["Add.Title"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: NewFtpCredentials credentials })
        {
            // The new card is already there: the read-back reached this page through the live feed.
            await ShowCredentialsAsync(credentials);
        }
    }

    private async Task ShowCredentialsAsync(NewFtpCredentials credentials)
    {
        var parameters = new DialogParameters<CredentialsDialog> { { d => d.Credentials, credentials } };
        var dialog = await Dialogs.ShowAsync<CredentialsDialog>(L["Credentials.Title"].Value, parameters, DialogDefaults.Options);
        await dialog.Result;
    }

    private async Task OpenEditAsync(FtpAccountItem item)
    {
        if (_key is null)
        {
            return;
        }
        var parameters = new DialogParameters<ChangePasswordDialog>
        {
            { d => d.AccountKey, _key },
            { d => d.Domain, item.Domain.Name },
            { d => d.Login, item.Account.Login },
            { d => d.End, _ends.Of(item.Domain.Name, item.Account.Login) },
        };
        var dialog = await Dialogs.ShowAsync<ChangePasswordDialog>(L["Card.Edit"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: FtpPasswordChangeResult changed })
        {
            Snackbar.Add(changed.ReadBack is not null ? L["Accounts.PasswordChanged", item.Account.Login] : L["Accounts.PasswordChangedUnconfirmed", item.Account.Login],
                changed.ReadBack is not null ? Severity.Success : Severity.Warning);
        }
    }

    private async Task OpenDeleteAsync(FtpAccountItem item)
    {
        if (_key is null)
        {
            return;
        }
        var parameters = new DialogParameters<DeleteFtpAccountDialog>
        {
            { d => d.AccountKey, _key },
            { d => d.Domain, item.Domain.Name },
            { d => d.Login, item.Account.Login },
            { d => d.Folder, item.Account.AbsoluteFolder(item.Domain.Owner) },
        };
        var dialog = await Dialogs.ShowAsync<DeleteFtpAccountDialog>(L["Delete.Title"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add(L["Accounts.Deleted", item.Account.Login], Severity.Success);
            await PageFocus.HeadingAsync(JS);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ends.DisposeAsync();
        await _watch.DisposeAsync();
    }
}
