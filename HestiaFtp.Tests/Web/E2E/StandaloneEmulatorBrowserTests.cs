using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HestiaFtp.Emulator.Standalone;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The dashboard configured for a real server that is the standalone emulator (demo data, control endpoint on), polling
/// every second. The test changes the panel behind the dashboard's back, as a person or another tool would: over the
/// emulator's control endpoint and the HestiaCP API's admin commands. The open page follows without a reload.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class StandaloneEmulatorBrowserTests(StandaloneDashboardHost host) : IClassFixture<StandaloneDashboardHost>, IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => host.AssertNoCspViolations();

    [Fact]
    public async Task AnFtpAccountAddedBehindTheDashboard_AppearsOnTheOpenPage()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        await Expect(page.Locator(".ftp-card[data-login='alice_reports']")).ToHaveCountAsync(0);

        using var folder = await host.ControlAsync("folder",
            new { path = "/home/alice/web/alice-dev.org/public_html/reports", owner = "alice", group = "www-data", mode = "755" });
        using var added = await host.AdminApiAsync("v-add-web-domain-ftp", "alice", "alice-dev.org", "reports", "Reports-Pass-2026", "public_html/reports");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (folder.StatusCode, added.StatusCode));
        await Expect(page.Locator(".ftp-card[data-login='alice_reports']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True((await host.CallsAsync()).GetValueOrDefault("v-list-web-domains") > 0); // the dashboard's poll brought it
    }

    [Fact]
    public async Task ADomainSuspendedBehindTheDashboard_ShowsSuspendedOnTheOpenPage()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "carol", "Carol-Demo-2026");
        await page.GotoAsync("/domains/yoga-rivage.fr");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator("#status-chip")).ToContainTextAsync("Active");

        using var suspended = await host.AdminApiAsync("v-suspend-web-domain", "carol", "yoga-rivage.fr");

        Assert.Equal(HttpStatusCode.NoContent, suspended.StatusCode);
        await Expect(page.Locator("#status-chip")).ToContainTextAsync("Suspended", new() { Timeout = 30_000 });
        await Expect(page.Locator("#add-ftp")).ToBeDisabledAsync();
    }
}

/// <summary>The dashboard over a standalone emulator started in-process on 127.0.0.1:0 (demo data, control token, admin key).</summary>
public sealed class StandaloneDashboardHost : DashboardHost, IAsyncLifetime
{
    private const string KeyId = "EMULATORBROWSERKEY01";
    private const string Secret = "abcdefghijklmnopqrstuvwxyz0123456789WXYZ";
    private const string Token = "browser-test-control-token-0123";
    private readonly Dictionary<string, string?> _settings;
    private readonly HttpClient _http = new();
    private StandaloneEmulator? _panel;

    public StandaloneDashboardHost() : this([])
    {
    }

    // DashboardHost reads the settings when the app starts (InitializeAsync), after the emulator has its port.
    private StandaloneDashboardHost(Dictionary<string, string?> settings) : base(settings) => _settings = settings;

    private StandaloneEmulator Panel => _panel ?? throw new InvalidOperationException("Not started.");

    public new async ValueTask InitializeAsync()
    {
        _panel = await StandaloneEmulator.StartAsync(new EmulatorCommandLine { Demo = true },
            new EmulatorSecrets { AccessKeyId = KeyId, AccessKeySecret = Secret, ControlToken = Token });
        _settings["Hestia:Servers:0:Name"] = "panel";
        _settings["Hestia:Servers:0:BaseUrl"] = _panel.Server.BaseUrl.ToString();
        _settings["Hestia:Servers:0:AccessKey"] = KeyId;
        _settings["Hestia:Servers:0:SecretKey"] = Secret;
        _settings["Live:PollInterval"] = "00:00:01";
        await base.InitializeAsync();
    }

    /// <summary>An admin command over the HestiaCP API, with the admin access key.</summary>
    public Task<HttpResponseMessage> AdminApiAsync(string cmd, params string[] args) =>
        _http.PostAsync(Panel.ApiUrl, new FormUrlEncodedContent(
            [new("access_key", KeyId), new("secret_key", Secret), new("cmd", cmd), .. args.Select((a, i) => KeyValuePair.Create($"arg{i + 1}", a))]),
            TestContext.Current.CancellationToken);

    /// <summary>A control operation (<c>POST /_emulator/{operation}</c>) with the bearer token.</summary>
    public Task<HttpResponseMessage> ControlAsync(string operation, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Panel.ControlUrl!, operation)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The emulator's call counters, read over the control endpoint.</summary>
    public async Task<Dictionary<string, int>> CallsAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Panel.ControlUrl!, "calls"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, int>>(TestContext.Current.CancellationToken))!;
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _http.Dispose();
        if (_panel is not null)
        {
            await _panel.DisposeAsync();
        }
    }
}
