using System.Globalization;
using HestiaFtp.Web.Components.Shared;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class TimeTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 5, 9, TimeSpan.Zero);

    [Theory]
    [InlineData("Europe/Berlin", "28.11.2026 13:05:09")]
    [InlineData("America/New_York", "28.11.2026 07:05:09")]
    [InlineData("Asia/Kolkata", "28.11.2026 17:35:09")]
    [InlineData("Pacific/Auckland", "29.11.2026 01:05:09")]
    public void Full_InAGivenZone_ShowsThatZonesWallClock(string zone, string expected)
    {
        var reader = ReaderZone.FromId(zone)!;

        Assert.Equal(expected, InGerman(() => TimeText.Full(At, reader)));
        Assert.Equal(zone, reader.Name);
    }

    [Fact]
    public void ShortAndClock_InAGivenZone_Convert()
    {
        var berlin = ReaderZone.FromId("Europe/Berlin")!;

        Assert.Equal(("28.11.2026 13:05", "13:05:09"), InGerman(() => (TimeText.Short(At, berlin), TimeText.Clock(At, berlin))));
    }

    [Fact]
    public void Utc_BeforeTheZoneIsKnown_ShowsUtcAndSaysSo()
    {
        Assert.Equal("28.11.2026 12:05:09", InGerman(() => TimeText.Full(At, ReaderZone.Utc)));
        Assert.False(ReaderZone.Utc.Known);
        Assert.Equal("UTC", ReaderZone.Utc.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    public void FromId_UnknownZone_IsNull(string? id)
    {
        Assert.Null(ReaderZone.FromId(id));
    }

    private static T InGerman<T>(Func<T> read)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
