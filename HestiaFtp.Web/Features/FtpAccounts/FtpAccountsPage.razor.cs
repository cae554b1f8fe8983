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
    private static readonly TimeSpan HighlightDuration = TimeSpan.FromSeconds(3);

    [Inject] private IFtpDashboard Dashboard { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "server")] public string? Server { get; set; }
    [SupplyParameterFromQuery(Name = "account")] public string? Account { get; set; }

    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<string> _highlighted = new(StringComparer.Ordinal);
    private DashboardUser? _user;
    private AccountKey? _key;
    private AccountSnapshot? _snapshot;
    private ServerStatus? _status;
    private ServerLinks? Links;
    private string? _loadError;
    private string? _filter;
    private int _page = 1;
    private string _announcement = "";
    private IReadOnlyList<AccountKey> _accounts = [];
    private ILiveSubscription? _subscription;
    private List<Item> _items = [];
    private List<Item>? _filtered;
    private FtpAccountCardModels? _cardModels;

    private sealed record Item(FtpAccount Account, WebDomain Domain);

    private int AccountCount => _items.Count;
    private int SuspendedDomainCount => _snapshot?.Domains.Count(d => d.Suspended) ?? 0;
    private List<Item> Filtered => _filtered ??= Filter();
    private int PageCount => (Filtered.Count + PageSize - 1) / PageSize;
    private IEnumerable<Item> PageItems => Filtered.Skip((Math.Clamp(_page, 1, Math.Max(1, PageCount)) - 1) * PageSize).Take(PageSize);

    private string? AddDisabledReason =>
        _status is { Reachable: false } ? L["Accounts.UnreachableReason"].Value
        : _snapshot?.User?.Suspended == true ? L["Accounts.UserSuspendedReason"].Value
        : _snapshot is null ? L["Common.Loading"].Value
        : _snapshot.Domains.Count == 0 ? L["Accounts.NoDomainsReason"].Value
        : _snapshot.Domains.All(d => d.Suspended) ? L["Accounts.AllDomainsSuspended"].Value
        : null;

    private IReadOnlyList<FtpAccountCardModel> PageCards(AccountSnapshot snapshot) =>
        (_cardModels ??= new(L)).Build(PageItems.Select(i => (i.Account, i.Domain)), snapshot, _status, _user, _highlighted);

    private Task EditCardAsync(string login) =>
        _items.Find(i => i.Account.Login == login) is { } item ? OpenEditAsync(item) : Task.CompletedTask;

    private Task DeleteCardAsync(string login) =>
        _items.Find(i => i.Account.Login == login) is { } item ? OpenDeleteAsync(item) : Task.CompletedTask;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _user = await Dashboard.GetUserAsync();
            var key = await Dashboard.ResolveAccountAsync(Server, Account);
            if (_user.IsSupport && _accounts.Count == 0)
            {
                _accounts = await Dashboard.ListAccountsAsync(_disposed.Token);
            }
            if (key != _key || _snapshot is null)
            {
                _key = key;
                await SubscribeAsync();
                await ReloadAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_disposed.IsCancellationRequested)
        {
            _loadError = DashboardErrors.Describe(ex, L).Message;
        }
    }

    private async Task SubscribeAsync()
    {
        _subscription?.Dispose();
        _subscription = null;
        _snapshot = null;
        if (_key is not null)
        {
            Links = Dashboard.GetLinks(_key.Server);
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
            _status = Dashboard.GetStatus(_key.Server);
        }
        catch (Exception ex) when (!_disposed.IsCancellationRequested)
        {
            _loadError = $"{L["Accounts.LoadFailed"].Value} {DashboardErrors.Describe(ex, L).Message}";
            _status = Dashboard.GetStatus(_key.Server);
        }
    }

    private void SetSnapshot(AccountSnapshot snapshot)
    {
        _snapshot = snapshot;
        _items = snapshot.Domains.SelectMany(d => d.FtpAccounts.Select(a => new Item(a, d))).ToList();
        _filtered = null;
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
        var changedLogins = update.Changes.Where(c => c.Login is not null).Select(c => c.Login!).ToList();
        if (update.Changes.Count > 0)
        {
            _announcement = string.Join(" ", update.Changes.Select(Describe));
            foreach (var login in changedLogins)
            {
                _highlighted.Add(login);
            }
            _ = ClearHighlightsLaterAsync(changedLogins);
        }
        StateHasChanged();
    }

    // The change's Detail is an English sentence from the live feed; the screen reader gets the localized text instead.
    private string Describe(AccountChange change) => change.Kind switch
    {
        ChangeKind.FtpAdded => L["DomainFtp.Live.Added", change.Login ?? ""],
        ChangeKind.FtpRemoved => L["DomainFtp.Live.Removed", change.Login ?? ""],
        ChangeKind.FtpMoved => L["DomainFtp.Live.Moved", change.Login ?? ""],
        ChangeKind.FtpPasswordChanged => L["DomainFtp.Live.Password", change.Login ?? ""],
        _ => L["Accounts.LiveChanged", 1],
    };

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

    private List<Item> Filter()
    {
        var text = _filter?.Trim();
        return string.IsNullOrEmpty(text)
            ? _items
            : _items.Where(i => i.Account.Login.Contains(text, StringComparison.OrdinalIgnoreCase)
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

    private string FormatTime(DateTimeOffset? at) =>
        at is { } value ? value.ToLocalTime().ToString("g", CultureInfo.CurrentCulture) : "—";

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
            await ShowCredentialsAsync(credentials);
            await ReloadAsync();
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
        if (result is { Canceled: false, Data: FtpPasswordOutcome outcome })
        {
            Snackbar.Add(outcome.Confirmed ? L["Accounts.PasswordChanged", item.Account.Login] : L["Accounts.PasswordChangedUnconfirmed", item.Account.Login],
                outcome.Confirmed ? Severity.Success : Severity.Warning);
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
