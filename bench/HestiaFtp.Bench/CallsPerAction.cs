using HestiaFtp.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Bench;

/// <summary>
/// Table 1: HestiaCP calls per user action, counted by the emulator, through the real FtpDashboard of one circuit signed
/// in as carol (43 FTP accounts on 4 domains). A view is what the accounts page does when it opens (AccountWatch.OpenAsync:
/// links, watch, load, status).
/// </summary>
internal static class CallsPerAction
{
    private const string User = "carol";
    private const string Domain = "yoga-rivage.fr";

    public static async Task RunAsync(Report report)
    {
        var emulator = HestiaEmulator.CreateDemo();
        LatencyModel.Apply(emulator);
        await using var stack = await BenchStack.StartAsync(emulator);
        var coalesce = new LiveOptions().CoalesceWindow;
        var rows = new List<IReadOnlyList<string>>();

        async Task Measure(string action, string budget, Func<Task<string?>> act)
        {
            emulator.ResetCallCounts();
            var outcome = await act();
            var counts = emulator.CallCounts;
            var reads = counts.Where(c => IsRead(c.Key)).Sum(c => c.Value);
            var mutations = counts.Where(c => !IsRead(c.Key)).Sum(c => c.Value);
            var total = reads + mutations;
            var verdict = budget == "" ? "" : WithinBudget(total, budget) ? "within" : "**over**";
            var commands = string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value == 1 ? c.Key : $"{c.Key} ×{c.Value}"));
            rows.Add([action, reads.ToString(), mutations.ToString(), total.ToString(), budget, verdict,
                commands.Length == 0 ? "none" : commands, outcome ?? ""]);
        }

        var user = await Sign(stack, rows, emulator);
        await using var circuit = stack.OpenCircuit(user);
        var dashboard = circuit.Dashboard;
        var key = new AccountKey(BenchStack.ServerName, User);

        await Measure("cold view (first open after sign-in)", "1", async () =>
        {
            await circuit.NewWatch().OpenAsync(key);
            return null;
        });
        await Measure($"warm view, within {coalesce.TotalSeconds:0} s (second tab)", "0–1", async () =>
        {
            await circuit.NewWatch().OpenAsync(key);
            return null;
        });
        await Task.Delay(coalesce + TimeSpan.FromMilliseconds(300));
        await Measure($"warm view, after {coalesce.TotalSeconds:0} s", "0–1", async () =>
        {
            await circuit.NewWatch().OpenAsync(key);
            return null;
        });

        string? created = null;
        await Measure("quick add", "2", async () =>
        {
            var result = await dashboard.QuickCreateAsync(new QuickCreateFtpAccountRequest(User, Domain), CancellationToken.None);
            created = result.Login;
            return result.Status.ToString();
        });
        var password = new CredentialGenerator().GeneratePassword();
        await Measure("add with folder", "3", async () =>
            (await dashboard.CreateAsync(new CreateFtpAccountRequest(User, Domain, "benchadd", password, "/public_html"), CancellationToken.None)).Status.ToString());
        await Measure("change password", "2", async () =>
            (await dashboard.ChangePasswordAsync(new ChangeFtpPasswordRequest(User, Domain, "carol_benchadd", new CredentialGenerator().GeneratePassword()),
                CancellationToken.None)).Status.ToString());
        await Measure("change folder", "3", async () =>
            (await dashboard.ChangeFolderAsync(new ChangeFtpFolderRequest(User, Domain, "carol_benchadd", "/private"), CancellationToken.None)).Status.ToString());
        await Measure("delete", "2", async () =>
            (await dashboard.DeleteAsync(new DeleteFtpAccountRequest(User, Domain, created!), CancellationToken.None)).Status.ToString());

        await Task.Delay(coalesce + TimeSpan.FromMilliseconds(300));
        await Measure("refresh now", "1", async () =>
        {
            await dashboard.RefreshAsync(key, CancellationToken.None);
            return null;
        });
        await Measure($"refresh now, within {coalesce.TotalSeconds:0} s of another read", "1", async () =>
        {
            await dashboard.RefreshAsync(key, CancellationToken.None);
            return null;
        });

        report.Line("## 1. HestiaCP calls per action");
        report.Line();
        report.Line(Conditions.Describe($"real FtpDashboard and SignInService of one circuit signed in as {User} (43 FTP accounts, 4 domains); " +
            $"mutations on {Domain}; counted by the emulator (CallCounts); reads = v-list-*/v-check-*, mutations = the rest"));
        report.Line();
        report.Table(["action", "reads", "mutations", "total", "budget", "", "calls", "result"], rows, "lrrrrlll");
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> Sign(BenchStack stack, List<IReadOnlyList<string>> rows, HestiaEmulator emulator)
    {
        emulator.ResetCallCounts();
        var user = await stack.SignInAsync(User, "Carol-Demo-2026");
        var counts = emulator.CallCounts;
        rows.Add(["sign-in (for context)", counts.Values.Sum().ToString(), "0", counts.Values.Sum().ToString(), "", "",
            string.Join(", ", counts.Keys.Order(StringComparer.Ordinal)), ""]);
        return user;
    }

    private static bool IsRead(string command) =>
        command.StartsWith("v-list-", StringComparison.Ordinal) || command.StartsWith("v-check-", StringComparison.Ordinal);

    private static bool WithinBudget(int total, string budget) =>
        budget.Split('–') is [var low, var high] ? total >= int.Parse(low) && total <= int.Parse(high) : total <= int.Parse(budget);
}
