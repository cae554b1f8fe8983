using MudBlazor;

namespace HestiaFtp.Web.Components.Shared;

public static class DialogDefaults
{
    /// <summary>Modal, closable with Escape, never dismissed by a stray click on the backdrop (typed input would be lost).</summary>
    public static DialogOptions Options => new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        BackdropClick = false,
        CloseOnEscapeKey = true,
        CloseButton = true,
    };
}
