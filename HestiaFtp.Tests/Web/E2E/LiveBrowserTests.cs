using HestiaFtp.Emulator;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The data path in a real browser: what the screen shows is HestiaCP's state when the page is opened or refreshed, a
/// change made in one browser reaches another without a reload, and an outage is shown once and cleared by "Retry now".
/// Out-of-band changes are made on the embedded emulator behind the dashboard's back. Nothing here waits for the poll:
/// pages are reloaded or "Refresh now" is clicked.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class LiveBrowserTests(DashboardHost host) : IClassFixture<DashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [Fact]
    public async Task Reload_AfterAnOutOfBandChange_ShowsIt()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();

        host.Emulator.Control.AddFtpAccountDirect("alice", "alice-dev.org", "alice_panel1", "");
        // Opens within the coalescing window (2 s) share the read before them; a reload after it reads anew.
        await page.WaitForTimeoutAsync(2_500);
        await page.ReloadAsync();
        await DashboardHost.WaitInteractiveAsync(page);

        await Expect(page.Locator(".ftp-card[data-login='alice_panel1']")).ToBeVisibleAsync();
        host.Emulator.Control.DeleteFtpAccountDirect("alice", "alice-dev.org", "alice_panel1");
    }

    [Fact]
    public async Task RefreshNow_AfterAnOutOfBandSuspension_ShowsItWithoutAReload()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.GotoAsync("/domains/alice-dev.org");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator("#status-chip")).ToContainTextAsync("Active");

        host.Emulator.Control.SuspendWebDomain("alice", "alice-dev.org");
        try
        {
            await page.Locator("#refresh-now").ClickAsync();
            await Expect(page.Locator("#status-chip")).ToContainTextAsync("Suspended");
            await Expect(page.Locator("#add-ftp")).ToBeDisabledAsync();
        }
        finally
        {
            host.Emulator.Control.UnsuspendWebDomain("alice", "alice-dev.org");
        }
    }

    [Fact]
    public async Task AChangeInOneBrowser_ReachesAnotherWithoutAReload()
    {
        var first = await host.NewPageAsync();
        var second = await host.NewPageAsync();
        await DashboardHost.SignInAsync(first, "carol", "Carol-Demo-2026");
        await DashboardHost.SignInAsync(second, "carol", "Carol-Demo-2026");
        await second.GotoAsync("/domains/bakery-lumiere.fr");
        await DashboardHost.WaitInteractiveAsync(second);
        await Expect(second.Locator(".ftp-card")).ToHaveCountAsync(1);

        await first.GotoAsync("/");
        await DashboardHost.WaitInteractiveAsync(first);
        await first.Locator("#add-ftp").ClickAsync();
        await first.Locator(".mud-dialog label:has-text('bakery-lumiere.fr')").ClickAsync();
        await first.Locator("#add-submit").ClickAsync();
        var login = (await first.Locator("#cred-login").TextContentAsync())!.Trim();

        await Expect(second.Locator($".ftp-card[data-login='{login}']")).ToBeVisibleAsync();
        await Expect(second.Locator(".ftp-card")).ToHaveCountAsync(2);
        await first.Locator("#cred-done").ClickAsync();
        await first.Locator("#cred-close-anyway").ClickAsync();
        await Expect(first.Locator("#cred-login")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(EmulatorOutage.RefuseConnections)]
    [InlineData(EmulatorOutage.NeverAnswer)]
    public async Task Outage_IsShownOnceAndRetryNowClearsItWhenThePanelAnswersAgain(EmulatorOutage outage)
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();

        await host.EmulatorServer.SetOutageAsync(outage, TestContext.Current.CancellationToken);
        try
        {
            await page.Locator("#refresh-now").ClickAsync();
            var banner = page.Locator("#unreachable-banner");
            await Expect(banner).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByText("cannot be reached right now")).ToHaveCountAsync(1);
            await Expect(page.Locator(".ftp-card .edit-button").First).ToBeDisabledAsync();
            await Expect(page.Locator(".ftp-card .status-unknown").First).ToContainTextAsync("Status unknown");
            await Expect(page.Locator("#add-ftp")).ToBeDisabledAsync();
            // The refresh that found the outage has finished (its read gave up) and says so.
            await Expect(page.Locator("#retry-now")).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await Expect(page.Locator("#retry-result")).ToBeVisibleAsync();
            if (outage == EmulatorOutage.RefuseConnections)
            {
                await DashboardHost.ScreenshotAsync(page, "accounts-outage");
            }
        }
        finally
        {
            await host.EmulatorServer.SetOutageAsync(EmulatorOutage.None, CancellationToken.None);
        }

        // "Retry now", unless the poller's probe (every 5 s while unreachable) found the panel back first.
        try
        {
            await page.Locator("#retry-now").ClickAsync(new() { Timeout = 3_000 });
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            Assert.Equal(0, await page.Locator("#unreachable-banner").CountAsync());
        }
        await Expect(page.Locator("#unreachable-banner")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(page.Locator(".ftp-card .edit-button").First).ToBeEnabledAsync();
    }
}
