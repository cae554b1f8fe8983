using Microsoft.AspNetCore.Components;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// A MudBlazor icon constant (SVG inner markup) as a plain inline <c>&lt;svg&gt;</c>, without a <c>MudIcon</c> component
/// per icon. Keep the result in a <c>static readonly</c> field so every card shares one string.
/// </summary>
public static class InlineIcon
{
    public static MarkupString Svg(string icon, string cssClass = "inline-icon") =>
        new($"<svg class=\"{cssClass}\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">{icon}</svg>");
}
