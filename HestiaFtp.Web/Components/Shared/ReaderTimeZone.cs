using Microsoft.JSInterop;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// Per circuit: asks the browser once for its time zone (<c>hestiaFtp.timeZone</c> in app.js, no inline script under the
/// CSP) and keeps it. <see cref="ReaderTimeZoneScope"/> hands it to every screen as a cascading <see cref="ReaderZone"/>.
/// </summary>
public sealed class ReaderTimeZone(IJSRuntime js, ILogger<ReaderTimeZone> logger)
{
    private bool _asked;

    public ReaderZone Current { get; private set; } = ReaderZone.Utc;

    /// <summary>True when the zone became known by this call (the caller re-renders).</summary>
    public async Task<bool> ResolveAsync()
    {
        if (_asked)
        {
            return false;
        }
        _asked = true;
        string? id;
        try
        {
            id = await js.InvokeAsync<string?>("hestiaFtp.timeZone");
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            logger.LogDebug(ex, "The browser did not tell its time zone; times stay in UTC");
            return false;
        }

        if (ReaderZone.FromId(id) is not { } zone)
        {
            logger.LogDebug("The browser's time zone {Zone} is not known here; times stay in UTC", id);
            return false;
        }
        Current = zone;
        return true;
    }
}
