using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Features.Support;

/// <summary>Localized one-liners for the live event list: changes through <see cref="ChangeTexts"/>, plus server status.</summary>
public static class EventTexts
{
    public static string Describe(LiveEvent e, IStringLocalizer<Strings> l, ReaderZone zone)
    {
        if (e.Change is { } change)
        {
            return ChangeTexts.DescribeWithSource(change, l);
        }

        var status = e.Status!;
        if (status.CredentialsRefused)
        {
            return l["Support.Event.CredentialsRefused"];
        }

        return status.Reachable
            ? l["Support.Event.Reachable"]
            : l["Support.Event.Unreachable", status.UnreachableSince is { } since ? TimeText.Clock(since, zone) : TimeText.Clock(e.At, zone)];
    }

    public static string IconOf(LiveEvent e) => e.Change?.Kind switch
    {
        ChangeKind.FtpAdded => MudBlazor.Icons.Material.Filled.PersonAdd,
        ChangeKind.FtpRemoved => MudBlazor.Icons.Material.Filled.PersonRemove,
        ChangeKind.FtpMoved => MudBlazor.Icons.Material.Filled.DriveFileMove,
        ChangeKind.FtpPasswordChanged => MudBlazor.Icons.Material.Filled.Key,
        ChangeKind.DomainSuspended or ChangeKind.UserSuspended => MudBlazor.Icons.Material.Filled.Block,
        ChangeKind.DomainUnsuspended or ChangeKind.UserUnsuspended => MudBlazor.Icons.Material.Filled.CheckCircleOutline,
        ChangeKind.DomainAdded or ChangeKind.UserAdded => MudBlazor.Icons.Material.Filled.AddCircleOutline,
        ChangeKind.DomainRemoved or ChangeKind.UserRemoved => MudBlazor.Icons.Material.Filled.RemoveCircleOutline,
        _ when e.Status is { Reachable: true, CredentialsRefused: false } => MudBlazor.Icons.Material.Filled.CloudDone,
        _ => MudBlazor.Icons.Material.Filled.CloudOff,
    };
}
