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
        await Expect(page.Locator("#signin-message")).ToContainTextAsync("not correct, or the hosting account is suspended");
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
        await Expect(page.Locator("#cred-confirm")).ToBeVisibleAsync();
        await page.Locator("#cred-close-anyway").ClickAsync();

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

    [Fact]
    public async Task UserMenu_ByKeyboard_OpensWithNameRoleServerAndSignsOut()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();

        await TabToAsync(page, "user-menu");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#user-menu-role")).ToContainTextAsync("Customer · demo");
        await Expect(page.Locator("#user-menu-language")).ToContainTextAsync("English");
        await DashboardHost.ScreenshotAsync(page, "user-menu");

        await TabToAsync(page, "signout");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    [Fact]
    public async Task CredentialsDialog_EscapeBeforeCopy_AsksAndKeepsThePassword_TabCloseAsksToo()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.Locator("#add-ftp").ClickAsync();
        await page.Locator("#add-submit").ClickAsync();
        var login = page.Locator("#cred-login");
        await Expect(login).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^alice_"));
        var newLogin = (await login.TextContentAsync())!.Trim();

        // The Escape and tab-close listeners are in place once the dialog says so (a real user is never this quick).
        await page.Locator(".credentials[data-guarded='true']").WaitForAsync();
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.Locator("#cred-confirm")).ToBeVisibleAsync();
        await Expect(login).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "credentials-close-guard");
        await page.Locator("#cred-keep-open").ClickAsync();
        await Expect(page.Locator("#cred-confirm")).ToHaveCountAsync(0);

        // Closing the tab: the browser's own question (beforeunload, registered from app.js while the dialog is open).
        var asked = new TaskCompletionSource<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            await dialog.DismissAsync();
        };
        await page.CloseAsync(new() { RunBeforeUnload = true });
        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.False(page.IsClosed);

        await page.Locator("#cred-close").ClickAsync();
        await page.Locator("#cred-close-anyway").ClickAsync();
        await Expect(login).ToHaveCountAsync(0);
        host.Emulator.Control.GetFtpAccounts("alice", "alice-shop.com").Single(a => a.Login == newLogin);
    }

    [Fact]
    public async Task CredentialsDialog_PageReloadedOnANewCircuit_SaysThePasswordWasLostAndOffersANewOne()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.Locator("#add-ftp").ClickAsync();
        await page.Locator("#add-submit").ClickAsync();
        await page.Locator(".credentials[data-guarded='true']").WaitForAsync();
        var newLogin = (await page.Locator("#cred-login").TextContentAsync())!.Trim();

        // What a lost circuit ends in: the tab reloads onto a new circuit, the dialog and its password are gone.
        await page.GotoAsync("/");
        await DashboardHost.WaitInteractiveAsync(page);

        await Expect(page.Locator("#password-lost")).ToContainTextAsync(newLogin);
        await DashboardHost.ScreenshotAsync(page, "password-lost");
        await page.Locator("#password-lost-set").ClickAsync();
        await Expect(page.Locator("#change-password-input")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync(newLogin);
    }

    [Fact]
    public async Task FileManagerAndPanelLinks_InTheDemo_Answer200()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator("#file-manager-hint")).ToContainTextAsync("may ask you to sign in");
        var fileManager = await page.Locator("#file-manager").GetAttributeAsync("href");
        await DashboardHost.ScreenshotAsync(page, "accounts-file-manager");

        await page.GotoAsync("/domains/alice-shop.com");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator("#file-manager-hint")).ToContainTextAsync("web/alice-shop.com");
        var panel = await page.Locator("#panel-link").GetAttributeAsync("href");
        await DashboardHost.ScreenshotAsync(page, "domain-file-manager");

        using var http = new HttpClient();
        foreach (var link in new[] { fileManager!, panel! })
        {
            using var response = await http.GetAsync(link, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("real HestiaCP", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        Assert.StartsWith(host.EmulatorServer.BaseUrl.ToString(), fileManager, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Support_SeesNoFileManagerButton()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");
        await page.GotoAsync("/?server=demo&account=alice");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        await Expect(page.Locator("#file-manager")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OtherAccount_AsCustomer_SaysOwnAccountOnlyWithoutRetry()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.GotoAsync("/?server=demo&account=carol");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator("#load-error")).ToHaveTextAsync("You can only see your own hosting account.");
        await Expect(page.Locator("#load-error button")).ToHaveCountAsync(0);
        await DashboardHost.ScreenshotAsync(page, "other-account");
    }

    [Fact]
    public async Task ChangePassword_AtPhoneWidth_StacksGenerateBelowTheField()
    {
        var page = await host.NewPageAsync(390, 844);
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.Locator(".ftp-card[data-login='alice_shop'] .edit-button").ClickAsync();
        var input = page.Locator("#change-password-input");
        await Expect(input).ToBeVisibleAsync();

        await DashboardHost.ScreenshotAsync(page, "change-password-phone");
        var field = (await page.Locator(".password-row .mud-input-control").BoundingBoxAsync())!;
        var generate = (await page.Locator(".password-generate").BoundingBoxAsync())!;
        Assert.True(generate.Y >= field.Y + field.Height, $"Generate at y={generate.Y}, field ends at {field.Y + field.Height}");
        Assert.True(field.Width > 250, $"field is {field.Width}px wide");
    }

    [Fact]
    public async Task FolderPicker_ShowsFolderNamesInTheirCase()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.GotoAsync("/domains/alice-shop.com");
        await DashboardHost.WaitInteractiveAsync(page);
        await page.Locator("#add-ftp").ClickAsync();
        await page.GetByLabel("Browse existing folders").ClickAsync();
        var entry = page.Locator(".folder-entry", new() { HasText = "public_html" });
        await Expect(entry).ToBeVisibleAsync();

        Assert.Equal("public_html", (await entry.InnerTextAsync()).Trim());
        Assert.Equal("/home/alice/web/alice-shop.com", (await page.Locator(".crumb").First.InnerTextAsync()).Trim());
        await DashboardHost.ScreenshotAsync(page, "folder-picker");
    }

    // Presses Tab until the element with this id has focus: it must be reachable by keyboard, in a sane number of steps.
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 60; i++)
        {
            // The element itself, or a control inside it (the user menu's id is on MudMenu's root, around its button).
            var focused = await page.EvaluateAsync<string?>(
                "id => { const a = document.activeElement; return a && (a.id === id || a.closest('#' + id)) ? id : null; }", id);
            if (focused == id)
            {
                return;
            }
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"#{id} is not reachable with Tab");
    }
}
