using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>What bUnit cannot see: the real app in a real browser (MudBlazor styles, dialogs opening, the SignalR circuit).</summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class DashboardBrowserTests(DashboardHost host) : IClassFixture<DashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [Fact]
    public async Task SignIn_WithWrongPassword_ShowsMessageAndStaysOnSignIn()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.Locator("#signin-user").FillAsync("alice");
        await page.Locator("#signin-password").FillAsync("not-the-password");
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page.Locator("#signin-message")).ToContainTextAsync("not correct");
        await Expect(page.Locator("#signin-password")).ToHaveValueAsync("");
        await DashboardHost.ScreenshotAsync(page, "signin-failed");
    }

    [Fact]
    public async Task QuickAdd_ThenDelete_CreatesExactlyOneAccountAndRemovesIt()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        var cards = page.Locator(".ftp-card");
        await Expect(cards.First).ToBeVisibleAsync();
        var before = await cards.CountAsync();
        var emulatorBefore = host.Emulator.Control.GetFtpAccounts("alice", "alice-shop.com").Count;

        // MudBlazor's stylesheet is applied: the filled primary button has the theme colour, not a bare HTML button.
        var background = await page.Locator("#add-ftp").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(183, 71, 42)", background);
        await DashboardHost.ScreenshotAsync(page, "accounts");

        await page.Locator("#add-ftp").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("alice-shop.com");
        await DashboardHost.ScreenshotAsync(page, "add-dialog");
        await page.Locator("#add-submit").ClickAsync();

        var login = page.Locator("#cred-login");
        await Expect(login).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^alice_"));
        var newLogin = (await login.TextContentAsync())!.Trim();
        await Expect(page.Locator("#cred-port")).ToHaveTextAsync("21");
        await DashboardHost.ScreenshotAsync(page, "credentials-dialog");
        await page.Locator("#cred-done").ClickAsync();

        var card = page.Locator($".ftp-card[data-login='{newLogin}']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(cards).ToHaveCountAsync(before + 1);
        Assert.Equal(emulatorBefore + 1, host.Emulator.Control.GetFtpAccounts("alice", "alice-shop.com").Count);

        await card.Locator(".delete-button").ClickAsync();
        await Expect(page.Locator("#delete-question")).ToContainTextAsync(newLogin);
        await DashboardHost.ScreenshotAsync(page, "delete-dialog");
        await page.Locator("#delete-confirm").ClickAsync();

        await Expect(card).ToHaveCountAsync(0);
        await Expect(cards).ToHaveCountAsync(before);
        Assert.DoesNotContain(host.Emulator.Control.GetFtpAccounts("alice", "alice-shop.com"), a => a.Login == newLogin);
    }

    [Fact]
    public async Task Support_SeesAccountsReadOnly()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");
        await page.GotoAsync("/?server=demo&account=carol");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        await Expect(page.Locator("#add-ftp")).ToHaveCountAsync(0);
        await Expect(page.Locator(".ftp-card .delete-button")).ToHaveCountAsync(0);
        await DashboardHost.ScreenshotAsync(page, "support-carol");
    }

    [Fact]
    public async Task AccountsPage_AtPhoneWidth_HasNoHorizontalScroll()
    {
        var page = await host.NewPageAsync(390, 844);
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow);
        await DashboardHost.ScreenshotAsync(page, "accounts-phone");
    }
}
