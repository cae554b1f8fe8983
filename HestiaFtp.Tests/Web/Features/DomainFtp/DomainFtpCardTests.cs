using Bunit;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.DomainFtp;

namespace HestiaFtp.Tests.Web.Features.DomainFtp;

public sealed class DomainFtpCardTests : DashboardTestContext
{
    private int _edits;
    private int _deletes;

    private IRenderedComponent<DomainFtpCard> RenderCard(
        string path = "/public_html/uploads", bool readOnly = false, bool highlight = false, string? editReason = null, string? deleteReason = null) =>
        Render<DomainFtpCard>(p => p
            .Add(x => x.Account, new FtpAccount("alice_web", "example.com", path))
            .Add(x => x.Owner, "alice")
            .Add(x => x.ReadOnly, readOnly)
            .Add(x => x.Highlight, highlight)
            .Add(x => x.EditDisabledReason, editReason)
            .Add(x => x.DeleteDisabledReason, deleteReason)
            .Add(x => x.OnEdit, () => _edits++)
            .Add(x => x.OnDelete, () => _deletes++));

    [Fact]
    public void Render_ShowsLoginDomainAndAbsoluteFolder()
    {
        var cut = RenderCard();

        Assert.Equal("alice_web", cut.Find(".login-text").TextContent);
        Assert.Equal("example.com", cut.Find(".card-domain").TextContent);
        Assert.Equal("/home/alice/web/example.com/public_html/uploads", cut.Find(".card-folder").TextContent);
        Assert.Empty(cut.FindAll(".card-root-hint"));
    }

    [Fact]
    public void Render_AtDomainRoot_ShowsDomainFolderAndHint()
    {
        var cut = RenderCard(path: "");

        Assert.Equal("/home/alice/web/example.com", cut.Find(".card-folder").TextContent);
        Assert.Single(cut.FindAll(".card-root-hint"));
    }

    [Fact]
    public void Buttons_WhenClicked_RaiseEditAndDelete()
    {
        var cut = RenderCard();

        cut.Find(".edit-button").Click();
        cut.Find(".delete-button").Click();

        Assert.Equal((1, 1), (_edits, _deletes));
        Assert.Equal("Edit alice_web", cut.Find(".edit-button").GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_ReadOnly_HasNoEditOrDelete()
    {
        var cut = RenderCard(readOnly: true);

        Assert.Empty(cut.FindAll(".edit-button"));
        Assert.Empty(cut.FindAll(".delete-button"));
    }

    [Fact]
    public void Render_WithReasons_DisablesButtons()
    {
        var cut = RenderCard(editReason: "suspended", deleteReason: "unreachable");

        Assert.True(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.True(cut.Find(".delete-button").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_Highlighted_HasChangedClass()
    {
        Assert.Contains("changed", RenderCard(highlight: true).Find(".domain-ftp-card").ClassList);
        Assert.DoesNotContain("changed", RenderCard(highlight: false).Find(".domain-ftp-card").ClassList);
    }
}
