using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Expiry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// Ends in Chromium against the real app: set in the edit dialog, carried out by the job when its clock (a fake one that
/// only this test host registers, in place of the app's system clock) passes the end, and the card goes away by itself;
/// the new dialogs and the cards with ends pass axe in English and German.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class ExpiryBrowserTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _jobClock = new(TimeProvider.System.GetUtcNow());
    private readonly DashboardHost _host;

    public ExpiryBrowserTests() =>
        _host = new DashboardHost(
            new Dictionary<string, string?> { ["Expiry:Pace"] = "00:00:00", ["Expiry:CheckInterval"] = "00:01:00" },
            configureServices: services => services.Replace(ServiceDescriptor.Singleton(new ExpiryClock(_jobClock))));

    public ValueTask InitializeAsync() => _host.InitializeAsync();

    [Fact]
    public async Task SetEnd_JobClockPassesIt_CardDisappearsAndTheActivityLogSaysTheDashboardDidIt()
    {
        var page = await _host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        var card = page.Locator(".ftp-card[data-login='alice_media']");
        await card.Locator(".edit-button").ClickAsync();
        await page.Locator("#change-end-kind").SelectOptionAsync("OneDay");
        await page.Locator("#change-end-save").ClickAsync();
        await Expect(page.Locator("#change-end-status")).ToHaveTextAsync("End saved.");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(card.Locator(".countdown")).ToHaveTextAsync("in 1 d 0 h");
        await DashboardHost.ScreenshotAsync(page, "expiry-card-with-end");

        _jobClock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2));

        await Expect(card).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(page.Locator(".ftp-card[data-login='alice_shop']")).ToHaveCountAsync(1);
        var entries = await _host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery("demo", "alice"), CancellationToken.None);
        Assert.Contains(entries, e => e is { Action: AuditActions.DeleteFtpAccount, ActorKind: AuditActorKinds.Dashboard, Login: "alice_media" });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task NewDialogsAndCardsWithEnds_HaveNoAxeViolations(string culture)
    {
        var page = await _host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "carol", "Carol-Demo-2026");
        if (culture == "de")
        {
            await page.GotoAsync("/culture?culture=de&redirectUri=%2F");
            await DashboardHost.WaitInteractiveAsync(page);
        }
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();

        // An end on the first card (edit dialog, date-and-time choice shown), then the card with its countdown.
        await page.Locator(".ftp-card .edit-button").First.ClickAsync();
        await page.Locator("#change-end-kind").SelectOptionAsync("At");
        await Expect(page.Locator("#change-end-at")).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-edit-dialog-with-end");
        await page.Locator("#change-end-kind").SelectOptionAsync("OneDay");
        await page.Locator("#change-end-save").ClickAsync();
        await Expect(page.Locator("#change-end-status")).Not.ToBeEmptyAsync();
        await CancelAsync(page, culture);
        await Expect(page.Locator(".ftp-card.ending-soon")).ToHaveCountAsync(1);
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-cards-with-end");

        await page.Locator("#select-all").CheckAsync();
        await page.Locator("#bulk-delete").ClickAsync();
        await Expect(page.Locator("#bulk-delete-typed")).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-bulk-delete");
        await CancelAsync(page, culture);

        await page.Locator("#bulk-end").ClickAsync();
        await Expect(page.Locator("#bulk-end-submit")).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-bulk-end");
        await CancelAsync(page, culture);

        await page.Locator("#bulk-password").ClickAsync();
        await Expect(page.Locator("#bulk-password-submit")).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-bulk-password");
        await CancelAsync(page, culture);

        await page.Locator("#view-table").ClickAsync();
        await Expect(page.Locator("#accounts-table")).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-table-with-end");

        // The results of a rotation: the new passwords as dots with their copy buttons, copy-all and CSV, and the close guard.
        await page.Locator("#bulk-password").ClickAsync();
        await page.Locator("#bulk-password-submit").ClickAsync();
        await Expect(page.Locator("#bulk-password-summary-done")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.Locator("#bulk-password-done").ClickAsync();
        await Expect(page.Locator("#bulk-password-confirm")).ToBeVisibleAsync();
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-bulk-password-results");

        // Escape asks too, as in the credentials dialog (one CloseGuard): the dialog stays until "close anyway".
        await page.Locator("#bulk-password-keep-open").ClickAsync();
        await Expect(page.Locator("#bulk-password-confirm")).ToHaveCountAsync(0);
        await Expect(page.Locator(".bulk-password[data-guarded='true']")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#bulk-password-confirm")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(1);
        await AccessibilityBrowserTests.AssertAccessibleAsync(page, $"{culture}-bulk-password-escape");
        await page.Locator("#bulk-password-close-anyway").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    private static async Task CancelAsync(IPage page, string culture)
    {
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = culture == "de" ? "Abbrechen" : "Cancel", Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    public async ValueTask DisposeAsync()
    {
        _host.AssertNoCspViolations();
        await _host.DisposeAsync();
    }
}
