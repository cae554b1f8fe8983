using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The policy is enforced in the browser, and the suite's listener sees a violation: what the other browser tests rely on
/// when they assert none after each test.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(DashboardHost host) : IClassFixture<DashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [Fact]
    public async Task InjectedInlineScript_IsBlockedAndReported()
    {
        var page = await host.NewPageAsync();
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");

        var ran = await page.EvaluateAsync<bool>("""
            () => new Promise(resolve => {
              document.addEventListener('securitypolicyviolation', () => resolve(window.__injected === true), { once: true });
              const s = document.createElement('script');
              s.textContent = 'window.__injected = true';
              document.head.appendChild(s);
            })
            """);

        Assert.False(ran);
        var violation = Assert.Single(host.TakeCspViolations(), v => !v.StartsWith("console:", StringComparison.Ordinal));
        Assert.StartsWith("script-src-elem blocked inline", violation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Framing_EvenBySameOrigin_IsRefused()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/signin");
        await Expect(page.Locator("#signin-submit")).ToBeVisibleAsync();

        var framed = await page.EvaluateAsync<bool>("""
            () => new Promise(resolve => {
              const frame = document.createElement('iframe');
              frame.src = '/signin';
              frame.onload = () => { let readable = false; try { readable = !!frame.contentDocument?.getElementById('signin-submit'); } catch { } resolve(readable); };
              document.body.appendChild(frame);
            })
            """);

        Assert.False(framed);
        Assert.Contains(host.TakeCspViolations(), v => v.StartsWith("console: Framing", StringComparison.Ordinal)
            && v.Contains("frame-ancestors 'none'", StringComparison.Ordinal));
    }
}
