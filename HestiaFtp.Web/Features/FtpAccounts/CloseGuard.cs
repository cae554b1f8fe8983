using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>
/// Asks before a dialog showing one-time passwords closes while they were neither copied nor downloaded: on Escape
/// (anywhere on the page: app.js's <c>hestiaFtp.watchEscape</c>), on the dialog's own close button and Done, on navigation
/// inside the app, and on closing or reloading the tab (only the browser can ask: <c>hestiaFtp.guardUnload</c>). One per
/// dialog (CredentialsDialog, BulkPasswordDialog); the dialog turns MudBlazor's own Escape and close button off, renders
/// the question while <see cref="Confirming"/>, and holds the passwords itself: the guard never sees one.
/// </summary>
/// <param name="onDispatcher">Runs the work on the dialog's dispatcher, then renders the dialog.</param>
/// <param name="close">Closes the dialog for good.</param>
/// <param name="hasSecrets">Whether the dialog shows a password that may not have been kept.</param>
/// <param name="busy">While true (passwords being set), closing waits and navigation is held without asking.</param>
public sealed class CloseGuard(
    IJSRuntime js, NavigationManager navigation, Func<Func<Task>, Task> onDispatcher, Func<Task> close, Func<bool> hasSecrets,
    Func<bool>? busy = null) : IAsyncDisposable
{
    private IDisposable? _navigationGuard;
    private bool _unloadGuarded;
    private bool _closing;
    private string? _pendingLocation;
    private DotNetObjectReference<CloseGuard>? _self;
    private IJSObjectReference? _escapeWatch;

    /// <summary>Copied or downloaded: from then on the dialog closes without asking, until <see cref="Unkept"/>.</summary>
    public bool Kept { get; private set; }

    /// <summary>The dialog shows "not copied or downloaded: close anyway?".</summary>
    public bool Confirming { get; private set; }

    /// <summary>Escape is watched (the browser tests wait for it: they press keys faster than a person).</summary>
    public bool Watching { get; private set; }

    private bool Busy => busy?.Invoke() == true;

    private bool MustAsk => !Kept && hasSecrets();

    /// <summary>From the dialog's OnInitialized: navigation inside the app asks first.</summary>
    public void Start() => _navigationGuard ??= navigation.RegisterLocationChangingHandler(OnLocationChanging);

    /// <summary>From the dialog's first OnAfterRender: Escape anywhere on the page asks first.</summary>
    public async Task WatchEscapeAsync()
    {
        if (_escapeWatch is not null)
        {
            return;
        }
        _self = DotNetObjectReference.Create(this);
        _escapeWatch = await js.InvokeAsync<IJSObjectReference>("hestiaFtp.watchEscape", _self);
        Watching = true;
    }

    /// <summary>
    /// Closing or reloading the tab asks (the browser's own words) while a password is not kept. The logins (never a
    /// password) stay in sessionStorage meanwhile, for the page's lost-circuit offer.
    /// </summary>
    public async Task GuardUnloadAsync(string logins)
    {
        if (MustAsk && !_unloadGuarded)
        {
            await js.InvokeVoidAsync("hestiaFtp.guardUnload", true, logins);
            _unloadGuarded = true;
        }
    }

    /// <summary>New passwords are shown that were not kept yet (the bulk dialog's "rotate again").</summary>
    public void Unkept() => Kept = false;

    /// <summary>Called from app.js when Escape is pressed anywhere on the page.</summary>
    [JSInvokable]
    public Task EscapePressed() => onDispatcher(RequestCloseAsync);

    /// <summary>The close button, Done, Escape: closes when nothing is left to keep, asks otherwise.</summary>
    public async Task RequestCloseAsync()
    {
        if (Busy)
        {
            return;
        }
        if (!MustAsk)
        {
            await CloseAsync();
            return;
        }
        _pendingLocation = null;
        Confirming = true;
    }

    public void KeepOpen()
    {
        Confirming = false;
        _pendingLocation = null;
    }

    /// <summary>Closes; when the question came from a navigation, carries it out.</summary>
    public async Task CloseAnywayAsync()
    {
        var target = _pendingLocation;
        await CloseAsync();
        if (target is not null)
        {
            navigation.NavigateTo(target);
        }
    }

    /// <summary>A password was copied or downloaded: no more questions, the tab closes freely.</summary>
    public async Task KeptAsync()
    {
        Kept = true;
        Confirming = false;
        await ReleaseUnloadAsync();
    }

    private async Task CloseAsync()
    {
        _closing = true;
        _navigationGuard?.Dispose();
        _navigationGuard = null;
        await ReleaseUnloadAsync();
        await close();
    }

    private ValueTask OnLocationChanging(LocationChangingContext context)
    {
        if (_closing || !(Busy || MustAsk))
        {
            return ValueTask.CompletedTask;
        }
        context.PreventNavigation();
        _pendingLocation = context.TargetLocation;
        Confirming = !Busy;
        return new ValueTask(onDispatcher(() => Task.CompletedTask));
    }

    private async Task ReleaseUnloadAsync()
    {
        if (!_unloadGuarded)
        {
            return;
        }
        _unloadGuarded = false;
        try
        {
            await js.InvokeVoidAsync("hestiaFtp.guardUnload", false);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and with it the page the guard was on.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _navigationGuard?.Dispose();
        _navigationGuard = null;
        await ReleaseUnloadAsync();
        if (_escapeWatch is not null)
        {
            try
            {
                await _escapeWatch.InvokeVoidAsync("stop");
                await _escapeWatch.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and with it the page the listener was on.
            }
        }
        _self?.Dispose();
    }
}
