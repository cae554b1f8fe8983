using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// Icons a page repeats on every card or row, defined once per page as SVG symbols and drawn with <c>&lt;use&gt;</c>: a
/// card's markup then names its icons in a few bytes instead of carrying their paths. Render <see cref="Definitions"/>
/// once on a page that shows such markup.
/// </summary>
public static class IconSprite
{
    private static readonly (string Id, string Icon)[] Symbols =
    [
        ("icon-person", Icons.Material.Filled.Person),
        ("icon-domain", Icons.Material.Outlined.Language),
        ("icon-site", Icons.Material.Outlined.OpenInNew),
        ("icon-ip", Icons.Material.Outlined.Dns),
        ("icon-folder", Icons.Material.Outlined.Folder),
        ("icon-advanced", Icons.Material.Outlined.Tune),
        ("icon-lock", Icons.Material.Filled.Lock),
        ("icon-pause", Icons.Material.Filled.PauseCircle),
        ("icon-unknown", Icons.Material.Filled.CloudOff),
        ("icon-active", Icons.Material.Filled.CheckCircle),
        ("icon-key", Icons.Material.Filled.Key),
        ("icon-delete", Icons.Material.Filled.Delete),
    ];

    /// <summary>The symbols, in an SVG that takes no space and is hidden from assistive technology.</summary>
    public static readonly MarkupString Definitions = new(
        "<svg class=\"icon-sprite\" aria-hidden=\"true\" focusable=\"false\" width=\"0\" height=\"0\">" +
        string.Concat(Symbols.Select(s => $"<symbol id=\"{s.Id}\" viewBox=\"0 0 24 24\">{s.Icon}</symbol>")) + "</svg>");

    /// <summary>An icon drawn from a symbol of <see cref="Definitions"/>, as markup text (the symbol's viewBox scales it to the
    /// size app.css gives the class, so the reference needs none).</summary>
    public static string Use(string id, string cssClass = "inline-icon") =>
        $"<svg class=\"{cssClass}\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#{id}\"/></svg>";
}
