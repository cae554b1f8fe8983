using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// Visits every screen in a real browser, checks that its key content rendered without Blazor's error UI, and saves a
/// screenshot of each (HESTIA_E2E_ARTIFACTS or e2e-artifacts/ under the test output) for people to look at.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class ScreenTourTests(DashboardHost host) : IClassFixture<DashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [Fact]
    public async Task Customer_DomainPageAndDialogs_RenderInBrowser()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.GotoAsync("/domains/alice-shop.com");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        await Expect(page.Locator("#status-chip")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "domain-page");

        await page.Locator("#add-ftp").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog input").First.FillAsync("deploy");
        await DashboardHost.ScreenshotAsync(page, "domain-create-dialog");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await page.Locator(".ftp-card .edit-button").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "domain-edit-dialog");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync("/");
        await DashboardHost.WaitInteractiveAsync(page);
        await page.Locator(".ftp-card:not(:has(.status-chip:has-text('Suspended'))) .edit-button").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "change-password-dialog");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync("/activity");
        await DashboardHost.WaitInteractiveAsync(page);
        await DashboardHost.ScreenshotAsync(page, "activity-customer");
        await Expect(page.Locator("#blazor-error-ui:visible")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Support_OverviewAndGerman_RenderInBrowser()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");
        await page.GotoAsync("/support");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.GetByText("carol").First).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "support-overview");

        await page.GotoAsync("/culture?culture=de&redirectUri=%2F%3Fserver%3Ddemo%26account%3Dalice");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("FTP-Konten");
        await DashboardHost.ScreenshotAsync(page, "accounts-german");

        await page.GotoAsync("/activity");
        await DashboardHost.WaitInteractiveAsync(page);
        await DashboardHost.ScreenshotAsync(page, "activity-support");
    }

    [Fact]
    public async Task SignInPage_RendersStaticForm()
    {
        var page = await host.NewPageAsync(390, 844);
        await page.GotoAsync("/signin");
        await Expect(page.Locator("#signin-submit")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "signin-phone");
    }
}
