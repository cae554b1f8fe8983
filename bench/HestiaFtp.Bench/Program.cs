using System.Diagnostics;

namespace HestiaFtp.Bench;

/// <summary>
/// HestiaFtp benchmarks (issue 7, "Measured, and kept measured"): each table runs the real parts over the HestiaCP
/// emulator on loopback HTTP with the latency model of <see cref="LatencyModel"/>, and prints markdown to standard output
/// (everything else, such as the app's own console output, goes to standard error).
/// <c>dotnet run --project bench/HestiaFtp.Bench -c Release [-- --table calls,freshness,weight,fanout,poller,table]</c>.
/// </summary>
internal static class BenchProgram
{
    // The circuit-weight table runs first: WebApplicationFactory finds the app's host through process-wide hosting
    // diagnostics, and once, after the outage runs had restarted the emulator's Kestrel several times, it missed it (the
    // app then started on its default port 5000). In a fresh process it has always found it.
    private static readonly (string Name, string Title, Func<Report, Task> Run)[] Tables =
    [
        ("weight", "Circuit weight", CircuitWeight.RunAsync),
        ("calls", "HestiaCP calls per action", CallsPerAction.RunAsync),
        ("freshness", "Freshness and outages", Freshness.RunAsync),
        ("fanout", "In-process fan-out", FanOut.RunAsync),
        ("poller", "Poller cost per tick", PollerCost.RunAsync),
        ("table", "Agency table at 2,000 accounts", AgencyTable.RunAsync),
        ("redis", "Scale-out on Redis", RedisFanOut.RunAsync),
    ];

    public static async Task<int> Main(string[] args)
    {
        var chosen = Choose(args);
        if (chosen is null)
        {
            Console.Error.WriteLine($"Usage: HestiaFtp.Bench [--table {string.Join(',', Tables.Select(t => t.Name))}]");
            return 2;
        }

        var report = Report.ToStandardOutput();
        var total = Stopwatch.StartNew();
        report.Line("# HestiaFtp benchmarks");
        report.Line();
        report.Line(Conditions.Describe());
        report.Line();
        foreach (var table in Tables.Where(t => chosen.Contains(t.Name)))
        {
            var watch = Stopwatch.StartNew();
            Console.Error.WriteLine($"[bench] {table.Title}...");
            await table.Run(report);
            report.Line($"({table.Title}: {watch.Elapsed.TotalSeconds:0} s wall.)");
            report.Line();
        }

        report.Line($"Total wall time {total.Elapsed.TotalSeconds:0} s.");
        return 0;
    }

    private static HashSet<string>? Choose(string[] args)
    {
        if (args.Length == 0)
        {
            return Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        }

        if (args.Length != 2 || args[0] != "--table")
        {
            return null;
        }

        var names = args[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return names.All(n => Tables.Any(t => t.Name == n)) && names.Count > 0 ? names : null;
    }
}
