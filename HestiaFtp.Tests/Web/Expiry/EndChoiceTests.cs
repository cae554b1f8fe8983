using HestiaFtp.Web.Expiry;

namespace HestiaFtp.Tests.Web.Expiry;

public class EndChoiceTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(EndKind.OneDay, 1)]
    [InlineData(EndKind.SevenDays, 7)]
    [InlineData(EndKind.ThirtyDays, 30)]
    public void Resolve_RelativeAcrossDstChange_ExactDurations(EndKind kind, int days)
    {
        // Saturday before the change to summer time: "7 days" is 168 hours, so it ends at 13:00 summer time on the wall clock.
        var now = new DateTimeOffset(2027, 3, 27, 11, 0, 0, TimeSpan.Zero);

        var end = new EndChoice(kind).Resolve(now, Berlin);

        Assert.Equal(TimeSpan.FromDays(days), end - now);
    }

    [Fact]
    public void Resolve_Never_IsNull() =>
        Assert.Null(EndChoice.Never.Resolve(DateTimeOffset.UnixEpoch, Berlin));

    [Fact]
    public void FromWallClock_TimeSkippedWhenClocksGoForward_MovesOnByTheGap()
    {
        // 28 March 2027, 02:00 CET becomes 03:00 CEST: 02:30 does not exist and becomes 03:30 CEST (01:30 UTC).
        var end = EndChoice.FromWallClock(new DateTime(2027, 3, 28, 2, 30, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void FromWallClock_TimeRepeatedWhenClocksGoBack_TakesTheFirst()
    {
        // 31 October 2027, 03:00 CEST becomes 02:00 CET: 02:30 happens twice; the first is summer time (00:30 UTC).
        var end = EndChoice.FromWallClock(new DateTime(2027, 10, 31, 2, 30, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void FromWallClock_OrdinaryTime_UsesTheZonesOffset() =>
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 15, 0, 0, TimeSpan.Zero), EndChoice.FromWallClock(new DateTime(2027, 7, 1, 17, 0, 0), Berlin));
}
