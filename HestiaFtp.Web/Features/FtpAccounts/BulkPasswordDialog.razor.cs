using System.Globalization;
using System.Text;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using MudBlazor;

namespace HestiaFtp.Web.Features.FtpAccounts;

public sealed partial class BulkPasswordDialog
{
    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired] public AccountKey AccountKey { get; set; } = default!;
    [Parameter, EditorRequired] public IReadOnlyList<BulkTarget> Targets { get; set; } = [];

    private readonly List<(BulkTarget Target, string Password)> _issued = [];
    private readonly List<BulkItemResult> _results = [];
    private IReadOnlyList<BulkTarget> _round = [];
    private bool _started;
    private bool _running;
    private bool _kept;
    private bool _confirming;
    private bool _closing;
    private string? _pendingLocation;
    private IDisposable? _navigationGuard;
    private bool _unloadGuarded;

    /// <summary>Accounts whose new password was not saved (refused, unknown, not tried): offered to rotate again.</summary>
    private List<BulkTarget> NotSaved => _results.Where(r => r.State != BulkItemState.Done).Select(r => r.Target).ToList();

    protected override async Task OnInitializedAsync() =>
        await MudDialog.SetOptionsAsync(MudDialog.Options with { CloseOnEscapeKey = false, CloseButton = false, BackdropClick = false });

    private Task StartAsync() => RotateAsync(Targets);

    private Task RotateAgainAsync() => RotateAsync(NotSaved);

    private async Task RotateAsync(IReadOnlyList<BulkTarget> targets)
    {
        _started = true;
        _running = true;
        _round = targets;
        _results.Clear();
        _navigationGuard ??= Navigation.RegisterLocationChangingHandler(OnLocationChanging);
        try
        {
            await BulkRun.RunAsync(targets, ChangeAsync, r =>
            {
                _results.Add(r);
                StateHasChanged();
                return Task.CompletedTask;
            }, L);
        }
        finally
        {
            _running = false;
        }
        if (_issued.Count > 0 && !_kept && !_unloadGuarded)
        {
            await JS.InvokeVoidAsync("hestiaFtp.guardUnload", true, string.Join(", ", _issued.Select(i => i.Target.Login)));
            _unloadGuarded = true;
        }
    }

    private async Task<IFtpResult> ChangeAsync(BulkTarget target)
    {
        var password = await Dashboard.GeneratePasswordAsync();
        var result = await Dashboard.ChangePasswordAsync(new ChangeFtpPasswordRequest(AccountKey.User, target.Domain, target.Login, password), CancellationToken.None);
        if (result.Status == FtpResultStatus.Done)
        {
            _issued.RemoveAll(i => i.Target == target);
            _issued.Add((target, password));
            _kept = false;
        }
        return result;
    }

    /// <summary>Tab-separated "login password" lines, built at click time.</summary>
    private string AllText() => string.Join("\n", _issued.Select(i => $"{i.Target.Login}\t{i.Password}"));

    private async Task CopyAllAsync()
    {
        if (await Components.Shared.Clipboard.CopyAsync(JS, Snackbar, L, AllText()))
        {
            await KeptAsync();
        }
    }

    private async Task DownloadAsync()
    {
        var links = await Dashboard.GetLinksAsync(AccountKey.Server);
        var csv = new StringBuilder("host,port,login,password,domain\n");
        foreach (var (target, password) in _issued)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Csv(links.HostFor(target.Domain))},21,{Csv(target.Login)},{Csv(password)},{Csv(target.Domain)}\n");
        }
        await JS.InvokeVoidAsync("hestiaFtp.download", $"ftp-passwords-{AccountKey.User}.csv", "text/csv", csv.ToString());
        await KeptAsync();
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 && !value.StartsWith('=') ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private ValueTask OnLocationChanging(LocationChangingContext context)
    {
        if ((_running || (_issued.Count > 0 && !_kept)) && !_closing)
        {
            context.PreventNavigation();
            _pendingLocation = context.TargetLocation;
            _confirming = !_running;
            StateHasChanged();
        }
        return ValueTask.CompletedTask;
    }

    private async Task RequestCloseAsync()
    {
        if (_running)
        {
            return;
        }
        if (_kept || _issued.Count == 0)
        {
            await CloseAsync();
            return;
        }
        _pendingLocation = null;
        _confirming = true;
    }

    private void KeepOpen()
    {
        _confirming = false;
        _pendingLocation = null;
    }

    private async Task CloseAnywayAsync()
    {
        var target = _pendingLocation;
        await CloseAsync();
        if (target is not null)
        {
            Navigation.NavigateTo(target);
        }
    }

    private async Task CloseAsync()
    {
        _closing = true;
        await ReleaseGuardsAsync();
        _issued.Clear();
        MudDialog.Close(DialogResult.Ok(true));
    }

    private async Task KeptAsync()
    {
        _kept = true;
        _confirming = false;
        await ReleaseGuardsAsync();
    }

    private async Task ReleaseGuardsAsync()
    {
        _navigationGuard?.Dispose();
        _navigationGuard = null;
        if (_unloadGuarded)
        {
            _unloadGuarded = false;
            try
            {
                await JS.InvokeVoidAsync("hestiaFtp.guardUnload", false);
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and with it the page the guard was on.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseGuardsAsync();
        _issued.Clear();
    }
}
