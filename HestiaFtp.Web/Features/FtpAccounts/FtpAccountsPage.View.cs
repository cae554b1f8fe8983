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
/// <summary>How the accounts page lists: the filter, the sort, the page size and cards or table (the last three remembered
/// per user in the dashboard database).</summary>
public sealed partial class FtpAccountsPage
{
    private IReadOnlyList<FtpAccountItem> Filter(IReadOnlyList<FtpAccountItem> items)
    {
        if (_endingSoonOnly)
        {
            items = items.Where(i => EndTexts.IsSoon(_ends.Of(i.Domain.Name, i.Account.Login), _ends.Now)).ToList();
        }
        var text = _filter?.Trim();
        if (string.IsNullOrEmpty(text) || _snapshot is not { } snapshot)
        {
            return items;
        }
        // The status is matched by the word the card and the row show ("Suspended"), in the reader's language.
        var statusMatches = Enum.GetValues<FtpAccountCardStatus>()
            .Where(s => FtpAccountCardModels.StatusLabel(L, s).Contains(text, StringComparison.CurrentCultureIgnoreCase))
            .ToHashSet();
        return items.Where(i => i.Text.Contains(text, StringComparison.OrdinalIgnoreCase)
            || (statusMatches.Count > 0 && statusMatches.Contains(FtpAccountCardModels.StatusOf(snapshot, _status, i.Domain)))).ToList();
    }

    private IReadOnlyList<FtpAccountItem> Sort(IReadOnlyList<FtpAccountItem> items)
    {
        if (_sort is not { } column || _snapshot is not { } snapshot)
        {
            return items;
        }
        var status = _status;
        IEnumerable<FtpAccountItem> sorted = column switch
        {
            SortColumn.Domain => Order(items, i => i.Domain.Name).ThenBy(i => i.Account.Login, StringComparer.Ordinal),
            SortColumn.Folder => Order(items, i => i.Account.Folder).ThenBy(i => i.Account.Login, StringComparer.Ordinal),
            SortColumn.End => (_descending
                    ? items.OrderByDescending(i => EndSortKey(i))
                    : items.OrderBy(i => EndSortKey(i)))
                .ThenBy(i => i.Account.Login, StringComparer.Ordinal),
            SortColumn.Status => (_descending
                    ? items.OrderByDescending(i => FtpAccountCardModels.StatusOf(snapshot, status, i.Domain))
                    : items.OrderBy(i => FtpAccountCardModels.StatusOf(snapshot, status, i.Domain)))
                .ThenBy(i => i.Account.Login, StringComparer.Ordinal),
            _ => Order(items, i => i.Account.Login),
        };
        return sorted.ToList();
    }

    private IOrderedEnumerable<FtpAccountItem> Order(IReadOnlyList<FtpAccountItem> items, Func<FtpAccountItem, string> key) =>
        _descending ? items.OrderByDescending(key, StringComparer.Ordinal) : items.OrderBy(key, StringComparer.Ordinal);

    private void SortBy(SortColumn column)
    {
        _descending = _sort == column && !_descending;
        _sort = column;
        _filtered = null;
        _page = 1;
    }

    private string? AriaSort(SortColumn column) =>
        _sort != column ? null : _descending ? "descending" : "ascending";

    private string SortMark(SortColumn column) =>
        _sort != column ? "" : _descending ? " ▼" : " ▲";

    private async Task ReadPreferencesAsync(DashboardUser user)
    {
        try
        {
            var view = await Preferences.GetAsync(user.Server, user.Name, UserPreferenceNames.AccountsView, CancellationToken.None);
            _view = view == "table" ? AccountsView.Table : AccountsView.Cards;
            var size = await Preferences.GetAsync(user.Server, user.Name, UserPreferenceNames.AccountsPageSize, CancellationToken.None);
            _pageSize = int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && PageSizes.Contains(n) ? n : DefaultPageSize;
        }
        catch (DbException)
        {
            // A choice that cannot be read is not worth an error on the page: the defaults show every account.
        }
    }

    private async Task SavePreferenceAsync(string name, string value)
    {
        if (_user is null)
        {
            return;
        }
        try
        {
            await Preferences.SetAsync(_user.Server, _user.Name, name, value, CancellationToken.None);
        }
        catch (DbException)
        {
            Snackbar.Add(L["Accounts.ChoiceNotSaved"], Severity.Warning);
        }
    }

    private Task SetViewAsync(AccountsView view)
    {
        if (view == _view)
        {
            return Task.CompletedTask;
        }
        _view = view;
        return SavePreferenceAsync(UserPreferenceNames.AccountsView, view == AccountsView.Table ? "table" : "cards");
    }

    private Task PageSizeChangedAsync(ChangeEventArgs e)
    {
        if (!int.TryParse(e.Value?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || !PageSizes.Contains(size) || size == _pageSize)
        {
            return Task.CompletedTask;
        }
        // Keep the first account on screen in view.
        var first = (CurrentPage - 1) * _pageSize;
        _pageSize = size;
        _page = first / size + 1;
        return SavePreferenceAsync(UserPreferenceNames.AccountsPageSize, size.ToString(CultureInfo.InvariantCulture));
    }

    private void FilterChanged()
    {
        _filtered = null;
        _page = 1;
    }
}
