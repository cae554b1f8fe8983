using System.Diagnostics;
using System.Runtime;
using HestiaFtp.Emulator;
using HestiaFtp.Web.Data;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HestiaFtp.Bench;

/// <summary>
/// Table 3: managed heap per open accounts page. The real app (Program, its embedded demo emulator) runs in this process
/// on Kestrel; N real Chromium pages sign in as one customer. Each page first opens <c>/activity</c> (signed in, no
/// account watched, no card: the baseline), then moves to <c>/</c> through the app's own navigation link, in the same
/// circuit. The heap is read after three forced, blocking, compacting gen-2 collections, before and after the move; the
/// difference over N is what one accounts page adds to a circuit. Also: the time from a change's publication to the last
/// of those N browsers showing it (table 4's optional rendering row).
/// </summary>
internal static class CircuitWeight
{
    private const int PageCount = 20;
    private const int Cycles = 2;
    private const int CardsPerPage = 48;
    private const string BigUser = BigCustomer.User;
    private const string EmptyUser = "dave";
    private const string BenchPassword = BigCustomer.Password;

    public static async Task RunAsync(Report report)
    {
        await Chromium.EnsureInstalledAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        var customers = new (string User, string Password, int Accounts, bool Table)[]
        {
            (EmptyUser, BenchPassword, 0, false), ("alice", "Alice-Demo-2026", 3, false), ("carol", "Carol-Demo-2026", 43, false),
            (BigUser, BenchPassword, 2000, false), (BigUser, BenchPassword, 2000, true),
        };
        var rows = new List<Weight>();
        var lingering = new List<string>();
        Rendering? rendering = null;
        foreach (var customer in customers)
        {
            // One app per customer: circuits of pages left earlier (kept as disconnected for a while) never count.
            await using var app = await App.StartAsync();
            if (customer.Table)
            {
                // The view the user chose last time, as the page reads it when it opens.
                await app.Services.GetRequiredService<IUserPreferences>().SetAsync(EmbeddedServer, customer.User, UserPreferenceNames.AccountsView, "table", CancellationToken.None);
            }
            var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1366, Height = 900 } });
            context.SetDefaultTimeout(60_000);
            var pages = await OpenBaselineAsync(context, app.Circuits, customer.User, customer.Password);
            var cards = Math.Min(customer.Accounts, CardsPerPage);
            var cycles = new List<((long Total, long Heap) Before, (long Total, long Heap) After)>();
            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                if (cycle > 0)
                {
                    // Back to the baseline page in the same circuits; the accounts page and its cards are disposed.
                    await Task.WhenAll(pages.Select(p => p.Locator("nav.top-nav a[href='/activity']").ClickAsync()));
                    await Task.WhenAll(pages.Select(p => p.Locator(".activity-intro").WaitForAsync()));
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }

                var before = await Heap.MeasureAsync();
                await Task.WhenAll(pages.Select(p => p.Locator("nav.top-nav a[href='/']").ClickAsync()));
                await Task.WhenAll(pages.Select(p => cards == 0
                    ? p.Locator("#empty-state").WaitForAsync()
                    // A locator wait, not a page function: the app's CSP forbids evaluating strings in the page.
                    : p.Locator(customer.Table ? "#accounts-table tbody tr" : "#cards .ftp-card").Nth(cards - 1).WaitForAsync()));
                await Task.Delay(TimeSpan.FromSeconds(1));
                cycles.Add((before, await Heap.MeasureAsync()));
            }

            rows.Add(new Weight(customer.Table ? $"{customer.User} (table view)" : customer.User, customer.Accounts, cards, app.Circuits.Open, cycles));
            if (customer.User == "carol")
            {
                rendering = await MeasureRenderingAsync(app.Services.GetRequiredService<ILiveAccounts>(), app.Emulator.Control, pages);
            }

            await Task.WhenAll(pages.Select(p => p.GotoAsync("about:blank")));
            await context.CloseAsync();
            await app.Circuits.WaitForAsync(0, TimeSpan.FromSeconds(10));
            lingering.Add($"{(customer.Table ? customer.User + " (table)" : customer.User)} {app.Circuits.Open}");
        }

        report.Line("## 3. Circuit weight");
        report.Line();
        report.Line(Conditions.Describe($"the real app (Program with its embedded demo emulator, Development) on Kestrel in this process; " +
            $"{PageCount} Debian Chromium pages per customer, each its own circuit; heap = the smallest of 3 readings 0.5 s apart, " +
            "each after GC.Collect(2, Forced, blocking, compacting) ×3 with LOH compaction"));
        report.Line();
        report.Line($"Baseline: the same {PageCount} circuits signed in on /activity (the layout, no account watched, no card); then each moves to / " +
            $"through the navigation link (same circuit), and the accounts page opens with its cards (paged: {CardsPerPage} cards per page). " +
            "KB per circuit = (heap on / − heap on /activity) / pages, from GC.GetTotalMemory and GCMemoryInfo.HeapSizeBytes:");
        report.Line();
        var empty = rows.First(r => r.Accounts == 0);
        report.Table(["customer", "FTP accounts", "cards (rows) rendered", "circuits open", "first open: KB per circuit (GetTotalMemory)", "(HeapSizeBytes)",
                "reopened: KB per circuit (GetTotalMemory)", "first open: KB per card over the empty page", "target (first open)"],
            rows.Select(w => (IReadOnlyList<string>)
            [
                w.User, w.Accounts.ToString("N0"), w.Cards.ToString(), w.Circuits.ToString(),
                Stats.F(w.TotalKbs[0], "0"), Stats.F(w.HeapKbs[0], "0"), Stats.F(Stats.Median(w.TotalKbs.Skip(1).ToList()), "0"),
                w.Cards == 0 ? "" : Stats.F((w.TotalKbs[0] - empty.TotalKbs[0]) / w.Cards, "0.0"),
                w.Accounts is 43 or 2000 ? (Math.Max(w.TotalKbs[0], w.HeapKbs[0]) <= 1024 ? "≤ 1 MB: met" : "≤ 1 MB: **missed**") : "",
            ]), "lrrrrrrrl");
        report.Line("First open: the circuits had only shown /activity, then opened / (what a circuit with the accounts page open holds over one " +
            "that never opened it). Reopened: the same circuits went back to /activity and opened / again; what the first open added and leaving " +
            "the page did not free (per-circuit buffers and services that live as long as the circuit) is then already in the baseline, so this is " +
            "the page's own state.");
        report.Line();
        report.Line($"Circuits still open 10 s after the pages were left (about:blank, context closed): {string.Join(", ", lingering)}.");
        report.Line();
        if (rendering is not null)
        {
            report.Line($"Rendering fan-out (optional): one out-of-band FTP account added to carol and read (LiveAccounts.RefreshNowAsync, " +
                $"which publishes to the feed), until each of the {PageCount} Chromium pages shows the new card (or no longer shows the deleted one) " +
                $"in its DOM; {rendering.Runs} runs alternating add/delete: publication → first page {Stats.F(rendering.FirstMedian, "0")} ms (median), " +
                $"→ last of {PageCount} pages {Stats.F(rendering.LastMedian, "0")} ms median, {Stats.F(rendering.LastMax, "0")} ms max " +
                $"(includes Playwright noticing the DOM change); CPU of the app's process per change {Stats.F(rendering.CpuMedian, "0")} ms median " +
                "(read, diff, 20 circuits rendering, and the Playwright client's own share).");
            report.Line();
        }
    }

    /// <summary>The real app (Program) on Kestrel in this process, its embedded emulator seeded with the bench's customers.</summary>
    private sealed class App : IAsyncDisposable
    {
        private readonly WebApplicationFactory<Program> _factory;
        private readonly string _directory;

        private App(WebApplicationFactory<Program> factory, string directory)
        {
            _factory = factory;
            _directory = directory;
            BaseUrl = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        }

        public string BaseUrl { get; }

        public IServiceProvider Services => _factory.Services;

        public HestiaEmulator Emulator => Services.GetRequiredService<HestiaEmulator>();

        public CircuitCounter Circuits => Services.GetRequiredService<CircuitCounter>();

        public static Task<App> StartAsync()
        {
            var directory = Path.Combine(Path.GetTempPath(), $"hestiaftp-bench-app-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .UseEnvironment("Development")
                .UseSetting("Audit:Path", Path.Combine(directory, "dashboard.db"))
                .UseSetting("DataProtection:KeysFolder", Path.Combine(directory, "keys"))
                .UseSetting("Serilog:MinimumLevel:Default", "Warning")
                .ConfigureServices(s =>
                {
                    s.AddSingleton<CircuitCounter>();
                    s.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
                }));
            factory.UseKestrel(0);
            factory.StartServer();
            var app = new App(factory, directory);
            Seed(app.Emulator.Control);
            LatencyModel.Apply(app.Emulator);
            return Task.FromResult(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _factory.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind changes no figure.
            }
        }
    }

    private static void Seed(EmulatorControl control)
    {
        control.AddUser(EmptyUser, BenchPassword);
        control.AddWebDomain(EmptyUser, "dave-empty.example");
        BigCustomer.Seed(control);
    }

    private static async Task<List<IPage>> OpenBaselineAsync(IBrowserContext context, CircuitCounter counter, string user, string password)
    {
        var first = await context.NewPageAsync();
        await first.GotoAsync("/signin");
        await first.Locator("#signin-user").FillAsync(user);
        await first.Locator("#signin-password").FillAsync(password);
        await first.Locator("#signin-submit").ClickAsync();
        await first.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await WaitInteractiveAsync(first);
        var pages = new List<IPage> { first };
        await first.GotoAsync("/activity");
        await WaitInteractiveAsync(first);
        for (var i = 1; i < PageCount; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/activity");
            await WaitInteractiveAsync(page);
            pages.Add(page);
        }

        if (!await counter.WaitForAsync(PageCount, TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"Expected {PageCount} open circuits for {user}, found {counter.Open}.");
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        return pages;
    }

    private static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#render-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static async Task<Rendering> MeasureRenderingAsync(ILiveAccounts live, EmulatorControl control, IReadOnlyList<IPage> pages)
    {
        const string Domain = "dupont-digital.fr";
        const string Login = "carol_fanout";
        var key = new AccountKey(EmbeddedServer, "carol");
        var first = new List<double>();
        var last = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < 6; run++)
        {
            var adding = run % 2 == 0;
            // Beyond the reader's coalescing window, so the read below is a fresh one.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            if (adding)
            {
                control.AddFtpAccountDirect("carol", Domain, Login, "", "Fanout-Ftp-2026");
            }
            else
            {
                control.DeleteFtpAccountDirect("carol", Domain, Login);
            }

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var snapshot = await live.RefreshNowAsync(key, CancellationToken.None);
            var published = Stopwatch.GetTimestamp();
            if (snapshot.Domains.SelectMany(d => d.FtpAccounts).Any(a => a.Login == Login) != adding)
            {
                continue; // joined a poll that started before the change: not a sample
            }

            var selector = $"[data-login='{Login}']";
            var seen = await Task.WhenAll(pages.Select(async p =>
            {
                await p.Locator(selector).WaitForAsync(new() { State = adding ? WaitForSelectorState.Attached : WaitForSelectorState.Detached });
                return Stopwatch.GetElapsedTime(published).TotalMilliseconds;
            }));
            first.Add(seen.Min());
            last.Add(seen.Max());
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        return new Rendering(last.Count, Stats.Median(first), Stats.Median(last), last.Count == 0 ? double.NaN : last.Max(), Stats.Median(cpu));
    }

    private const string EmbeddedServer = "demo";

    private sealed record Rendering(int Runs, double FirstMedian, double LastMedian, double LastMax, double CpuMedian);

    private sealed record Weight(string User, int Accounts, int Cards, int Circuits, IReadOnlyList<((long Total, long Heap) Before, (long Total, long Heap) After)> Cycles)
    {
        public IReadOnlyList<double> TotalKbs => [.. Cycles.Select(c => (c.After.Total - c.Before.Total) / (double)PageCount / 1024)];

        public IReadOnlyList<double> HeapKbs => [.. Cycles.Select(c => (c.After.Heap - c.Before.Heap) / (double)PageCount / 1024)];

    }
}

