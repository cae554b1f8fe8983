using System.Text.Json;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>Locates and parses /work/shared/fixtures/hestia-1.10.3-transcript.json.</summary>
public static class TranscriptFixture
{
    private const string RelativePath = "shared/fixtures/hestia-1.10.3-transcript.json";

    /// <summary>The fixture's path: the test-output copy, else found by walking up from the output folder.</summary>
    public static string Locate()
    {
        var copy = Path.Combine(AppContext.BaseDirectory, "TestSupport", "hestia-1.10.3-transcript.json");
        if (File.Exists(copy))
        {
            return copy;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Transcript fixture not found ({RelativePath} above {AppContext.BaseDirectory}).");
    }

    /// <summary>The parsed fixture.</summary>
    public static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(Locate()));
}
