using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The FTP accounts page walked end to end, in English and German at desktop and phone width, over the embedded emulator
/// through the real client: sign in, quick add, the credentials dialog's close guard, copy (its confirmation and the
/// clipboard), change password, delete with confirmation, the user menu and sign out. axe runs at every state on the way.
/// Each row is its own hosting user, so the rows share the class's host without depending on each other.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class AccountsFlowBrowserTests(FlowDashboardHost host) : IClassFixture<FlowDashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [Theory]
    [MemberData(nameof(FlowMatrix.All), MemberType = typeof(FlowMatrix))]
    public async Task QuickAddCopyChangePasswordDeleteAndSignOut_WorkAndPassAxeAtEveryStep(string culture, string viewport)
    {
        var m = new FlowMatrix(culture, viewport);
        string State(string step) => m.State("accounts", step);
        var user = "fa" + m.Tag;
        var domain = $"{user}-shop.example";
        FlowMatrix.AddCustomer(host, user, "Flow-Accounts-2026", domain);
        host.Emulator.Control.AddFtpAccountDirect(user, domain, $"{user}_site", "/public_html", "Site-Ftp-2026-x");

        var page = await m.NewPageAsync(host);
        await m.SignInAsync(host, page, user, "Flow-Accounts-2026", State("signin"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(m.Text(host, "Accounts.Title"));
        await Expect(page.Locator($".ftp-card[data-login='{user}_site']")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("list"));

        // Quick add: the user only picks the domain; login and password are generated.
        await page.Locator("#add-ftp").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync(domain);
        await Axe.AssertAccessibleAsync(page, State("add-dialog"));
        await page.Locator("#add-submit").ClickAsync();
        var loginText = page.Locator("#cred-login");
        await Expect(loginText).ToHaveTextAsync(new Regex($"^{user}_"));
        var login = (await loginText.TextContentAsync())!.Trim();
        await page.Locator(".credentials[data-guarded='true']").WaitForAsync();
        await Axe.AssertAccessibleAsync(page, State("credentials-dialog"));

        // Escape before the password was kept: the dialog asks instead of losing it.
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#cred-confirm")).ToHaveTextAsync(m.Text(host, "Credentials.NotKept"));
        await Axe.AssertAccessibleAsync(page, State("credentials-close-guard"));
        await page.Locator("#cred-keep-open").ClickAsync();
        await Expect(page.Locator("#cred-confirm")).ToHaveCountAsync(0);

        // Copy: the confirmation, and the clipboard holds the password HestiaCP has; then Done closes without asking.
        await page.Locator($".credentials button[aria-label='{m.Text(host, "Credentials.CopyPassword")}']").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = m.Text(host, "Common.Copied") }).First).ToBeVisibleAsync();
        Assert.Equal(host.Emulator.Control.PasswordOf(login), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Axe.AssertAccessibleAsync(page, State("credentials-copied"));
        await page.Locator("#cred-done").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var card = page.Locator($".ftp-card[data-login='{login}']");
        await Expect(card).ToBeVisibleAsync();
        Assert.Contains(host.Emulator.Control.GetFtpAccounts(user, domain), a => a.Login == login);

        // Change password.
        var newPassword = $"Qv8-tR2m-{m.Tag}-Lx5w-Flow";
        await card.Locator(".edit-button").ClickAsync();
        await page.Locator("#change-password-input").FillAsync(newPassword);
        await Expect(page.Locator(".password-strength")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("change-password-dialog"));
        await page.Locator("#change-password-submit").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar", new() { HasText = m.Text(host, "Accounts.PasswordChanged", login) })).ToBeVisibleAsync();
        Assert.Equal(newPassword, host.Emulator.Control.PasswordOf(login));

        // Delete, after the question names the login.
        await card.Locator(".delete-button").ClickAsync();
        await Expect(page.Locator("#delete-question")).ToHaveTextAsync(m.Text(host, "Delete.Question", login));
        await Axe.AssertAccessibleAsync(page, State("delete-dialog"));
        await page.Locator("#delete-confirm").ClickAsync();
        await Expect(card).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar", new() { HasText = m.Text(host, "Accounts.Deleted", login) })).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        Assert.DoesNotContain(host.Emulator.Control.GetFtpAccounts(user, domain), a => a.Login == login);
        await Axe.AssertAccessibleAsync(page, State("after-delete"));

        // The user menu, and sign out through it.
        await page.Locator("#user-menu button").ClickAsync();
        await Expect(page.Locator("#user-menu-language")).ToHaveTextAsync(m.Text(host, "Nav.LanguageIs", culture == "de" ? "Deutsch" : "English"));
        await Axe.AssertAccessibleAsync(page, State("user-menu"));
        await page.Locator("#signout").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/signin?reason=signedout", StringComparison.Ordinal));
        await Expect(page.Locator("#signin-message")).ToHaveTextAsync(m.Text(host, "SignIn.SignedOut"));
        await Axe.AssertAccessibleAsync(page, State("signed-out"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
    }
}
