using Microsoft.JSInterop;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>Where keyboard focus goes when the element that had it is gone (e.g. the delete button of a deleted card).</summary>
public static class PageFocus
{
    /// <summary>Focuses the page's h1 (it needs tabindex="-1"); nothing if the circuit is gone.</summary>
    public static async Task HeadingAsync(IJSRuntime js)
    {
        try
        {
            await js.InvokeVoidAsync("hestiaFtp.focusHeading");
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException)
        {
            // The page is closing: there is nothing left to focus.
        }
    }
}
