using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// What suspended customers and support staff go through, in English and German at desktop and phone width: bob (a
/// suspended hosting account) is refused with a message that covers both causes, alice's suspended domain explains itself
/// and offers no new account, and support staff land on the overview of all accounts, open an agency's accounts as a
/// table, and read the activity log. axe runs at every state on the way. Nothing here changes HestiaCP, so the rows share
/// the demo users; the class's host raises the sign-in throttle for bob's refusals (<see cref="FlowDashboardHost"/>).
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class SupportFlowBrowserTests(FlowDashboardHost host) : IClassFixture<FlowDashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [Theory]
    [MemberData(nameof(FlowMatrix.All), MemberType = typeof(FlowMatrix))]
    public async Task SuspendedUserAndDomain_AreExplainedAndPassAxe(string culture, string viewport)
    {
        var m = new FlowMatrix(culture, viewport);
        string State(string step) => m.State("suspended", step);
        var page = await m.NewPageAsync(host);

        // HestiaCP refuses a suspended user's password check, so the message covers both causes without telling which.
        await m.OpenSignInAsync(host, page);
        await page.Locator("#signin-user").FillAsync("bob");
        await page.Locator("#signin-password").FillAsync("Bob-Demo-2026");
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page.Locator("#signin-message")).ToHaveTextAsync(m.Text(host, "SignIn.Invalid"));
        await Axe.AssertAccessibleAsync(page, State("bob-refused"));

        await m.SignInAsync(host, page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card[data-login='alice_shop']")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("alice-accounts"));

        await FlowMatrix.OpenAsync(page, "/domains/alice-blog.net");
        await Expect(page.Locator("#status-explain")).ToHaveTextAsync(m.Text(host, "DomainFtp.StatusDomainSuspended"));
        await Expect(page.Locator("#add-ftp")).ToBeDisabledAsync();
        await Expect(page.Locator("#add-disabled-reason")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("domain"));

        await FlowMatrix.OpenAsync(page, "/domains/alice-shop.com");
        await Expect(page.Locator(".ftp-card[data-login='alice_media']")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("active-domain"));
    }

    [Theory]
    [MemberData(nameof(FlowMatrix.All), MemberType = typeof(FlowMatrix))]
    public async Task Support_OverviewAgencyTableAndActivity_WorkAndPassAxe(string culture, string viewport)
    {
        var m = new FlowMatrix(culture, viewport);
        string State(string step) => m.State("support", step);
        var page = await m.NewPageAsync(host);

        await m.SignInAsync(host, page, "support", "Support-Demo-2026");
        await Expect(page).ToHaveURLAsync(new Regex("/support$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(m.Text(host, "Support.Title"));
        // Suspended first: what needs attention.
        await Expect(page.Locator("td.cell-account a.account-link").First).ToHaveTextAsync("bob");
        await Expect(page.Locator("td.cell-ftp .ftp-unread")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page, State("overview"));

        await page.Locator("td.cell-account a.account-link", new() { HasText = "carol" }).ClickAsync();
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".ftp-card, .ftp-row").First).ToBeVisibleAsync();
        await Expect(page.Locator("#add-ftp")).ToHaveCountAsync(0);
        await page.Locator("#view-table").ClickAsync();
        await Expect(page.Locator("#accounts-table .ftp-row").First).ToBeVisibleAsync();
        await Expect(page.Locator("#view-table")).ToHaveAttributeAsync("aria-pressed", "true");
        await Axe.AssertAccessibleAsync(page, State("agency-table"));

        await FlowMatrix.OpenAsync(page, "/activity");
        await Expect(page.Locator("h1")).ToHaveTextAsync(m.Text(host, "Activity.Title"));
        await Expect(page.Locator(".activity-table, .activity-empty")).ToBeVisibleAsync();
        await Axe.AssertAccessibleAsync(page, State("activity"));
    }
}
