using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// The copy action and the look of its button, shared by <see cref="CopyButton"/> and the cards. A card draws the button
/// itself: any component, even an empty one, keeps a few KB per instance on the server, which is a third of a card's budget.
/// </summary>
public static class Clipboard
{
    /// <summary>A native button styled as MudBlazor's small icon button; app.css shows its aria-label on hover and focus.</summary>
    public const string ButtonClass = "mud-button-root mud-icon-button mud-icon-button-size-small copy-button";

    public static readonly MarkupString Icon =
        InlineIcon.Svg(Icons.Material.Outlined.ContentCopy, "mud-icon-root mud-svg-icon mud-icon-size-small");

    /// <summary>Copies <paramref name="text"/>; true when the browser reported success.</summary>
    public static async Task<bool> CopyAsync(IJSRuntime js, ISnackbar snackbar, IStringLocalizer<Strings> localizer, string text)
    {
        var copied = await js.InvokeAsync<bool>("hestiaFtp.copy", text);
        snackbar.Add(localizer["Common.Copied"], Severity.Success);
        return copied;
    }
}
