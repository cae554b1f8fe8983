using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>An agency's many accounts (carol) in the dense view, and support staff's landing on the overview.</summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed partial class AgencyBrowserTests(DashboardHost host) : IClassFixture<DashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [GeneratedRegex("/support$")]
    private static partial Regex SupportUrl();

    private static Task ShowCardsAsync(IPage page) => ShowViewAsync(page, "#view-cards", ".ftp-card");

    private static Task ShowTableAsync(IPage page) => ShowViewAsync(page, "#view-table", "#accounts-table");

    /// <summary>The tests of this class share carol's remembered view, so each starts from the view it needs.</summary>
    private static async Task ShowViewAsync(IPage page, string button, string shown)
    {
        var toggle = page.Locator(button);
        await Expect(toggle).ToBeVisibleAsync();
        if (await toggle.GetAttributeAsync("aria-pressed") != "true")
        {
            await toggle.ClickAsync();
        }
        await Expect(page.Locator(shown).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Carol_SwitchesToTheTableAndReloads_TheTableIsKept()
    {
        var page = await host.NewPageAsync(1366, 900);
        await DashboardHost.SignInAsync(page, "carol", "Carol-Demo-2026");
        await ShowCardsAsync(page);
        await page.Locator("#page-size").SelectOptionAsync("96");
        await Expect(page.Locator("#range-label")).ToHaveTextAsync(new Regex("^1–(\\d+) of \\1$"));
        var accounts = await page.Locator(".ftp-card").CountAsync();

        await page.Locator("#view-table").ClickAsync();
        await Expect(page.Locator("#accounts-table .ftp-row")).ToHaveCountAsync(accounts);
        await Expect(page.Locator(".ftp-card")).ToHaveCountAsync(0);
        await Expect(page.Locator("#range-label")).ToHaveTextAsync($"1–{accounts} of {accounts}");
        await page.Locator("#sort-status").ClickAsync();
        await Expect(page.Locator("#sort-status").Locator("..")).ToHaveAttributeAsync("aria-sort", "ascending");
        await DashboardHost.ScreenshotAsync(page, "agency-table");

        await page.ReloadAsync();
        await DashboardHost.WaitInteractiveAsync(page);

        await Expect(page.Locator("#accounts-table .ftp-row")).ToHaveCountAsync(accounts);
        await Expect(page.Locator(".ftp-card")).ToHaveCountAsync(0);
        await Expect(page.Locator("#view-table")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task Carol_TableAtPhoneWidth_ScrollsInsideItsRegionNotThePage()
    {
        var page = await host.NewPageAsync(390, 844);
        await DashboardHost.SignInAsync(page, "carol", "Carol-Demo-2026");
        await ShowTableAsync(page);
        await page.Locator("#page-size").SelectOptionAsync("12");
        await Expect(page.Locator("#accounts-table .ftp-row")).ToHaveCountAsync(12);
        await Expect(page.Locator("#range-label")).ToHaveTextAsync(new Regex("^1–12 of \\d+$"));

        await DashboardHost.ScreenshotAsync(page, "agency-table-phone");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        Assert.False(overflow);
        var table = await page.Locator(".table-scroll").EvaluateAsync<int[]>("e => [e.clientWidth, e.scrollWidth]");
        Assert.True(table[1] > table[0], "the table scrolls sideways inside its region");
    }

    [Fact]
    public async Task Carol_FilterByFolder_ShowsOnlyThoseAccounts()
    {
        var page = await host.NewPageAsync(1366, 900);
        await DashboardHost.SignInAsync(page, "carol", "Carol-Demo-2026");
        await ShowTableAsync(page);

        await page.Locator("#filter").FillAsync("/uploads");

        await Expect(page.Locator("#range-label")).ToHaveTextAsync(new Regex("^1–\\d+ of \\d+ matching \\(\\d+ in all\\)$"));
        foreach (var folder in await page.Locator("#accounts-table .folder-cell").AllTextContentsAsync())
        {
            Assert.Contains("/uploads", folder, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Support_SignsIn_LandsOnTheOverviewSuspendedFirstWithCountsInWords(int width, int height)
    {
        var page = await host.NewPageAsync(width, height);
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");

        await Expect(page).ToHaveURLAsync(SupportUrl());
        await Expect(page.Locator("td.cell-account a.account-link").First).ToHaveTextAsync("bob");
        // Every visible count fills in through the shared store, each with its age; none is a bare dash.
        await Expect(page.Locator("td.cell-ftp .ftp-unread")).ToHaveCountAsync(0);
        await Expect(page.Locator("td.cell-ftp .ftp-age").First).ToContainTextAsync("read");
        Assert.DoesNotContain("–", string.Concat(await page.Locator("td.cell-ftp").AllTextContentsAsync()));
        await DashboardHost.ScreenshotAsync(page, $"support-landing-{width}");

        await page.GotoAsync("/?server=demo&account=carol");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".ftp-card, .ftp-row").First).ToBeVisibleAsync();
    }
}