/// <summary>The managed heap after full, blocking, compacting collections (the large-object heap compacted too).</summary>
internal static class Heap
{
    /// <summary>
    /// The smallest of three readings half a second apart, each after three collections: what the circuits retain, without
    /// what happens to be in flight at one instant (a poll's read, a SignalR message, a render batch awaiting its ack).
    /// </summary>
    public static async Task<(long Total, long Heap)> MeasureAsync()
    {
        var (total, heap) = (long.MaxValue, long.MaxValue);
        for (var reading = 0; reading < 3; reading++)
        {
            if (reading > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            for (var i = 0; i < 3; i++)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            total = Math.Min(total, GC.GetTotalMemory(forceFullCollection: false));
            heap = Math.Min(heap, GC.GetGCMemoryInfo().HeapSizeBytes);
        }

        return (total, heap);
    }
}

/// <summary>Open Blazor circuits of the app, told by the circuit pipeline itself.</summary>
internal sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    public async Task<bool> WaitForAsync(int open, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Open != open)
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}

/// <summary>Debian's Chromium, installed with apt-get when missing (the machines run as root and reach Debian's packages).</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        await RunAsync("apt-get", "update -qq");
        await RunAsync("apt-get", "install -y -qq -o DPkg::Lock::Timeout=300 chromium fonts-liberation");
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"apt-get finished but {ExecutablePath} does not exist.");
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
