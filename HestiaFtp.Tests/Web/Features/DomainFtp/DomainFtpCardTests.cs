using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.DomainFtp;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Features.DomainFtp;

public sealed class DomainFtpCardTests : DashboardTestContext
{
    private static readonly DomainFtpCardModel Uploads = new()
    {
        Login = "alice_web",
        Domain = "example.com",
        Folder = "/public_html/uploads",
        AbsoluteFolder = "/home/alice/web/example.com/public_html/uploads",
    };

    private readonly List<string> _edits = [];
    private readonly List<string> _deletes = [];

    private IRenderedComponent<DomainFtpCard> RenderCard(DomainFtpCardModel? model = null) =>
        Render<DomainFtpCard>(p => p
            .Add(x => x.Model, model ?? Uploads)
            .Add(x => x.OnEdit, login => _edits.Add(login))
            .Add(x => x.OnDelete, login => _deletes.Add(login)));

    [Fact]
    public void Render_ShowsLoginDomainRelativeAndAbsoluteFolder()
    {
        var cut = RenderCard();

        Assert.Equal("alice_web", cut.Find(".login-text").TextContent);
        Assert.Equal("example.com", cut.Find(".card-domain").TextContent);
        // Like the accounts page's cards: relative to the domain first, the absolute path as secondary text.
        Assert.Equal("/public_html/uploads", cut.Find(".card-folder .folder-text").TextContent);
        Assert.Equal("/home/alice/web/example.com/public_html/uploads", cut.Find(".card-folder .folder-absolute").TextContent);
        Assert.Empty(cut.FindAll(".card-root-hint"));
    }

    [Fact]
    public void Render_AtDomainRoot_ShowsDomainFolderAndHint()
    {
        var cut = RenderCard(Uploads with { Folder = "", AbsoluteFolder = "/home/alice/web/example.com" });

        Assert.Equal("/", cut.Find(".card-folder .folder-text").TextContent);
        Assert.Equal("/home/alice/web/example.com", cut.Find(".card-folder .folder-absolute").TextContent);
        Assert.Single(cut.FindAll(".card-root-hint"));
    }

    [Fact]
    public void Buttons_WhenClicked_RaiseEditAndDeleteWithTheLogin()
    {
        var cut = RenderCard();

        cut.Find(".edit-button").Click();
        cut.Find(".delete-button").Click();

        Assert.Equal(["alice_web"], _edits);
        Assert.Equal(["alice_web"], _deletes);
        Assert.Equal("Edit alice_web", cut.Find(".edit-button").GetAttribute("aria-label"));
        Assert.Equal("button", cut.Find(".edit-button").GetAttribute("type"));
    }

    [Fact]
    public void Render_ReadOnly_HasNoEditOrDelete()
    {
        var cut = RenderCard(Uploads with { ReadOnly = true, EditDisabledReason = "suspended" });

        Assert.Empty(cut.FindAll(".edit-button"));
        Assert.Empty(cut.FindAll(".delete-button"));
        Assert.Empty(cut.FindAll(".disabled-reason"));
    }

    [Fact]
    public void Render_WithReasons_DisablesButtonsAndShowsEachReasonForItsButton()
    {
        var cut = RenderCard(Uploads with { EditDisabledReason = "suspended", DeleteDisabledReason = "unreachable" });

        var edit = cut.Find(".edit-button");
        var delete = cut.Find(".delete-button");
        Assert.True(edit.HasAttribute("disabled"));
        Assert.True(delete.HasAttribute("disabled"));
        Assert.Equal("suspended", cut.Find($"#{edit.GetAttribute("aria-describedby")}").TextContent);
        Assert.Equal("unreachable", cut.Find($"#{delete.GetAttribute("aria-describedby")}").TextContent);
        Assert.Equal(["suspended", "unreachable"], cut.FindAll(".disabled-reason").Select(r => r.TextContent));
    }

    [Fact]
    public void Render_WhenNothingDisabled_DescribesEditByItsHint()
    {
        var cut = RenderCard();

        Assert.Empty(cut.FindAll(".disabled-reason"));
        Assert.Null(cut.Find(".delete-button").GetAttribute("aria-describedby"));
        var hint = cut.Find($"#{cut.Find(".edit-button").GetAttribute("aria-describedby")}");
        Assert.Contains("sr-only", hint.ClassList);
        Assert.False(string.IsNullOrWhiteSpace(hint.TextContent));
    }

    [Fact]
    public void Render_Highlighted_HasChangedClass()
    {
        Assert.Contains("changed", RenderCard(Uploads with { Highlight = true }).Find(".domain-ftp-card").ClassList);
        Assert.DoesNotContain("changed", RenderCard().Find(".domain-ftp-card").ClassList);
    }

    [Fact]
    public void Render_IsOneComponentWithHiddenInlineIcons()
    {
        var cut = RenderCard();

        Assert.Empty(cut.FindComponents<IComponent>());
        Assert.All(cut.FindAll("svg"), i => Assert.Equal("true", i.GetAttribute("aria-hidden")));
    }

    [Theory]
    [InlineData("Card.CopyLogin", "alice_web")]
    [InlineData("DomainFtp.CopyFolder", "/home/alice/web/example.com/public_html/uploads")]
    public void Copy_Click_CopiesTheRightText(string labelKey, string expected)
    {
        var cut = RenderCard();
        var label = Services.GetRequiredService<IStringLocalizer<Strings>>()[labelKey].Value;

        cut.Find($"button.copy-button[aria-label='{label}']").Click();

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.copy");
        Assert.Equal(expected, call.Arguments[0]);
    }

    [Fact]
    public void Render_WithAnEqualModel_DoesNotRenderAgain_AndWithAChangedOneDoes()
    {
        var cut = RenderCard();

        cut.Render(p => p.Add(x => x.Model, Uploads with { }).Add(x => x.OnEdit, _ => { }));
        Assert.Equal(1, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Model, Uploads with { Folder = "", AbsoluteFolder = "/home/alice/web/example.com" }));
        Assert.Equal(2, cut.RenderCount);
        Assert.Single(cut.FindAll(".card-root-hint"));
    }
}
