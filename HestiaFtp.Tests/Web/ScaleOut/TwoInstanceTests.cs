using System.Net;
using HestiaFtp.Tests.Web.E2E;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>
/// Two dashboard processes behind one Redis and one PostgreSQL (<see cref="FeedOnlyInstances"/>: polling is an hour
/// apart, so what reaches a page came through the change feed): pages on B follow changes made through A, a cookie and
/// its end are shared, sign-in limits count both, mutations never overlap at HestiaCP, and a Redis outage shows on B.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TwoInstanceTests(FeedOnlyInstances two) : IClassFixture<FeedOnlyInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangeThroughA_ReachesTheOpenPageOnB()
    {
        two.Require();
        var onB = await two.NewPageAsync(two.Cluster.B);
        await TwoInstances.SignInAsync(onB, "carol", "Carol-Demo-2026");
        await onB.GotoAsync("/domains/bakery-lumiere.fr");
        await DashboardHost.WaitInteractiveAsync(onB);
        await Expect(onB.Locator(".ftp-card")).ToHaveCountAsync(1);
        var onA = await two.NewPageAsync(two.Cluster.A);
        await TwoInstances.SignInAsync(onA, "carol", "Carol-Demo-2026");

        var login = await AddFtpAccountAsync(onA, "bakery-lumiere.fr");

        await Expect(onB.Locator($".ftp-card[data-login='{login}']")).ToBeVisibleAsync();
        await Expect(onB.Locator(".ftp-card")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task CookieIssuedByA_AcceptedByB_AndSignOutOnAEndsItOnB()
    {
        two.Require();
        using var jar = new HttpJar("203.0.113.21");
        var signIn = await jar.SignInAsync(two.Cluster.A.BaseUrl, "alice", "Alice-Demo-2026");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(jar.Cookies.ContainsKey(HttpJar.AuthCookie));

        Assert.Equal(HttpStatusCode.OK, (await jar.GetAsync(two.Cluster.B.BaseUrl + "/")).StatusCode);
        var copied = jar.Cookies[HttpJar.AuthCookie];
        var signOut = await jar.PostFormAsync(two.Cluster.A.BaseUrl + "/signout",
            new() { ["__RequestVerificationToken"] = await jar.TokenAsync(two.Cluster.A.BaseUrl) });
        Assert.Equal("/signin?reason=signedout", signOut.Headers.Location?.OriginalString);

        using var replay = new HttpJar("203.0.113.21");
        replay.Cookies[HttpJar.AuthCookie] = copied;
        var onB = await replay.GetAsync(two.Cluster.B.BaseUrl + "/");
        Assert.Equal(HttpStatusCode.Redirect, onB.StatusCode);
        Assert.Contains("/signin", onB.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInLimits_FailuresOnAAndBTogether_RefuseTheNextAttemptOnBoth()
    {
        two.Require();
        using var jar = new HttpJar("203.0.113.22");
        // Four failures in all (the limit per account and per address), alternating between the instances.
        for (var i = 0; i < 4; i++)
        {
            var instance = i % 2 == 0 ? two.Cluster.A : two.Cluster.B;
            var failed = await jar.SignInAsync(instance.BaseUrl, "support", "Wrong-Password-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.DoesNotContain("Too many failed sign-ins", await failed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        foreach (var instance in new[] { two.Cluster.A, two.Cluster.B })
        {
            var refused = await jar.SignInAsync(instance.BaseUrl, "support", "Support-Demo-2026");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Too many failed sign-ins", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.False(jar.Cookies.ContainsKey(HttpJar.AuthCookie));
        }
    }

    [Fact]
    public async Task MutationsOnAAndBAtOnce_NeverOverlapAtHestia()
    {
        two.Require();
        var onA = await two.NewPageAsync(two.Cluster.A);
        var onB = await two.NewPageAsync(two.Cluster.B);
        await TwoInstances.SignInAsync(onA, "alice", "Alice-Demo-2026");
        await TwoInstances.SignInAsync(onB, "alice", "Alice-Demo-2026");
        // Each script "runs" 400 ms at the panel: without the shared lock, the two instances' adds would overlap there.
        two.Cluster.Emulator.Control.SetLatency(TimeSpan.FromMilliseconds(400), TimeSpan.Zero);
        two.Cluster.Emulator.Calls.Reset();
        try
        {
            await Task.WhenAll(AddSeveralAsync(onA, "alice-shop.com"), AddSeveralAsync(onB, "alice-dev.org"));
        }
        finally
        {
            two.Cluster.Emulator.Control.SetLatency(TimeSpan.Zero, TimeSpan.Zero);
        }

        Assert.Equal(6, two.Cluster.Emulator.Calls.Mutations);
        Assert.Equal(0, two.Cluster.Emulator.Calls.OverlappingMutations);

        static async Task AddSeveralAsync(IPage page, string domain)
        {
            for (var i = 0; i < 3; i++)
            {
                await AddFtpAccountAsync(page, domain);
            }
        }
    }

    [Fact]
    public async Task RedisDown_BSaysLiveUpdatesAreDegraded_AndClearsWhenItIsBack()
    {
        two.Require();
        var onB = await two.NewPageAsync(two.Cluster.B);
        await TwoInstances.SignInAsync(onB, "carol", "Carol-Demo-2026");
        await Expect(onB.Locator("#degraded-banner")).ToHaveCountAsync(0);

        await two.Redis.KillAsync();
        try
        {
            await Expect(onB.Locator("#degraded-banner")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            // The page keeps working on the instance's own data.
            await onB.GotoAsync("/domains/bakery-lumiere.fr");
            await DashboardHost.WaitInteractiveAsync(onB);
            await Expect(onB.Locator(".ftp-card").First).ToBeVisibleAsync();
        }
        finally
        {
            await two.Redis.StartAsync();
        }

        await Expect(onB.Locator("#degraded-banner")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
    }

    /// <summary>Quick add on <paramref name="domain"/> through the page's dialog; returns the generated login.</summary>
    private static async Task<string> AddFtpAccountAsync(IPage page, string domain)
    {
        await page.GotoAsync("/");
        await DashboardHost.WaitInteractiveAsync(page);
        await page.Locator("#add-ftp").ClickAsync();
        await page.Locator($".mud-dialog label:has-text('{domain}')").ClickAsync();
        await page.Locator("#add-submit").ClickAsync();
        var login = (await page.Locator("#cred-login").TextContentAsync())!.Trim();
        await page.Locator("#cred-done").ClickAsync();
        await page.Locator("#cred-close-anyway").ClickAsync();
        await Expect(page.Locator("#cred-login")).ToHaveCountAsync(0);
        return login;
    }
}
