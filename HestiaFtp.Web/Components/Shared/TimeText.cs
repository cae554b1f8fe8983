using System.Globalization;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>How every screen writes times: in the server's local time zone and the user's culture.</summary>
public static class TimeText
{
    /// <summary>Date and time to the second, e.g. "28.11.2026 13:05:09".</summary>
    public static string Full(DateTimeOffset at) => at.ToLocalTime().ToString("G", CultureInfo.CurrentCulture);

    /// <summary>Time of day to the second, e.g. "13:05:09".</summary>
    public static string Clock(DateTimeOffset at) => at.ToLocalTime().ToString("T", CultureInfo.CurrentCulture);

    /// <summary>Date and time without seconds, e.g. "28.11.2026 13:05".</summary>
    public static string Short(DateTimeOffset at) => at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);
}
