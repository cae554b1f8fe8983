using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.DomainFtp;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Features.DomainFtp;

/// <summary>The domain page's cards show ends as the accounts page's do: end, countdown on one minute timer, "ending soon".</summary>
public sealed class DomainFtpEndsTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 5, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    public DomainFtpEndsTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", ssl: true, accounts: [("alice_web", "/public_html"), ("alice_logs", ""), ("alice_dev", "/dev")]));
        RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private async Task<IRenderedComponent<DomainFtpPage>> RenderWithEndsAsync()
    {
        await Expiries.AddAsync("alice", "example.com", "alice_web", Now.AddHours(5));
        await Expiries.AddAsync("alice", "example.com", "alice_logs", Now.AddDays(20).AddMinutes(30));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/domains/example.com");
        var cut = Render<DomainFtpPage>(p => p.Add(x => x.Domain, "example.com"));
        cut.WaitForElement(".ftp-card[data-login='alice_web'] .countdown");
        return cut;
    }

    private static IRenderedComponent<DomainFtpCard> Card(IRenderedComponent<DomainFtpPage> cut, string login) =>
        cut.FindComponents<DomainFtpCard>().Single(c => c.Instance.Model.Login == login);

    [Fact]
    public async Task Cards_ShowEndAndCountdown_SoonOneHighlighted()
    {
        var cut = await RenderWithEndsAsync();

        Assert.Equal("in 5 h 0 min", cut.Find(".ftp-card[data-login='alice_web'] .countdown").TextContent);
        Assert.StartsWith(T("End.At", "").Trim(), cut.Find(".ftp-card[data-login='alice_web'] .end-text").TextContent, StringComparison.Ordinal);
        Assert.Contains("ending-soon", cut.Find(".ftp-card[data-login='alice_web']").ClassName);
        Assert.Equal("in 20 d 0 h", cut.Find(".ftp-card[data-login='alice_logs'] .countdown").TextContent);
        Assert.DoesNotContain("ending-soon", cut.Find(".ftp-card[data-login='alice_logs']").ClassName);
        Assert.Empty(cut.FindAll(".ftp-card[data-login='alice_dev'] .end-row"));
        // The end row's icon comes from the sprite, which the page must carry.
        Assert.Single(cut.FindAll("svg.icon-sprite symbol#icon-end"));
    }

    [Fact]
    public async Task MinuteTick_RerendersOnlyTheCardWhoseCountdownMoved()
    {
        var cut = await RenderWithEndsAsync();
        var renders = new[] { "alice_web", "alice_logs", "alice_dev" }.ToDictionary(l => l, l => Card(cut, l).RenderCount);

        _time.Advance(TimeSpan.FromMinutes(1));

        cut.WaitForAssertion(() => Assert.Equal("in 4 h 59 min", cut.Find(".ftp-card[data-login='alice_web'] .countdown").TextContent));
        Assert.Equal(renders["alice_web"] + 1, Card(cut, "alice_web").RenderCount);
        Assert.Equal(renders["alice_logs"], Card(cut, "alice_logs").RenderCount);
        Assert.Equal(renders["alice_dev"], Card(cut, "alice_dev").RenderCount);
    }

    [Fact]
    public async Task EndPassed_CardSaysRemovalPendingAndTheLoginStillWorks()
    {
        var cut = await RenderWithEndsAsync();

        _time.Advance(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(1));

        cut.WaitForAssertion(() => Assert.Equal(T("End.Pending"), cut.Find(".ftp-card[data-login='alice_web'] .countdown").TextContent));
        Assert.Contains("ending-soon", cut.Find(".ftp-card[data-login='alice_web']").ClassName);
    }

    [Fact]
    public async Task EndSetInAnotherTab_CardShowsItWithoutReload()
    {
        var cut = await RenderWithEndsAsync();

        await Expiries.AddAsync("alice", "example.com", "alice_dev", Now.AddMinutes(42));

        cut.WaitForAssertion(() => Assert.Equal("in 42 min", cut.Find(".ftp-card[data-login='alice_dev'] .countdown").TextContent));
        Assert.Contains("ending-soon", cut.Find(".ftp-card[data-login='alice_dev']").ClassName);
    }
}
