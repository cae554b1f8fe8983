using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class ReaderTimeZoneScopeTests : DashboardTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 5, 0, TimeSpan.Zero);

    private IRenderedComponent<ReaderTimeZoneScope> RenderScope() =>
        Render<ReaderTimeZoneScope>(p => p.Add(s => s.ChildContent, (RenderFragment)(b =>
        {
            b.OpenComponent<ZoneProbe>(0);
            b.CloseComponent();
        })));

    [Fact]
    public void Render_WhenTheBrowserNamesItsZone_ChildrenShowThatZone()
    {
        JSInterop.Setup<string?>("hestiaFtp.timeZone").SetResult("Europe/Berlin");

        var cut = RenderScope();

        cut.WaitForAssertion(() => Assert.Equal("Europe/Berlin 13:05", cut.Find("#probe").TextContent));
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.timeZone");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Not/AZone")]
    public void Render_WithoutAKnownZone_StaysInUtc(string? answer)
    {
        JSInterop.Setup<string?>("hestiaFtp.timeZone").SetResult(answer);

        var cut = RenderScope();

        Assert.Equal("UTC 12:05", cut.Find("#probe").TextContent);
    }

    private sealed class ZoneProbe : ComponentBase
    {
        [CascadingParameter] public ReaderZone Zone { get; set; } = ReaderZone.Utc;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "id", "probe");
            builder.AddContent(2, $"{Zone.Name} {Zone.Convert(At):HH:mm}");
            builder.CloseElement();
        }
    }
}
