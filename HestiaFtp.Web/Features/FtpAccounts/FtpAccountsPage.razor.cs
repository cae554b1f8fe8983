using Microsoft.JSInterop;
using System.Globalization;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Web.Features.FtpAccounts;

public sealed partial class FtpAccountsPage
{
    private const int PageSize = 48;

    [Inject] private IFtpDashboard Dashboard { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ReaderTimeZone ReaderTimeZone { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "server")] public string? Server { get; set; }
    [SupplyParameterFromQuery(Name = "account")] public string? Account { get; set; }

    private AccountWatch _watch = default!;
    private DashboardUser? _user;
    private string? _filter;
    private int _page = 1;
    private IReadOnlyList<AccountKey> _accounts = [];
    private AccountSnapshot? _itemsOf;
    private List<Item> _items = [];
    private List<Item>? _filtered;
    private string? _error;
    private FtpAccountCardModels? _cardModels;

    private sealed record Item(FtpAccount Account, WebDomain Domain);

    private AccountKey? _key => _watch.Key;
    private AccountSnapshot? _snapshot => _watch.Snapshot;
    private ServerStatus? _status => _watch.Status;
    private ServerLinks? Links => _watch.Links;
    private string? _loadError => _error ?? _watch.LoadError;
    private IReadOnlySet<string> _highlighted => _watch.Highlighted;

    private int AccountCount => Items.Count;

    /// <summary>The snapshot's accounts, rebuilt only when a new snapshot arrived.</summary>
    private List<Item> Items
    {
        get
        {
            if (!ReferenceEquals(_itemsOf, _snapshot))
            {
                _itemsOf = _snapshot;
                _items = _snapshot?.Domains.SelectMany(d => d.FtpAccounts.Select(a => new Item(a, d))).ToList() ?? [];
                _filtered = null;
            }
            return _items;
        }
    }
    private int SuspendedDomainCount => _snapshot?.Domains.Count(d => d.Suspended) ?? 0;
    private List<Item> Filtered
    {
        get
        {
            var items = Items;
            return _filtered ??= Filter(items);
        }
    }
    private int PageCount => (Filtered.Count + PageSize - 1) / PageSize;
    private IEnumerable<Item> PageItems => Filtered.Skip((Math.Clamp(_page, 1, Math.Max(1, PageCount)) - 1) * PageSize).Take(PageSize);

    private string? AddDisabledReason =>
        _status is { Reachable: false } ? L["Live.Paused"].Value
        : _snapshot?.User?.Suspended == true ? L["Accounts.UserSuspendedReason"].Value
        : _snapshot is null ? L["Common.Loading"].Value
        : _snapshot.Domains.Count == 0 ? L["Accounts.NoDomainsReason"].Value
        : _snapshot.Domains.All(d => d.Suspended) ? L["Accounts.AllDomainsSuspended"].Value
        : null;

    private IReadOnlyList<FtpAccountCardModel> PageCards(AccountSnapshot snapshot) =>
        (_cardModels ??= new(L)).Build(PageItems.Select(i => (i.Account, i.Domain)), snapshot, _status, _user, _highlighted);

    private Task EditCardAsync(string login) =>
        Items.Find(i => i.Account.Login == login) is { } item ? OpenEditAsync(item) : Task.CompletedTask;

    private Task DeleteCardAsync(string login) =>
        Items.Find(i => i.Account.Login == login) is { } item ? OpenDeleteAsync(item) : Task.CompletedTask;

    // Updates arrive on the feed's thread (and the highlight timer's): apply them and render on the circuit's dispatcher.
    protected override void OnInitialized() =>
        _watch = new AccountWatch(Dashboard, L, Time, update => InvokeAsync(async () =>
        {
            // On the circuit's dispatcher: the live feed calls from a thread-pool thread.
            await update();
            StateHasChanged();
        }), zone: () => ReaderTimeZone.Current);

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _error = null;
            _user = await Dashboard.GetUserAsync();
            var key = await Dashboard.ResolveAccountAsync(Server, Account);
            if (_user.IsSupport && _accounts.Count == 0)
            {
                _accounts = await Dashboard.ListAccountsAsync(CancellationToken.None);
            }
            if (key is not null && (key != _watch.Key || _watch.Snapshot is null))
            {
                await _watch.OpenAsync(key);
            }
        }
        catch (Exception ex)
        {
            _error = DashboardErrors.Describe(ex, L).Message;
        }
    }

    private Task RefreshAsync() => _watch.RefreshAsync(StateHasChanged);

    private List<Item> Filter(List<Item> items)
    {
        var text = _filter?.Trim();
        return string.IsNullOrEmpty(text)
            ? items
            : items.Where(i => i.Account.Login.Contains(text, StringComparison.OrdinalIgnoreCase)
                || i.Domain.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private void FilterChanged()
    {
        _filtered = null;
        _page = 1;
    }

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

    private async Task OpenEditAsync(Item item)
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
        };
        var dialog = await Dialogs.ShowAsync<ChangePasswordDialog>(L["Card.Edit"].Value, parameters, DialogDefaults.Options);
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: FtpPasswordChangeResult changed })
        {
            Snackbar.Add(changed.ReadBack is not null ? L["Accounts.PasswordChanged", item.Account.Login] : L["Accounts.PasswordChangedUnconfirmed", item.Account.Login],
                changed.ReadBack is not null ? Severity.Success : Severity.Warning);
        }
    }

    private async Task OpenDeleteAsync(Item item)
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

    public ValueTask DisposeAsync() => _watch.DisposeAsync();
}
