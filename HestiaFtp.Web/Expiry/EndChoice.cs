namespace HestiaFtp.Web.Expiry;

public enum EndKind
{
    Never,
    OneDay,
    SevenDays,
    ThirtyDays,

    /// <summary>A date and time on the reader's wall clock, in their time zone.</summary>
    At,
}

/// <summary>
/// What the customer picked as an account's end. The relative choices are exact durations from the moment of saving
/// (1 day = 24 hours), so across a daylight saving change "7 days" ends an hour earlier or later on the wall clock; a
/// date and time is wall-clock time in the reader's zone, turned into a UTC instant once, when saved (see <see cref="Resolve"/>).
/// </summary>
public sealed record EndChoice(EndKind Kind, DateTime? Local = null)
{
    public static EndChoice Never { get; } = new(EndKind.Never);

    /// <summary>
    /// The end as a UTC instant (null for never). A wall-clock time that does not exist in <paramref name="zone"/> (the hour
    /// skipped when clocks go forward) is moved forward by the length of the gap (02:30 becomes 03:30); one that exists twice
    /// (the hour repeated when clocks go back) means the first of the two (summer time).
    /// </summary>
    public DateTimeOffset? Resolve(DateTimeOffset now, TimeZoneInfo zone) => Kind switch
    {
        EndKind.Never => null,
        EndKind.OneDay => now.AddDays(1),
        EndKind.SevenDays => now.AddDays(7),
        EndKind.ThirtyDays => now.AddDays(30),
        _ => Local is { } local ? FromWallClock(local, zone) : null,
    };

    /// <summary>See <see cref="Resolve"/>.</summary>
    public static DateTimeOffset FromWallClock(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(wall))
        {
            // The offset in force just before the gap: the wall time read with it lands after the gap, shifted by its length.
            offset = zone.GetUtcOffset(wall.AddHours(-3));
        }
        else if (zone.IsAmbiguousTime(wall))
        {
            offset = zone.GetAmbiguousTimeOffsets(wall).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(wall);
        }
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }
}
