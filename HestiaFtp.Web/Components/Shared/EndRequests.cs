using HestiaFtp.Web.Expiry;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>Checks an <see cref="EndChoice"/> the way every dialog that sets an end does, before anything is sent.</summary>
public static class EndRequests
{
    /// <summary>The end as a UTC instant (null for never), or the message to show next to the picker.</summary>
    public static (DateTimeOffset? EndsAt, string? Error) Resolve(EndChoice choice, DateTimeOffset now, ReaderZone zone, IStringLocalizer<Strings> l)
    {
        if (choice.Kind == EndKind.At && choice.Local is null)
        {
            return (null, l["End.PickDate"]);
        }
        var endsAt = choice.Resolve(now, zone.Zone);
        if (endsAt is { } end && end <= now)
        {
            return (null, l["End.InPast"]);
        }
        if (endsAt is { } far && far - now > FtpExpiries.MaxAhead)
        {
            return (null, l["End.TooFar"]);
        }
        return (endsAt, null);
    }
}
