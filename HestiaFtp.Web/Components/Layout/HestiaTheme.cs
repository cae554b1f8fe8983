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
        },
    };
}
