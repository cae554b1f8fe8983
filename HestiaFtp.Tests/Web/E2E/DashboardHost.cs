using HestiaFtp.Core.Emulator;
using HestiaFtp.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The real dashboard (Program) on Kestrel port 0 with its embedded emulator, and Debian's Chromium driven by Playwright.
/// One per test class; each test gets a fresh browser context (own cookies).
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    private readonly WebApplicationFactory<Program> _factory;

    public DashboardHost()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A host with extra configuration (e.g. a short revalidation interval), for a test class that owns it.</summary>
    internal DashboardHost(IReadOnlyDictionary<string, string?> settings)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development").UseSetting("urls", "http://127.0.0.1:0").UseSetting("Audit:Path", Path.Combine(Path.GetTempPath(), $"hestiaftp-e2e-{Guid.NewGuid():N}.db"));
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
    }

    public IServiceProvider Services => _factory.Services;

    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public HestiaEmulator Emulator => _factory.Services.GetRequiredService<HestiaEmulator>();

    /// <summary>The embedded emulator's web server: its outage modes make the panel refuse or hang behind the dashboard.</summary>
    public EmulatorServer EmulatorServer => _factory.Services.GetRequiredService<HestiaFtp.Web.Hosting.EmbeddedEmulatorHost>().Server!;

    public static string ArtifactsDirectory { get; } = Environment.GetEnvironmentVariable("HESTIA_E2E_ARTIFACTS")
        ?? Path.Combine(AppContext.BaseDirectory, "e2e-artifacts");

    public async ValueTask InitializeAsync()
    {
        await ChromiumInstaller.EnsureInstalledAsync();
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
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

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = BaseUrl });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
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
    }
}
