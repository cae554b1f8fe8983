using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

/// <summary>The accounts page with ends: countdowns on one minute timer, "ending soon", selection for bulk actions.</summary>
public sealed class FtpAccountsPageEndsTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 5, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    public FtpAccountsPageEndsTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", ssl: true, accounts: [("alice_web", "/public_html"), ("alice_logs", "")]));
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("other.org", accounts: ("alice_other", "")));
        RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private async Task<IRenderedComponent<FtpAccountsPage>> RenderWithEndsAsync()
    {
        await Expiries.AddAsync("alice", "example.com", "alice_web", Now.AddHours(5));
        await Expiries.AddAsync("alice", "example.com", "alice_logs", Now.AddDays(20).AddMinutes(30));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/");
        var cut = Render<FtpAccountsPage>();
        cut.WaitForElement(".ftp-card[data-login='alice_web'] .countdown");
        return cut;
    }

    private static IRenderedComponent<FtpAccountCard> Card(IRenderedComponent<FtpAccountsPage> cut, string login) =>
        cut.FindComponents<FtpAccountCard>().Single(c => c.Instance.Model.Login == login);

    [Fact]
    public async Task Cards_ShowEndAndCountdown_SoonOneHighlighted()
    {
        var cut = await RenderWithEndsAsync();

        Assert.Equal("in 5 h 0 min", cut.Find(".ftp-card[data-login='alice_web'] .countdown").TextContent);
        Assert.Contains("ending-soon", cut.Find(".ftp-card[data-login='alice_web']").ClassName);
        Assert.Equal("in 20 d 0 h", cut.Find(".ftp-card[data-login='alice_logs'] .countdown").TextContent);
        Assert.DoesNotContain("ending-soon", cut.Find(".ftp-card[data-login='alice_logs']").ClassName);
        Assert.Empty(cut.FindAll(".ftp-card[data-login='alice_other'] .countdown"));
    }

    [Fact]
    public async Task MinuteTick_RerendersOnlyTheCardWhoseCountdownMoved()
    {
        var cut = await RenderWithEndsAsync();
        var renders = new[] { "alice_web", "alice_logs", "alice_other" }.ToDictionary(l => l, l => Card(cut, l).RenderCount);

        _time.Advance(TimeSpan.FromMinutes(1));

        cut.WaitForAssertion(() => Assert.Equal("in 4 h 59 min", cut.Find(".ftp-card[data-login='alice_web'] .countdown").TextContent));
        Assert.Equal(renders["alice_web"] + 1, Card(cut, "alice_web").RenderCount);
        Assert.Equal(renders["alice_logs"], Card(cut, "alice_logs").RenderCount);
        Assert.Equal(renders["alice_other"], Card(cut, "alice_other").RenderCount);
    }

    [Fact]
    public async Task EndPassed_CardSaysRemovalPendingAndTheLoginStillWorks()
    {
        var cut = await RenderWithEndsAsync();

        _time.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(1));

        cut.WaitForAssertion(() => Assert.Equal(T("End.Pending"), cut.Find(".ftp-card[data-login='alice_web'] .countdown").TextContent));
    }

    [Fact]
    public async Task EndingSoonFilter_ShowsOnlyThoseEndingWithin24Hours()
    {
        var cut = await RenderWithEndsAsync();

        Assert.Equal(T("End.Filter", 1), cut.Find("#ending-soon").TextContent.Trim());
        cut.Find("#ending-soon").Click();

        Assert.Equal(["alice_web"], cut.FindAll(".ftp-card").Select(e => e.GetAttribute("data-login")));
        Assert.Equal("true", cut.Find("#ending-soon").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task SelectAllMatching_TicksTheFilteredAccounts_AndShowsTheBulkActions()
    {
        var cut = await RenderWithEndsAsync();
        Assert.Empty(cut.FindAll("#bulk-delete"));

        cut.Find("#ending-soon").Click();
        cut.Find("#select-all").Change(true);

        Assert.Equal(T("Bulk.Selected.One", 1), cut.Find("#selected-count").TextContent);
        Assert.True(cut.Find(".ftp-card[data-login='alice_web'] .select-box").HasAttribute("checked"));
        Assert.NotNull(cut.Find("#bulk-delete"));
        cut.Find("#ending-soon").Click();
        Assert.False(cut.Find(".ftp-card[data-login='alice_logs'] .select-box").HasAttribute("checked"));
    }

    [Fact]
    public async Task EndSetInAnotherTab_CardShowsItWithoutReload()
    {
        var cut = await RenderWithEndsAsync();
        Assert.Empty(cut.FindAll(".ftp-card[data-login='alice_other'] .countdown"));

        await Expiries.AddAsync("alice", "other.org", "alice_other", Now.AddMinutes(42));

        cut.WaitForAssertion(() => Assert.Equal("in 42 min", cut.Find(".ftp-card[data-login='alice_other'] .countdown").TextContent));
    }
}
