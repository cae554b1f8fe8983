using HestiaFtp.Web.Components.Shared;
using MudBlazor;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>The accounts page's selection and bulk actions (cards and table alike).</summary>
public sealed partial class FtpAccountsPage
{
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);

    /// <summary>The ticked accounts that still exist, in the list's order.</summary>
    private List<FtpAccountItem> SelectedItems => Items.Where(i => _selected.Contains(i.Account.Login)).ToList();

    private bool AllFilteredSelected => Filtered.Count > 0 && Filtered.All(i => _selected.Contains(i.Account.Login));

    private void Toggle(string login)
    {
        if (!_selected.Remove(login))
        {
            _selected.Add(login);
        }
    }

    /// <summary>Ticks every account matching the filter (all pages), or clears them when all are ticked.</summary>
    private void ToggleAllFiltered()
    {
        var all = AllFilteredSelected;
        foreach (var item in Filtered)
        {
            if (all)
            {
                _selected.Remove(item.Account.Login);
            }
            else
            {
                _selected.Add(item.Account.Login);
            }
        }
    }

    private void ClearSelection() => _selected.Clear();

    private List<BulkTarget> SelectedTargets() => SelectedItems.Select(i => new BulkTarget(i.Domain.Name, i.Account.Login)).ToList();

    private async Task BulkDeleteAsync()
    {
        if (_key is null)
        {
            return;
        }
        var parameters = new DialogParameters<BulkDeleteDialog> { { d => d.AccountKey, _key }, { d => d.Targets, SelectedTargets() } };
        var dialog = await Dialogs.ShowAsync<BulkDeleteDialog>(L["Bulk.DeleteTitle"].Value, parameters, DialogDefaults.Options);
        await dialog.Result;
        // The deleted cards are gone through the live feed; what is left stays ticked only if it still exists.
        _selected.IntersectWith(Items.Select(i => i.Account.Login));
    }

    private async Task BulkEndAsync()
    {
        if (_key is null)
        {
            return;
        }
        var parameters = new DialogParameters<BulkEndDialog> { { d => d.AccountKey, _key }, { d => d.Targets, SelectedTargets() } };
        var dialog = await Dialogs.ShowAsync<BulkEndDialog>(L["Bulk.EndTitle"].Value, parameters, DialogDefaults.Options);
        await dialog.Result;
    }

    private async Task BulkPasswordsAsync()
    {
        if (_key is null)
        {
            return;
        }
        var parameters = new DialogParameters<BulkPasswordDialog> { { d => d.AccountKey, _key }, { d => d.Targets, SelectedTargets() } };
        var dialog = await Dialogs.ShowAsync<BulkPasswordDialog>(L["Bulk.PasswordsTitle"].Value, parameters, DialogDefaults.Options);
        await dialog.Result;
    }
}
