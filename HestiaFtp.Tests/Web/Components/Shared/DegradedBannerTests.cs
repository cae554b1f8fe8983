using System.Globalization;
using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Layout;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class DegradedBannerTests : DashboardTestContext
{
    [Fact]
    public void Render_NotDegraded_ShowsNothing()
    {
        var cut = Render<DegradedBanner>(p => p.Add(x => x.Degraded, false));

        Assert.Empty(cut.FindAll("#degraded-banner"));
    }

    [Theory]
    [InlineData("en", "Live updates are degraded.")]
    [InlineData("de", "Live-Aktualisierungen sind eingeschränkt.")]
    public void Render_Degraded_SaysSoAsAStatus(string culture, string title)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);

        var cut = Render<DegradedBanner>(p => p.Add(x => x.Degraded, true));

        var banner = cut.Find("#degraded-banner");
        Assert.Equal("status", banner.GetAttribute("role"));
        Assert.Equal(title, banner.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public void MainLayout_WhenScaleOutBecomesDegradedAndRecovers_ShowsThenHidesTheBanner()
    {
        var status = new SwitchableStatus();
        Services.AddSingleton<IScaleOutStatus>(status);
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        Assert.Empty(cut.FindAll("#degraded-banner"));

        status.Set(true);
        Assert.Single(cut.FindAll("#degraded-banner"));

        status.Set(false);
        Assert.Empty(cut.FindAll("#degraded-banner"));
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }

    private sealed class SwitchableStatus : IScaleOutStatus
    {
        public bool Degraded { get; private set; }

        public event Action? Changed;

        public void Set(bool degraded)
        {
            Degraded = degraded;
            Changed?.Invoke();
        }
    }
}
