using System.Collections.Concurrent;
using HestiaFtp.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The real dashboard (Program) on Kestrel port 0 with its embedded emulator, and Debian's Chromium driven by Playwright.
/// One per test class; each test gets a fresh browser context (own cookies). Every page listens for Content-Security-Policy
/// violations (the app's policy is enforced, not report-only); a test class calls <see cref="AssertNoCspViolations"/> after
/// each test.
/// </summary>
public class DashboardHost : IAsyncLifetime
{
    // Reported from the page through an exposed function: a violation in any document the context loads is kept, even
    // after the page navigated away.
    private const string CspListener = """
        document.addEventListener('securitypolicyviolation', e =>
          window.__hestiaCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} sample '${e.sample}' on ${document.location.pathname}`));
        """;

    private readonly WebApplicationFactory<Program> _factory;
    private readonly ConcurrentQueue<string> _cspViolations = new();
    private readonly bool _withBrowser;
    private IPlaywright? _playwright;

    public DashboardHost() : this(new Dictionary<string, string?>())
    {
    }

    /// <param name="settings">Configuration on top of the app's own (e.g. <c>Dashboard:TrustedProxies:0</c>).</param>
    /// <param name="withBrowser">False for hosts only spoken to over HTTP.</param>
    /// <param name="configureServices">Registrations after the app's own (test-only endpoints, replacements).</param>
    protected internal DashboardHost(IReadOnlyDictionary<string, string?> settings, bool withBrowser = true, Action<IServiceCollection>? configureServices = null)
    {
        _withBrowser = withBrowser;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            // An explicit port 0: UseKestrel(0) alone left Kestrel on its default 127.0.0.1:5000, which another test run may hold.
            b.UseEnvironment("Development").UseUrls("http://127.0.0.1:0")
                .UseSetting("Audit:Path", Path.Combine(Path.GetTempPath(), $"hestiaftp-e2e-{Guid.NewGuid():N}.db"));
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
            b.ConfigureTestServices(services =>
            {
                services.AddHttpClient(HestiaClientRegistration.HttpClientName).AddHttpMessageHandler(() => HestiaRequests.CreateHandler());
                configureServices?.Invoke(services);
            });
        });
    }

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public HestiaEmulator Emulator => _factory.Services.GetRequiredService<HestiaEmulator>();
    public IServiceProvider Services => _factory.Services;

    /// <summary>Every request the dashboard sent to HestiaCP (the embedded emulator), with its form.</summary>
    public RecordingHandler HestiaRequests { get; } = new();

    /// <summary>Violations reported by any page of this host since the last <see cref="AssertNoCspViolations"/>.</summary>
    public IReadOnlyList<string> CspViolations => [.. _cspViolations];

    /// <summary>The embedded emulator's web server: its outage modes make the panel refuse or hang behind the dashboard.</summary>
    public EmulatorServer EmulatorServer => _factory.Services.GetRequiredService<HestiaFtp.Web.Hosting.EmbeddedEmulatorHost>().Server!;

    public static string ArtifactsDirectory { get; } = Environment.GetEnvironmentVariable("HESTIA_E2E_ARTIFACTS")
        ?? Path.Combine(AppContext.BaseDirectory, "e2e-artifacts");

    public async ValueTask InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        if (!_withBrowser)
        {
            return;
        }
        await ChromiumInstaller.EnsureInstalledAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumInstaller.ExecutablePath,
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ArtifactsDirectory);
    }

    /// <summary>A client for the real Kestrel endpoint that neither follows redirects nor keeps cookies unless asked.</summary>
    public HttpClient CreateHttpClient(System.Net.CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new() };
        return new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = BaseUrl });
        context.SetDefaultTimeout(20_000);
        await context.ExposeFunctionAsync("__hestiaCspViolation", (string violation) => _cspViolations.Enqueue(violation));
        await context.AddInitScriptAsync(CspListener);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _cspViolations.Enqueue("console: " + message.Text);
            }
        };
        return page;
    }

    /// <summary>Fails when any page reported a violation since the last call, and starts counting afresh.</summary>
    public void AssertNoCspViolations() => Assert.Empty(TakeCspViolations());

    /// <summary>The violations reported since the last call (for tests that provoke one on purpose).</summary>
    public IReadOnlyList<string> TakeCspViolations()
    {
        var violations = new List<string>();
        while (_cspViolations.TryDequeue(out var violation))
        {
            violations.Add(violation);
        }
        return violations;
    }

    /// <summary>Signs in through the static sign-in form and waits until the dashboard circuit is interactive.</summary>
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/signin");
        await page.Locator("#signin-user").FillAsync(user);
        await page.Locator("#signin-password").FillAsync(password);
        await page.Locator("#signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#render-state[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
