using System.Text.Json;
using HestiaFtp.Emulator;

namespace HestiaFtp.Tests.Emulator;

/// <summary>Reading the emulator's answers the way a client would: exit code, message, JSON fields, fs-directory lines.</summary>
internal static class EmulatorAssert
{
    /// <summary>A failed command: its <c>Hestia-Exit-Code</c> and message (the API trims the script's output).</summary>
    public static void Fails(int exit, string message, EmulatorResponse response)
    {
        Assert.Equal((exit, message), (response.ExitCodeHeader ?? -1, response.Body));
        Assert.NotEqual(200, response.Status);
    }

    /// <summary>A mutating command that succeeded: 204, exit 0, no output.</summary>
    public static void Succeeds(EmulatorResponse response) =>
        Assert.Equal((204, 0, ""), (response.Status, response.ExitCodeHeader ?? -1, response.Body));

    /// <summary>Fields of one entry of a v-list-* json answer.</summary>
    public static Dictionary<string, string> Entry(EmulatorResponse response, string key)
    {
        Assert.Equal(0, response.ExitCodeHeader);
        using var doc = JsonDocument.Parse(response.Body);
        Assert.True(doc.RootElement.TryGetProperty(key, out var entry), $"no entry {key} in {response.Body}");
        return entry.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    /// <summary>Top-level keys of a v-list-* json answer, in order.</summary>
    public static List<string> Keys(EmulatorResponse response)
    {
        using var doc = JsonDocument.Parse(response.Body);
        return [.. doc.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>v-list-fs-directory: the line for <paramref name="name"/> (empty = the directory itself), without date and time.</summary>
    public static string FsEntry(EmulatorResponse response, string name)
    {
        Assert.Equal(0, response.ExitCodeHeader);
        var line = response.Body.Split('\n').SingleOrDefault(l => l.Split('|')[^1] == name);
        Assert.True(line is not null, $"no entry '{name}' in\n{response.Body}");
        var f = line.Split('|');
        return string.Join('|', f[0], f[1], f[4], f[5], f[6], f[7]);
    }
}
