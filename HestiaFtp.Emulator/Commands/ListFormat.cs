namespace HestiaFtp.Emulator.Commands;

/// <summary>The output helpers of HestiaCP's list scripts (<c>json_list</c> lines, <c>column -t</c>).</summary>
internal static class ListFormat
{
    /// <summary>8-space indented <c>"KEY": "value"</c> lines, a comma after all but the last, values unescaped (as bash prints them).</summary>
    public static IEnumerable<string> JsonFields(IReadOnlyList<string> keys, Func<string, string> value) =>
        keys.Select((k, i) => $"        \"{k}\": \"{value(k)}\"" + (i < keys.Count - 1 ? "," : ""));

    /// <summary><c>column -t</c>: blank-separated words aligned, two spaces between columns.</summary>
    public static List<string> ColumnT(List<string[]> rows)
    {
        var cells = rows.Select(r => r.Where(c => c.Length > 0).ToArray()).ToList();
        var widths = new int[cells.Max(r => r.Length)];
        foreach (var r in cells)
        {
            for (var i = 0; i < r.Length; i++)
            {
                widths[i] = Math.Max(widths[i], r[i].Length);
            }
        }

        return [.. cells.Select(r => string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))))];
    }
}
