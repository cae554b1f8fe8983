using System.Diagnostics;
using HestiaFtp.Emulator;
using HestiaFtp.Core.Validation;
using HestiaFtp.Web.Expiry;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Bench;

/// <summary>
/// Table 6: the expiry job's HestiaCP calls for 1,000 accounts whose ends have passed, counted by the emulator, through the
/// real <see cref="ExpiryJob"/> (claims in SQLite, <see cref="ExpiryRemoval"/>, FtpAccountService). Two layouts: many accounts
/// on few domains (the read-back of one delete is the next account's check), and one account per domain (one read each).
/// The budget: one delete per account, and besides each delete's own read-back at most one read per domain.
/// </summary>
internal static class ExpiryCost
{
    private const int Accounts = 1_000;

    public static async Task RunAsync(Report report)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            await MeasureAsync($"{Accounts:N0} accounts on 4 domains", domains: 4),
            await MeasureAsync($"{Accounts:N0} accounts on {Accounts:N0} domains", domains: Accounts),
        };

        report.Line("## 6. Expiry job: HestiaCP calls for 1,000 ended accounts");
        report.Line();
        report.Line($"Conditions: {Environment.ProcessorCount} cores; HestiaCP emulator on Kestrel 127.0.0.1 through the real HestiaClient, " +
            "**no latency model** (the figures are call counts; at the model's 75 ms per call + 12 ms per listed record a read-back of a " +
            "250-account domain alone takes 3 s), pace between deletes 0 (the default 5 s pace alone makes 1,000 deletes on one server last 83 min), " +
            "ends stored in SQLite 1 minute in the past, one pass of ExpiryJob.RunDueAsync (batch 1,000).");
        report.Line();
        report.Table(["layout", "deletes", "reads", "reads − deletes", "domains", "budget (reads ≤ deletes + domains)", "", "deleted", "calls", "pass wall time"], rows, "lrrrrrlrll");
    }

    private static async Task<IReadOnlyList<string>> MeasureAsync(string layout, int domains)
    {
        var emulator = HestiaEmulator.CreateDemo();
        await using var stack = await BenchStack.StartAsync(emulator, new Dictionary<string, string?>
        {
            ["Expiry:Pace"] = "00:00:00",
            ["Expiry:BatchSize"] = Accounts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        const string user = "carol";
        var names = Enumerable.Range(0, domains).Select(d => $"expiry-{d:0000}.example").ToList();
        foreach (var domain in names)
        {
            emulator.Control.AddWebDomain(user, domain);
        }

        var store = stack.Services.GetRequiredService<IExpiryStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Accounts; i++)
        {
            var domain = names[i % domains];
            var login = $"{user}_x{i:0000}";
            emulator.Control.AddFtpAccountDirect(user, domain, login, "", "Bench-Expiry-Password-2026");
            await store.SetAsync(new FtpExpiry(new ExpiryKey(BenchStack.ServerName, user, domain, login), FtpFolders.Normalize(""),
                now.AddMinutes(-1), "UTC", user, now), CancellationToken.None);
        }

        emulator.ResetCallCounts();
        var watch = Stopwatch.StartNew();
        var outcomes = await stack.Services.GetRequiredService<ExpiryJob>().RunDueAsync(CancellationToken.None);
        watch.Stop();

        var counts = emulator.CallCounts;
        var deletes = counts.GetValueOrDefault("v-delete-web-domain-ftp");
        var reads = counts.Where(c => c.Key.StartsWith("v-list-", StringComparison.Ordinal)).Sum(c => c.Value);
        var deleted = outcomes.Count(o => o.Outcome == ExpiryOutcome.Deleted);
        var within = deletes == Accounts && reads <= deletes + domains;
        var calls = string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ×{c.Value}"));
        return [layout, deletes.ToString(), reads.ToString(), (reads - deletes).ToString(), domains.ToString(), $"≤ {Accounts + domains}",
            within ? "within" : "**over**", deleted.ToString(), calls, $"{watch.Elapsed.TotalSeconds:0.0} s"];
    }
}
