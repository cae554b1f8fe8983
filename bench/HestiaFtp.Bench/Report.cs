using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace HestiaFtp.Bench;

/// <summary>Where the tables go: the process's real standard output. <see cref="Console.Out"/> is sent to standard error,
/// so the app's and the emulator's own console lines never mix with the tables.</summary>
internal sealed class Report(TextWriter writer)
{
    public static Report ToStandardOutput()
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetOut(Console.Error);
        return new Report(stdout);
    }

    public void Line(string text = "") => writer.WriteLine(text);

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? align = null)
    {
        writer.WriteLine("| " + string.Join(" | ", header) + " |");
        writer.WriteLine("|" + string.Concat(header.Select((_, i) => (align is not null && i < align.Length && align[i] == 'l') ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            writer.WriteLine("| " + string.Join(" | ", row) + " |");
        }

        writer.WriteLine();
    }
}

/// <summary>The latency model every table runs with: a HestiaCP call costs PHP and shell time, plus time per record listed.</summary>
internal static class LatencyModel
{
    public static readonly TimeSpan PerCall = TimeSpan.FromMilliseconds(75);

    public static readonly TimeSpan PerRecord = TimeSpan.FromMilliseconds(12);

    public static string Text => $"{PerCall.TotalMilliseconds:0} ms per call + {PerRecord.TotalMilliseconds:0} ms per record listed";

    public static void Apply(HestiaFtp.Emulator.HestiaEmulator emulator) => emulator.Control.SetLatency(PerCall, PerRecord);
}

internal static class Conditions
{
    public static string Describe(string? extra = null) =>
        $"Conditions: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, " +
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; HestiaCP emulator on Kestrel 127.0.0.1 through the real HestiaClient " +
        $"(loopback HTTP), latency model {LatencyModel.Text}{(extra is null ? "" : "; " + extra)}.";
}

internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static string F(double value, string format = "0.0") =>
        double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
