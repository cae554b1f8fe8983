using System.Net;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Tests.TestSupport.Engines;
using HestiaFtp.Tests.Web.E2E;
using Microsoft.Playwright;

namespace HestiaFtp.Tests.Deploy;

/// <summary>
/// deploy/nginx/hestiaftp.conf in a real nginx in front of two dashboard processes: a browser's negotiate, WebSocket and
/// reconnect all reach one instance (each instance's own request log says which), and the circuit survives the reconnect.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class NginxStickySessionsTests : IAsyncLifetime
{
    private DashboardCluster _cluster = default!;
    private NginxServer _nginx = default!;

    /// <summary>Blazor's default reconnect UI: a host element shown while the circuit's connection is being re-established.</summary>
    private const string ReconnectShown = "#components-reconnect-modal[style*='display: block']";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cluster = await DashboardCluster.StartAsync();
        _nginx = await NginxServer.StartAsync(_cluster.A.Port, _cluster.B.Port);
    }

    [Fact]
    public async Task Browser_SignInNegotiateWebSocketAndReconnect_AllOnOneInstance()
    {
        await ChromiumInstaller.EnsureInstalledAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumInstaller.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = _nginx.BaseUrl });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var (served, other) = _cluster.A.RequestsTo("/_blazor/negotiate") > 0 ? (_cluster.A, _cluster.B) : (_cluster.B, _cluster.A);
        var negotiatesBefore = served.RequestsTo("/_blazor/negotiate");

        // Cut every proxied connection, the circuit's WebSocket included; Blazor shows its reconnect modal and retries.
        await _nginx.StopAsync();
        await page.Locator(ReconnectShown).WaitForAsync(
            new() { State = WaitForSelectorState.Attached });
        await _nginx.StartAgainAsync();
        await page.Locator(ReconnectShown).WaitForAsync(
            new() { State = WaitForSelectorState.Detached });

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded: its circuit was not found again");
        await DashboardHost.WaitInteractiveAsync(page);
        Assert.True(served.RequestsTo("/_blazor/negotiate") > negotiatesBefore, "the reconnect did not reach the instance holding the circuit");
        Assert.Equal(0, other.RequestsTo("/_blazor"));
        Assert.Equal(0, other.RequestsTo("/signin"));
    }

    [Fact]
    public async Task Http_NewBrowser_GetsTheAffinityCookieAndKeepsItsInstance()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(_nginx.BaseUrl) };

        using var first = await client.GetAsync("/signin", Ct);
        var affinity = cookies.GetCookies(new Uri(_nginx.BaseUrl))["hestiaftp_node"];
        for (var i = 0; i < 20; i++)
        {
            using var again = await client.GetAsync("/signin", Ct);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.DoesNotContain("hestiaftp_node", again.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join(';', set) : "", StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(affinity);
        Assert.True(affinity.HttpOnly);
        Assert.Equal(new[] { 21, 0 }, new[] { _cluster.A.RequestsTo("/signin"), _cluster.B.RequestsTo("/signin") }.OrderDescending());
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
