using System.Globalization;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The flow tests' matrix: English and German, at desktop (1366×800) and phone (390×844) width. A flow signs in the way a
/// person does (the sign-in page's language link sets the culture cookie) and compares what it reads with the app's own
/// resources in that language.
/// </summary>
internal sealed record FlowMatrix(string Culture, string Viewport)
{
    public static TheoryData<string, string> All => new()
    {
        { "en", "desktop" },
        { "en", "phone" },
        { "de", "desktop" },
        { "de", "phone" },
    };

    public bool IsPhone => Viewport == "phone";

    /// <summary>Short and unique per combination, for hosting user names: "en" + "d" → "end".</summary>
    public string Tag => Culture + Viewport[0];

    /// <summary>Names a screenshot and axe state: <c>GROUP-CULTURE-VIEWPORT-STEP</c>.</summary>
    public string State(string group, string step) => $"{group}-{Culture}-{Viewport}-{step}";

    /// <summary>A new browser context (own cookies) at this combination's width.</summary>
    public async Task<IPage> NewPageAsync(DashboardHost host)
    {
        var page = IsPhone ? await host.NewPageAsync(390, 844) : await host.NewPageAsync(1366, 800);
        // The copy buttons write to the clipboard; the flow reads it back.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseUrl });
        return page;
    }

    /// <summary>
    /// Opens the sign-in page, switches it to this language with its own language link (German only; English is the default
    /// a new browser gets), signs in and waits until the dashboard's circuit is interactive.
    /// </summary>
    public async Task SignInAsync(DashboardHost host, IPage page, string user, string password, string? axeState = null)
    {
        await OpenSignInAsync(host, page);
        if (axeState is not null)
        {
            await Axe.AssertAccessibleAsync(page, axeState);
        }
        await page.Locator("#signin-user").FillAsync(user);
        await page.Locator("#signin-password").FillAsync(password);
        await page.Locator("#signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await DashboardHost.WaitInteractiveAsync(page);
    }

    /// <summary>The sign-in page in this language, reloaded in it when the language link was used.</summary>
    public async Task OpenSignInAsync(DashboardHost host, IPage page)
    {
        await page.GotoAsync("/signin");
        // A browser already in this language (its culture cookie set by an earlier step) needs no switch; otherwise the link
        // reloads the page in the language, and the title in that language tells the reload has finished (typing before it
        // would go into the page being left).
        var lang = await page.Locator("html").GetAttributeAsync("lang") ?? "";
        if (Culture != "en" && !lang.StartsWith(Culture, StringComparison.OrdinalIgnoreCase))
        {
            await page.Locator($".signin-lang a[lang='{Culture}']").ClickAsync();
        }
        await Expect(page.Locator("#signin-title")).ToHaveTextAsync(Text(host, "SignIn.Title"));
    }

    /// <summary>Opens a dashboard path and waits for its circuit.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await DashboardHost.WaitInteractiveAsync(page);
    }

    /// <summary>The app's text for <paramref name="key"/> in this language, formatted like the page formats it.</summary>
    public string Text(DashboardHost host, string key, params object[] args)
    {
        var localizer = host.Services.GetRequiredService<IStringLocalizer<Strings>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(Culture);
        try
        {
            var text = localizer[key, args];
            Assert.False(text.ResourceNotFound, $"no resource {key}");
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>A hosting user of its own for one test row (demo data is per host, shared by the rows of a class).</summary>
    public static void AddCustomer(DashboardHost host, string user, string password, params string[] domains)
    {
        host.Emulator.Control.AddUser(user, password, fields: new Dictionary<string, string> { ["NAME"] = "Flow " + user, ["CONTACT"] = $"{user}@example.net" });
        foreach (var domain in domains)
        {
            host.Emulator.Control.AddWebDomain(user, domain, ip: "203.0.113.30");
        }
    }
}
