using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using HestiaFtp.Emulator;
using HestiaFtp.Web.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// axe-core (wcag2a, wcag2aa, wcag21aa, wcag22aa; no rule disabled, no element excluded) on every page and state, plus
/// what axe does not check: one h1 and a main landmark per page.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class AccessibilityBrowserTests(DashboardHost host) : IClassFixture<DashboardHost>, IDisposable
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] },
    };

    public void Dispose() => host.AssertNoCspViolations();

    [Fact]
    public async Task SignIn_HasNoViolations()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/signin");
        await Expect(page.Locator("#signin-submit")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "signin");
    }

    [Fact]
    public async Task SignIn_WithError_HasNoViolations()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.Locator("#signin-user").FillAsync("alice");
        await page.Locator("#signin-password").FillAsync("not-the-password");
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page.Locator("#signin-message")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "signin-error");
    }

    [Fact]
    public async Task Accounts_List_HasNoViolations()
    {
        var page = await AliceAsync();
        await AssertAccessibleAsync(page, "accounts");
    }

    [Fact]
    public async Task Accounts_FilterWithoutMatch_HasNoViolations()
    {
        var page = await CarolAsync();
        await page.Locator(".filter-box input").FillAsync("no-such-account-zzz");
        await Expect(page.Locator("#no-match")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "accounts-no-match");
    }

    [Fact]
    public async Task Accounts_AddDialog_HasNoViolations()
    {
        var page = await AliceAsync();
        await page.Locator("#add-ftp").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "add-dialog");
    }

    [Fact]
    public async Task Accounts_ChangePasswordDialog_WithValidationError_HasNoViolations()
    {
        var page = await AliceAsync();
        await page.Locator(".ftp-card:not(:has(.status-chip:has-text('Suspended'))) .edit-button").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "change-password-dialog");

        await page.Locator(".mud-dialog input[type='password'], .mud-dialog input").First.FillAsync("x");
        await page.Locator("#change-password-submit").ClickAsync();
        await Expect(page.Locator(".mud-dialog .mud-input-error").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "change-password-dialog-invalid");
    }

    [Fact]
    public async Task Accounts_DeleteDialog_HasNoViolations()
    {
        var page = await AliceAsync();
        await page.Locator(".ftp-card .delete-button").First.ClickAsync();
        await Expect(page.Locator("#delete-question")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "delete-dialog");
    }

    [Fact]
    public async Task Accounts_Outage_HasNoViolations()
    {
        var page = await AliceAsync();
        await host.EmulatorServer.SetOutageAsync(EmulatorOutage.RefuseConnections, TestContext.Current.CancellationToken);
        try
        {
            await page.Locator("#refresh-now").ClickAsync();
            await Expect(page.Locator("#unreachable-banner")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.Locator("#retry-now")).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await AssertAccessibleAsync(page, "accounts-outage");
        }
        finally
        {
            await host.EmulatorServer.SetOutageAsync(EmulatorOutage.None, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Domain_PageAndDialogs_HaveNoViolations()
    {
        var page = await AliceAsync();
        await page.GotoAsync("/domains/alice-shop.com");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "domain");

        await page.Locator("#add-ftp").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "create-dialog");
        await page.Locator("#create-submit").ClickAsync();
        await Expect(page.Locator(".mud-dialog .mud-input-error").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "create-dialog-invalid");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await page.Locator(".ftp-card .edit-button").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "edit-dialog");
    }

    [Fact]
    public async Task Domain_EditDialog_WithErrorAndNothingChanged_HasNoViolations()
    {
        var page = await AliceAsync();
        await page.GotoAsync("/domains/alice-shop.com");
        await DashboardHost.WaitInteractiveAsync(page);
        await page.Locator(".ftp-card .edit-button").First.ClickAsync();
        await Expect(page.Locator("#edit-folder")).ToBeVisibleAsync();

        await page.Locator("#edit-submit").ClickAsync();
        await Expect(page.Locator("#edit-nothing")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "edit-dialog-nothing-changed");

        await page.Locator("#edit-folder").FillAsync("bad:folder");
        await Expect(page.Locator(".mud-dialog .mud-input-error").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "edit-dialog-invalid");
    }

    [Fact]
    public async Task Activity_Customer_HasNoViolations()
    {
        var page = await AliceAsync();
        await page.GotoAsync("/activity");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".activity-table, .activity-empty")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "activity-customer");
    }

    [Fact]
    public async Task Activity_WithEntriesInGermanAndTheReadersZone_HasNoViolations()
    {
        var audit = host.Services.GetRequiredService<IAuditLog>();
        var at = new DateTimeOffset(2026, 11, 28, 12, 5, 0, TimeSpan.Zero);
        foreach (var (action, login, detail, outcome) in new[]
        {
            (AuditActions.AddFtpAccount, "alice_a11y", AuditDetails.Folder("/public_html"), AuditOutcomes.Succeeded),
            (AuditActions.ChangeFtpPassword, "alice_a11y", AuditDetails.Password, "failed: hestia.Invalid: Error: password is too short"),
            (AuditActions.DeleteFtpAccount, "alice_a11y", AuditDetails.Deleted, "unknown: outcome.unknown"),
            (AuditActions.ChangeFtpPath, "alice_a11y", "folder /legacy", "succeeded: path.missing_reset"),
        })
        {
            var id = await audit.RecordAsync(new AuditEntry(0, at, "alice", "demo", "alice", "alice-shop.com", login, action, detail, AuditOutcomes.Pending), CancellationToken.None);
            await audit.CompleteAsync(id, outcome, login, CancellationToken.None);
        }

        var page = await host.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Emulation.setTimezoneOverride", new Dictionary<string, object> { ["timezoneId"] = "Europe/Berlin" });
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await page.GotoAsync("/culture?culture=de&redirectUri=%2Factivity");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".activity-zone")).ToHaveTextAsync("Zeiten in Europe/Berlin.");
        var row = page.Locator("tr:has(td.cell-detail:has-text('Ordner /public_html'))");
        await Expect(row.Locator("td.cell-when")).ToContainTextAsync("13:05");
        await Expect(page.Locator(".outcome-panel").First).ToContainTextAsync("Das Panel meldete: „Error: password is too short“");
        await AssertAccessibleAsync(page, "activity-entries-de");
    }

    [Fact]
    public async Task Accounts_CredentialsDialog_HasNoViolations()
    {
        var page = await AliceAsync();
        await page.Locator("#add-ftp").ClickAsync();
        await page.Locator("#add-submit").ClickAsync();
        await Expect(page.Locator("#cred-login")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^alice_"));
        await AssertAccessibleAsync(page, "credentials-dialog");
    }

    [Fact]
    public async Task Support_OverviewAndActivity_HaveNoViolations()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");
        await page.GotoAsync("/support");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.GetByText("carol").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "support");

        await page.GotoAsync("/activity");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator(".activity-table, .activity-empty")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "activity-support");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/domains/alice-shop.com")]
    [InlineData("/activity")]
    public async Task FocusRing_OnEveryControlReachedByTab_IsVisibleAtThreeToOne(string path)
    {
        var page = await AliceAsync();
        await page.GotoAsync(path);
        await DashboardHost.WaitInteractiveAsync(page);
        await page.WaitForTimeoutAsync(300);

        var failures = new List<string>();
        var seen = 0;
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            // MudBlazor's fields animate their border into the focus colour.
            await page.WaitForTimeoutAsync(150);
            var ring = await page.EvaluateAsync<string>(FocusRingProbe);
            if (ring == "body")
            {
                break;
            }
            seen++;
            if (!ring.StartsWith("ok", StringComparison.Ordinal))
            {
                failures.Add(ring);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"[focus] {path}: {seen} controls, {failures.Count} without a 3:1 ring");
        Assert.True(seen > 3, $"{path}: only {seen} controls reached by Tab");
        Assert.True(failures.Count == 0, $"{path}: focus ring below 3:1 or missing on\n{string.Join("\n", failures.Distinct())}");
    }

    [Fact]
    public async Task Focus_AfterEachDialogCloses_IsOnASensibleElement()
    {
        var page = await AliceAsync();

        // Cancelled: back on the button that opened it.
        await page.Locator(".ftp-card .delete-button").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#delete-question")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog .mud-button-close").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".ftp-card .delete-button").First).ToBeFocusedAsync();

        // Deleted: the button is gone with its card; focus goes to the page's heading, not the body.
        await page.Locator("#add-ftp").ClickAsync();
        await page.Locator("#add-submit").ClickAsync();
        var login = (await page.Locator("#cred-login").TextContentAsync())!.Trim();
        await page.Locator("#cred-done").ClickAsync();
        // The password was not copied: the dialog asks first (the close guard).
        await page.Locator("#cred-close-anyway").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        Assert.NotEqual("BODY", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));

        await page.Locator($".ftp-card[data-login='{login}'] .delete-button").ClickAsync();
        await page.Locator("#delete-confirm").ClickAsync();
        await Expect(page.Locator($".ftp-card[data-login='{login}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
    }

    // The focused element's ring: its outline (or, for MudBlazor's outlined fields, the drawn border) against the first
    // opaque background behind it. "body" when focus left the page's controls.
    private const string FocusRingProbe = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return 'body';
          const rgb = c => { const m = c.match(/[\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
          const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
            .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
          const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
          const background = node => {
            for (let n = node; n; n = n.parentElement) {
              const c = rgb(getComputedStyle(n).backgroundColor);
              if (c.length < 4 || c[3] > 0.9) return c;
            }
            return [255, 255, 255];
          };
          const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].slice(0, 3).join('.')} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30)}"`;
          const style = getComputedStyle(el);
          let color = null, width = 0;
          if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
            color = rgb(style.outlineColor); width = parseFloat(style.outlineWidth);
          } else {
            const field = el.closest('.mud-input-outlined');
            const border = field && field.querySelector('.mud-input-outlined-border');
            if (border) { const b = getComputedStyle(border); color = rgb(b.borderTopColor); width = parseFloat(b.borderTopWidth); }
          }
          if (!color) return `none: ${name}`;
          const ratio = contrast(color, background(el.parentElement || el));
          return ratio >= 3 && width >= 2 ? `ok ${ratio.toFixed(2)}` : `${ratio.toFixed(2)}:1, ${width}px: ${name}`;
        }
        """;

    [Fact]
    public async Task Accounts_Empty_HasNoViolations()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");
        await page.GotoAsync("/?server=demo&account=admin");
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator("#empty-state")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "accounts-empty");
    }

    [Fact]
    public async Task Support_DomainsOpenAndOutage_HaveNoViolations()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");
        await page.GotoAsync("/support");
        await DashboardHost.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the web domains of alice" }).ClickAsync();
        await Expect(page.Locator(".domain-item, .domains-unknown").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "support-domains-open");

        await host.EmulatorServer.SetOutageAsync(EmulatorOutage.RefuseConnections, TestContext.Current.CancellationToken);
        try
        {
            await page.Locator(".server-card[data-server='demo'] button").First.ClickAsync();
            await Expect(page.Locator(".server-card[data-server='demo'] .server-state")).ToContainTextAsync("Unreachable", new() { Timeout = 30_000 });
            await AssertAccessibleAsync(page, "support-outage");
        }
        finally
        {
            await host.EmulatorServer.SetOutageAsync(EmulatorOutage.None, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Support_FilterWithoutMatch_HasNoViolations()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "support", "Support-Demo-2026");
        await page.GotoAsync("/support");
        await DashboardHost.WaitInteractiveAsync(page);
        await page.Locator(".support-filter-box input").FillAsync("no-such-account-zzz");
        await Expect(page.GetByText("carol")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page, "support-no-match");
    }

    [Theory]
    [InlineData("alice", "Alice-Demo-2026", "/", "accounts-phone-de")]
    [InlineData("alice", "Alice-Demo-2026", "/domains/alice-blog.net", "domain-suspended-phone-de")]
    [InlineData("support", "Support-Demo-2026", "/support", "support-phone-de")]
    [InlineData("alice", "Alice-Demo-2026", "/activity", "activity-phone-de")]
    public async Task Pages_InGermanAtPhoneWidth_HaveNoViolations(string user, string password, string path, string state)
    {
        var page = await host.NewPageAsync(390, 844);
        await DashboardHost.SignInAsync(page, user, password);
        await page.GotoAsync("/culture?culture=de&redirectUri=" + Uri.EscapeDataString(path));
        await DashboardHost.WaitInteractiveAsync(page);
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        await AssertAccessibleAsync(page, state);
    }

    private async Task<IPage> AliceAsync()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        return page;
    }

    private async Task<IPage> CarolAsync()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "carol", "Carol-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Runs axe on the whole page, prints what it found, and fails on any violation or a page without one h1 and a main.</summary>
    private static async Task AssertAccessibleAsync(IPage page, string state)
    {
        // Let MudBlazor's transitions (dialog fade-in, ripples) settle: axe measures colours as painted.
        await page.WaitForTimeoutAsync(400);
        var result = await page.RunAxe(WcagAa);
        var report = new StringBuilder();
        var instances = 0;
        foreach (var violation in result.Violations)
        {
            instances += violation.Nodes.Length;
            report.AppendLine($"{violation.Id} ({violation.Impact}, {violation.Nodes.Length}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(6))
            {
                report.AppendLine($"    {node.Target} :: {Shorten(node.Html)} :: {Shorten(string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message)))}");
            }
        }

        var h1 = await page.Locator("h1").CountAsync();
        var main = await page.Locator("main, [role='main']").CountAsync();
        if (h1 != 1 || main != 1)
        {
            report.AppendLine($"landmarks: {h1} h1, {main} main (want one each)");
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"[axe] {state}: {result.Violations.Length} rules, {instances} instances");
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        await DashboardHost.ScreenshotAsync(page, "a11y-" + state);
        Assert.True(report.Length == 0, $"{state}: {instances} axe violations\n{report}");
    }

    private static string Shorten(string? text)
    {
        var flat = (text ?? "").ReplaceLineEndings(" ");
        return flat.Length <= 220 ? flat : flat[..220] + "…";
    }
}
