using MudBlazor;

namespace HestiaFtp.Web.Components.Layout;

public static class HestiaTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#b7472a",
            Secondary = "#2f5d8a",
            AppbarBackground = "#2b2d42",
            // Darker than MudBlazor's defaults so white text on a filled chip or button, and the colour as text on white or
            // on its own light tint (text chips, alerts), keep WCAG AA's 4.5:1 (the defaults gave 2.1 to 3.8).
            Success = "#1e6b2a",
            Warning = "#a14a00",
            Error = "#c62828",
            Info = "#0b5cad",
            // MudBlazor's 54 % black gives 4.47:1 on a hovered table row (#f5f5f5): just under AA.
            TextSecondary = "rgba(0,0,0,0.64)",
        },
    };
}
