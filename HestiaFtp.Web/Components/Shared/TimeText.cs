using System.Globalization;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>How every screen writes times: in the reader's time zone (see <see cref="ReaderZone"/>) and culture.</summary>
public static class TimeText
{
    /// <summary>Date and time to the second, e.g. "28.11.2026 13:05:09".</summary>
    public static string Full(DateTimeOffset at, ReaderZone zone) => zone.Convert(at).ToString("G", CultureInfo.CurrentCulture);

    /// <summary>Time of day to the second, e.g. "13:05:09".</summary>
    public static string Clock(DateTimeOffset at, ReaderZone zone) => zone.Convert(at).ToString("T", CultureInfo.CurrentCulture);

    /// <summary>Date and time without seconds, e.g. "28.11.2026 13:05".</summary>
    public static string Short(DateTimeOffset at, ReaderZone zone) => zone.Convert(at).ToString("g", CultureInfo.CurrentCulture);
}

/// <summary>
/// The reader's time zone, as their browser reports it. Until the browser has answered (or if it names a zone this server
/// does not know) times are shown in UTC, and <see cref="Known"/> is false so a screen can say so.
/// </summary>
public sealed record ReaderZone(TimeZoneInfo Zone, bool Known)
{
    public static ReaderZone Utc { get; } = new(TimeZoneInfo.Utc, Known: false);

    /// <summary>The IANA name, e.g. "Europe/Berlin"; "UTC" while unknown.</summary>
    public string Name => Known ? Zone.Id : "UTC";

    public DateTimeOffset Convert(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The zone of an IANA id, or null if this server does not know it (the time zone database is the system's).</summary>
    public static ReaderZone? FromId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        try
        {
            return new(TimeZoneInfo.FindSystemTimeZoneById(id.Trim()), Known: true);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
