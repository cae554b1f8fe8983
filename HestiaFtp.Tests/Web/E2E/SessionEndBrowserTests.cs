using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// Support staff end an account's sessions from the support page; every open page of that account shows the sign-in page
/// at its circuit's next revalidation (2 s here, 1 minute by default) without a reload, and the others stay.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class SessionEndBrowserTests : IAsyncLifetime
{
    private readonly DashboardHost _host = new(new Dictionary<string, string?> { ["Dashboard:RevalidationInterval"] = "00:00:02" });

    public ValueTask InitializeAsync() => _host.InitializeAsync();

    [Fact]
    public async Task SupportEndsAlicesSessions_BothOfHerTabsShowSignIn_CarolStays()
    {
        var aliceTab = await _host.NewPageAsync();
        await DashboardHost.SignInAsync(aliceTab, "alice", "Alice-Demo-2026");
        var aliceSecondTab = await aliceTab.Context.NewPageAsync();
        await aliceSecondTab.GotoAsync("/activity");
        await DashboardHost.WaitInteractiveAsync(aliceSecondTab);
        var carol = await _host.NewPageAsync();
        await DashboardHost.SignInAsync(carol, "carol", "Carol-Demo-2026");

        var support = await _host.NewPageAsync();
        await DashboardHost.SignInAsync(support, "support", "Support-Demo-2026");
        await support.GotoAsync("/support");
        await DashboardHost.WaitInteractiveAsync(support);
        var aliceRow = support.Locator("tr", new() { Has = support.Locator("a.account-link", new() { HasTextString = "alice" }) });
        await aliceRow.Locator("button.end-sessions").ClickAsync();
        await Expect(support.Locator("#support-announcement")).ToContainTextAsync("alice: 1 session ended");

        await Expect(aliceTab).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?reason=expired"), new() { Timeout = 15_000 });
        await Expect(aliceSecondTab).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?reason=expired"), new() { Timeout = 15_000 });
        await Expect(aliceTab.Locator("#signin-message")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(aliceTab, "signin-after-sessions-ended");
        Assert.DoesNotContain("/signin", carol.Url, StringComparison.Ordinal);
        await carol.ReloadAsync();
        await Expect(carol).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    public async ValueTask DisposeAsync()
    {
        _host.AssertNoCspViolations();
        await _host.DisposeAsync();
    }
}
