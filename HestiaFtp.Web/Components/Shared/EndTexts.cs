using HestiaFtp.Web.Expiry;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>How screens word an account's end: the end itself in the reader's zone, and a countdown to the minute.</summary>
public static class EndTexts
{
    /// <summary>Ends this close (or passed, removal pending) are highlighted and match the "ending soon" filter.</summary>
    public static readonly TimeSpan Soon = TimeSpan.FromHours(24);

    public static bool IsSoon(FtpExpiry? expiry, DateTimeOffset now) => expiry is not null && expiry.EndsAt - now <= Soon;

    /// <summary>"Ends 04.12.2026 17:00".</summary>
    public static string End(FtpExpiry expiry, ReaderZone zone, IStringLocalizer<Strings> l) =>
        l["End.At", TimeText.Short(expiry.EndsAt, zone)];

    /// <summary>
    /// "in 3 days 4 h", "in 5 h 12 min", "in 42 min", or after the end "ended, removal pending — the login still works".
    /// Changes at most once a minute, so a minute tick re-renders only the cards whose text moved.
    /// </summary>
    public static string Countdown(FtpExpiry expiry, DateTimeOffset now, IStringLocalizer<Strings> l)
    {
        var left = expiry.EndsAt - now;
        if (left <= TimeSpan.Zero)
        {
            return l["End.Pending"];
        }
        var minutes = (long)Math.Ceiling(left.TotalMinutes);
        var days = minutes / (24 * 60);
        var hours = minutes / 60 % 24;
        var rest = minutes % 60;
        return days > 0 ? l["End.InDays", days, hours]
            : hours > 0 ? l["End.InHours", hours, rest]
            : l["End.InMinutes", rest];
    }
}
