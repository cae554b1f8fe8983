using System.Globalization;
using System.Text;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Components;
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

    // Closing before the new passwords were copied or downloaded asks first, as in the credentials dialog.
    private CloseGuard _guard = default!;

    /// <summary>Accounts whose new password was not saved (refused, unknown, not tried): offered to rotate again.</summary>
    private List<BulkTarget> NotSaved => _results.Where(r => r.State != BulkItemState.Done).Select(r => r.Target).ToList();

    protected override async Task OnInitializedAsync()
    {
        _guard = new CloseGuard(JS, Navigation, work => InvokeAsync(async () =>
        {
            await work();
            StateHasChanged();
        }), CloseAsync, hasSecrets: () => _issued.Count > 0, busy: () => _running);
        _guard.Start();
        await MudDialog.SetOptionsAsync(MudDialog.Options with { CloseOnEscapeKey = false, CloseButton = false, BackdropClick = false });
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await _guard.WatchEscapeAsync();
            StateHasChanged();
        }
    }

    /// <summary>What app.js's Escape listener calls (through the guard); the same for a test.</summary>
    public Task EscapePressed() => _guard.EscapePressed();

    private Task StartAsync() => RotateAsync(Targets);

    private Task RotateAgainAsync() => RotateAsync(NotSaved);

    private async Task RotateAsync(IReadOnlyList<BulkTarget> targets)
    {
        _started = true;
        _running = true;
        _round = targets;
        _results.Clear();
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
        await _guard.GuardUnloadAsync(string.Join(", ", _issued.Select(i => i.Target.Login)));
    }

    private async Task<IFtpResult> ChangeAsync(BulkTarget target)
    {
        var password = await Dashboard.GeneratePasswordAsync();
        var result = await Dashboard.ChangePasswordAsync(new ChangeFtpPasswordRequest(AccountKey.User, target.Domain, target.Login, password), CancellationToken.None);
        if (result.Status == FtpResultStatus.Done)
        {
            _issued.RemoveAll(i => i.Target == target);
            _issued.Add((target, password));
            _guard.Unkept();
        }
        return result;
    }

    /// <summary>Tab-separated "login password" lines, built at click time.</summary>
    private string AllText() => string.Join("\n", _issued.Select(i => $"{i.Target.Login}\t{i.Password}"));

    private async Task CopyAllAsync()
    {
        if (await Components.Shared.Clipboard.CopyAsync(JS, Snackbar, L, AllText()))
        {
            await _guard.KeptAsync();
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
        await _guard.KeptAsync();
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 && !value.StartsWith('=') ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Before the rotation started, closing is cancelling.
    private Task CloseAsync()
    {
        _issued.Clear();
        if (_started)
        {
            MudDialog.Close(DialogResult.Ok(true));
        }
        else
        {
            MudDialog.Cancel();
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _guard.DisposeAsync();
        _issued.Clear();
    }
}
