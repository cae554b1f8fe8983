using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class FtpAccountRowTests : DashboardTestContext
{
    private static readonly FtpAccountCardModel Active = new()
    {
        Login = "alice_web",
        Domain = "example.com",
        SiteUrl = "https://example.com/",
        Ip = "203.0.113.10",
        Folder = "/public_html",
        AbsoluteFolder = "/home/alice/web/example.com/public_html",
        AdvancedUrl = "/domains/example.com",
        Status = FtpAccountCardStatus.Active,
    };

    private readonly List<string> _edits = [];
    private readonly List<string> _deletes = [];

    private string T(string key) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key];

    private IRenderedComponent<FtpAccountRow> RenderRow(FtpAccountCardModel? model = null) =>
        Render<FtpAccountRow>(p => p
            .Add(c => c.Model, model ?? Active)
            .Add(c => c.OnEdit, login => _edits.Add(login))
            .Add(c => c.OnDelete, login => _deletes.Add(login)));

    [Fact]
    public void Render_ShowsLoginDomainIpFolderAndStatus()
    {
        var cut = RenderRow();

        Assert.Equal("alice_web", cut.Find(".login-cell").TextContent.Trim());
        Assert.Equal("example.com", cut.Find(".domain-cell a").TextContent.Trim());
        Assert.Equal("203.0.113.10", cut.Find(".ip-cell").TextContent.Trim());
        Assert.Equal("/public_html", cut.Find(".folder-cell").TextContent.Trim());
        Assert.Equal("/home/alice/web/example.com/public_html", cut.Find(".folder-cell").GetAttribute("title"));
        Assert.Equal(T("Card.Active"), cut.Find(".status-cell").TextContent.Trim());
    }

    [Fact]
    public void EditAndDelete_Click_RaiseTheLogin()
    {
        var cut = RenderRow();

        cut.Find(".edit-button").Click();
        cut.Find(".delete-button").Click();

        Assert.Equal(["alice_web"], _edits);
        Assert.Equal(["alice_web"], _deletes);
    }

    [Fact]
    public void Render_WhenEditBlocked_DisablesEditWithTheReasonKeepsDelete()
    {
        var cut = RenderRow(Active with { Status = FtpAccountCardStatus.DomainSuspended, EditDisabledReason = "domain suspended" });

        Assert.True(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.Equal("domain suspended", cut.Find(".edit-button").GetAttribute("title"));
        Assert.False(cut.Find(".delete-button").HasAttribute("disabled"));
        Assert.Equal(T("Card.Suspended"), cut.Find(".status-cell").TextContent.Trim());
    }

    [Fact]
    public void Render_ReadOnly_HasNoActions()
    {
        var cut = RenderRow(Active with { ReadOnly = true });

        Assert.Empty(cut.FindAll("button"));
        Assert.Empty(cut.FindAll(".actions-cell"));
    }

    [Fact]
    public void SetParameters_WithAnEqualModel_DoesNotRenderAgain()
    {
        var cut = RenderRow();

        cut.Render(p => p.Add(c => c.Model, Active with { }));
        Assert.Equal(1, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Model, Active with { Ip = "198.51.100.7" }));
        Assert.Equal(2, cut.RenderCount);
        Assert.Equal("198.51.100.7", cut.Find(".ip-cell").TextContent.Trim());
    }

    [Fact]
    public void Render_PanelValuesWithMarkup_AreShownAsTextNotMarkup()
    {
        // The row's cells are one markup text built from the model: every value HestiaCP returned must be encoded.
        var cut = RenderRow(Active with { Login = "x<b id=\"injected\">y</b>", Ip = "<img id=\"injected-img\">", AbsoluteFolder = "/\" onclick=\"alert(1)" });

        Assert.Empty(cut.FindAll("#injected, #injected-img, [onclick]"));
        Assert.Equal("x<b id=\"injected\">y</b>", cut.Find(".login-cell").TextContent.Trim());
        Assert.Equal("<img id=\"injected-img\">", cut.Find(".ip-cell").TextContent.Trim());
        Assert.Equal("/\" onclick=\"alert(1)", cut.Find(".folder-cell").GetAttribute("title"));
    }
}
