namespace HestiaFtp.Tests.TestSupport;

public class TranscriptFixtureTests
{
    [Fact]
    public void Locate_VendoredCopy_MatchesSharedFixtureWhenPresent()
    {
        var vendored = TranscriptFixture.Locate();
        Assert.True(File.Exists(vendored));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var shared = Path.Combine(dir.FullName, "shared", "fixtures", "hestia-1.10.3-transcript.json");
            if (File.Exists(shared))
            {
                // The repository carries a copy so a clone without shared/ still runs; it must not drift from the source.
                Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(vendored));
                return;
            }
        }
    }
}
