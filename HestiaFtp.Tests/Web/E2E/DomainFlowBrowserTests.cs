using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The domain page walked end to end, in English and German at desktop and phone width, over the embedded emulator through
/// the real client: create with a folder (a second browser sees the new account without a reload), a folder removed behind
/// the dashboard's back (the create dialog's missing-folder message, then the edit that resets the account to the domain
/// root), and the activity log that records both in the reader's language. axe runs at every state on the way.
/// Each row is its own hosting user, so the rows share the class's host without depending on each other.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class DomainFlowBrowserTests(FlowDashboardHost host) : IClassFixture<FlowDashboardHost>, IDisposable
{
    private const string Password = "Flow-Domain-2026";

    public void Dispose() => host.AssertNoCspViolations();

    [Theory]
    [MemberData(nameof(FlowMatrix.All), MemberType = typeof(FlowMatrix))]
    public async Task CreateWithFolderMissingFolderResetAndActivity_WorkAndPassAxeAtEveryStep(string culture, string viewport)
    {
        var m = new FlowMatrix(culture, viewport);
        string State(string step) => m.State("domain", step);
        var user = "fd" + m.Tag;
        var domain = $"{user}-site.example";
        var domainFolder = $"/home/{user}/web/{domain}";
        FlowMatrix.AddCustomer(host, user, Password, domain);
        host.Emulator.Control.AddFolder(user, domain, "public_html/uploads");

        var page = await m.NewPageAsync(host);
        await m.SignInAsync(host, page, user, Password);
        await FlowMatrix.OpenAsync(page, $"/domains/{domain}");
        await Expect(page.Locator("#empty-state")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("empty"));

        // A second browser on the same page, to see the change arrive without a reload.
        var second = await m.NewPageAsync(host);
        await m.SignInAsync(host, second, user, Password);
        await FlowMatrix.OpenAsync(second, $"/domains/{domain}");
        await Expect(second.Locator("#empty-state")).ToBeVisibleAsync();

        // Create with a folder.
        await page.Locator("#add-ftp").ClickAsync();
        await Expect(page.Locator("#create-login")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("create-dialog"));
        await page.Locator("#create-login").FillAsync("deploy");
        await page.Locator("#create-password").FillAsync($"Wq4-Deploy-{m.Tag}-7Zk");
        await page.Locator("#create-folder").FillAsync("public_html/uploads");
        await Expect(page.Locator("#folder-preview")).ToContainTextAsync($"{domainFolder}/public_html/uploads");
        // The pointer still rests where "Add" was clicked, over the dialog's Generate button, whose tooltip would cover the form.
        await page.Mouse.MoveAsync(1, 1);
        await Axe.AssertAccessibleAsync(page, State("create-dialog-filled"));
        await page.Locator("#create-submit").ClickAsync();
        var login = $"{user}_deploy";
        await Expect(page.Locator("#cred-login")).ToHaveTextAsync(login);
        await Expect(page.Locator("#cred-folder-absolute")).ToHaveTextAsync($"{domainFolder}/public_html/uploads");
        await page.Locator(".credentials[data-guarded='true']").WaitForAsync();
        await page.Locator($".credentials button[aria-label='{m.Text(host, "Credentials.CopyPassword")}']").ClickAsync();
        await page.Locator("#cred-done").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        Assert.Equal("/public_html/uploads", host.Emulator.Control.GetFtpAccounts(user, domain).Single(a => a.Login == login).Path);
        var card = page.Locator($".ftp-card[data-login='{login}']");
        await Expect(card.Locator(".folder-absolute")).ToHaveTextAsync($"{domainFolder}/public_html/uploads");
        await Axe.AssertAccessibleAsync(page, State("one-account"));

        await Expect(second.Locator($".ftp-card[data-login='{login}']")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(second, State("second-browser"));
        await second.Context.CloseAsync();

        // The folder goes away behind the dashboard's back: a new account may not point at it.
        host.Emulator.Control.RemoveFolder(user, domain, "public_html/uploads");
        await page.Locator("#add-ftp").ClickAsync();
        await page.Locator("#create-login").FillAsync("late");
        await page.Locator("#create-password").FillAsync($"Wq4-Late-{m.Tag}-7Zk");
        await page.Locator("#create-folder").FillAsync("public_html/uploads");
        await page.Locator("#create-submit").ClickAsync();
        await Expect(page.Locator(".mud-dialog .mud-input-error").First).ToContainTextAsync(m.Text(host, "DomainFtp.Create.FolderMissing"));
        await Axe.AssertAccessibleAsync(page, State("create-folder-missing"));
        Assert.DoesNotContain(host.Emulator.Control.GetFtpAccounts(user, domain), a => a.Login == $"{user}_late");
        await page.Locator(".mud-dialog .mud-dialog-actions button").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // Edit the account whose folder vanished, pointing it below that folder: it is reset to the domain root.
        await card.Locator(".edit-button").ClickAsync();
        await Expect(page.Locator("#edit-folder")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("public_html/uploads$"));
        await Axe.AssertAccessibleAsync(page, State("edit-dialog"));
        await page.Locator("#edit-folder").FillAsync("public_html/uploads/incoming");
        await page.Locator("#edit-submit").ClickAsync();
        await Expect(page.Locator("#edit-reset")).ToContainTextAsync(domainFolder);
        await Axe.AssertAccessibleAsync(page, State("edit-reset"));
        await page.Locator("#edit-done").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar", new() { HasText = m.Text(host, "DomainFtp.Edit.ResetToRootShort", login) })).ToBeVisibleAsync();
        await Expect(card.Locator(".folder-absolute")).ToHaveTextAsync(domainFolder);
        Assert.Equal("", host.Emulator.Control.GetFtpAccounts(user, domain).Single(a => a.Login == login).Path.TrimEnd('/'));

        // The activity log: both changes, in the reader's language.
        await FlowMatrix.OpenAsync(page, "/activity");
        await Expect(page.Locator("h1")).ToHaveTextAsync(m.Text(host, "Activity.Title"));
        await Expect(page.Locator(".activity-table tbody tr", new() { HasText = login })).ToHaveCountAsync(2);
        await Expect(page.Locator(".activity-table tbody tr", new() { HasText = m.Text(host, "Activity.Reason.path.missing_reset") })).ToHaveCountAsync(1);
        await Axe.AssertAccessibleAsync(page, State("activity"));
    }
}
