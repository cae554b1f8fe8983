using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class FtpAccountCardTests : DashboardTestContext
{
    private static readonly FtpAccountCardModel Active = new()
    {
        Login = "alice_web",
        Domain = "example.com",
        SiteUrl = "https://example.com/",
        Ip = "203.0.113.10",
        Folder = "/public_html",
        AbsoluteFolder = "/home/alice/web/example.com/public_html",
        AdvancedUrl = "/domains/example.com?server=demo&account=alice",
        Status = FtpAccountCardStatus.Active,
    };

    private readonly List<string> _edits = [];
    private readonly List<string> _deletes = [];

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private IRenderedComponent<FtpAccountCard> RenderCard(FtpAccountCardModel? model = null) =>
        Render<FtpAccountCard>(p => p
            .Add(c => c.Model, model ?? Active)
            .Add(c => c.OnEdit, login => _edits.Add(login))
            .Add(c => c.OnDelete, login => _deletes.Add(login)));

    [Fact]
    public void Render_ShowsLoginDomainSiteIpAndFolder()
    {
        var cut = RenderCard();

        Assert.Equal("alice_web", cut.Find(".login-text").TextContent);
        Assert.Equal("alice_web", cut.Find(".ftp-card").GetAttribute("data-login"));
        Assert.Equal("example.com", cut.Find(".ftp-card strong").TextContent);
        Assert.Equal("203.0.113.10", cut.Find(".meta-row .mono").TextContent);
        Assert.Equal("/public_html", cut.Find(".folder-text").TextContent);
        Assert.Equal("/home/alice/web/example.com/public_html", cut.Find(".folder-absolute").TextContent);
        var site = cut.Find("a.site-link");
        Assert.Equal("https://example.com/", site.GetAttribute("href"));
        Assert.Equal("https://example.com/", site.TextContent);
        Assert.Equal("_blank", site.GetAttribute("target"));
        Assert.Contains("noopener", site.GetAttribute("rel"));
    }

    [Fact]
    public void Render_AbsoluteFolder_IsVisibleTextNotATitle()
    {
        var cut = RenderCard();

        Assert.Empty(cut.FindAll("[title]"));
        Assert.Contains("/home/alice/web/example.com/public_html", cut.Find(".ftp-card-content").TextContent);
    }

    [Fact]
    public void Render_WhenFolderIsDomainRoot_ShowsSlash()
    {
        var cut = RenderCard(Active with { Folder = "", AbsoluteFolder = "/home/alice/web/example.com" });

        Assert.Equal("/", cut.Find(".folder-text").TextContent);
        Assert.Equal("/home/alice/web/example.com", cut.Find(".folder-absolute").TextContent);
    }

    [Fact]
    public void Render_AdvancedLink_PointsAtTheGivenUrl()
    {
        var cut = RenderCard();

        var link = cut.Find("a.advanced-link");
        Assert.Equal("/domains/example.com?server=demo&account=alice", link.GetAttribute("href"));
        Assert.Equal(T("Card.Advanced"), link.TextContent);
    }

    [Theory]
    [InlineData(FtpAccountCardStatus.Active, "status-active", "Card.Active", "Health.Active")]
    [InlineData(FtpAccountCardStatus.DomainSuspended, "status-domain-suspended", "Card.Suspended", "Health.DomainSuspended")]
    [InlineData(FtpAccountCardStatus.LoginsLocked, "status-locked", "Card.Suspended", "Health.UserSuspended")]
    public void Render_Status_ShowsChipAndExplanation(FtpAccountCardStatus status, string chipClass, string chipText, string explanation)
    {
        var cut = RenderCard(Active with { Status = status });

        var chip = cut.Find(".status-chip");
        Assert.Equal(T(chipText), chip.TextContent.Trim());
        Assert.Contains(chipClass, chip.ClassList);
        Assert.Equal(T(explanation), cut.Find(".status-explain").TextContent.Trim());
    }

    [Fact]
    public void Render_Icons_AreInlineSvgHiddenFromAssistiveTechnology()
    {
        var cut = RenderCard();

        var icons = cut.FindAll("svg");
        Assert.True(icons.Count >= 9, $"{icons.Count} icons");
        Assert.All(icons, i => Assert.Equal("true", i.GetAttribute("aria-hidden")));
        Assert.All(icons, i => Assert.Equal("false", i.GetAttribute("focusable")));
    }

    [Fact]
    public void Render_IsOneComponentWithoutTooltips()
    {
        var cut = RenderCard();

        Assert.Empty(cut.FindComponents<IComponent>());
        Assert.Empty(cut.FindAll(".mud-tooltip-root"));
    }

    [Theory]
    [InlineData(false, "ftp-card")]
    [InlineData(true, "ftp-card changed")]
    public void Render_Highlight_AddsChangedClass(bool highlight, string expected)
    {
        var cut = RenderCard(Active with { Highlight = highlight });

        Assert.Equal(expected, string.Join(" ", cut.Find(".ftp-card").ClassList.Where(c => c is "ftp-card" or "changed")));
    }

    [Fact]
    public void Edit_Click_RaisesOnEditWithTheLogin()
    {
        var cut = RenderCard();

        cut.Find(".edit-button").Click();

        Assert.Equal(["alice_web"], _edits);
        Assert.Empty(_deletes);
    }

    [Fact]
    public void Delete_Click_RaisesOnDeleteWithTheLogin()
    {
        var cut = RenderCard();

        cut.Find(".delete-button").Click();

        Assert.Empty(_edits);
        Assert.Equal(["alice_web"], _deletes);
    }

    [Fact]
    public void Buttons_AreNativeButtonsThatDoNotSubmit()
    {
        var cut = RenderCard();

        Assert.Equal("button", cut.Find(".edit-button").GetAttribute("type"));
        Assert.Equal("button", cut.Find(".delete-button").GetAttribute("type"));
    }

    [Fact]
    public void Render_WhenReadOnly_HidesEditAndDelete()
    {
        var cut = RenderCard(Active with { ReadOnly = true, EditDisabledReason = "no" });

        Assert.Empty(cut.FindAll(".edit-button"));
        Assert.Empty(cut.FindAll(".delete-button"));
        Assert.Empty(cut.FindAll(".disabled-reason"));
        Assert.NotNull(cut.Find("a.advanced-link"));
    }

    [Fact]
    public void Render_WhenEditDisabled_DisablesOnlyEditAndDescribesItByTheVisibleReason()
    {
        var cut = RenderCard(Active with { EditDisabledReason = "The domain is suspended." });

        var edit = cut.Find(".edit-button");
        Assert.True(edit.HasAttribute("disabled"));
        Assert.False(cut.Find(".delete-button").HasAttribute("disabled"));
        Assert.Null(cut.Find(".delete-button").GetAttribute("aria-describedby"));
        var reason = cut.Find(".disabled-reason");
        Assert.Equal("The domain is suspended.", reason.TextContent.Trim());
        Assert.Equal(reason.Id, edit.GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Render_WhenBothDisabledForTheSameReason_ShowsItOnceForBoth()
    {
        var cut = RenderCard(Active with { EditDisabledReason = "Server unreachable.", DeleteDisabledReason = "Server unreachable." });

        var reason = Assert.Single(cut.FindAll(".disabled-reason"));
        Assert.Equal("Server unreachable.", reason.TextContent.Trim());
        Assert.True(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.True(cut.Find(".delete-button").HasAttribute("disabled"));
        Assert.Equal(reason.Id, cut.Find(".edit-button").GetAttribute("aria-describedby"));
        Assert.Equal(reason.Id, cut.Find(".delete-button").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Render_WhenOnlyDeleteDisabled_DescribesDeleteByItsOwnReason()
    {
        var cut = RenderCard(Active with { DeleteDisabledReason = "Not now." });

        var reason = Assert.Single(cut.FindAll(".disabled-reason"));
        Assert.Equal("Not now.", reason.TextContent.Trim());
        Assert.Equal(reason.Id, cut.Find(".delete-button").GetAttribute("aria-describedby"));
        Assert.False(cut.Find(".edit-button").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_WhenNothingDisabled_ShowsNoReasonAndDescribesEditByItsHint()
    {
        var cut = RenderCard();

        Assert.False(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.False(cut.Find(".delete-button").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll(".disabled-reason"));
        var hint = cut.Find($"#{cut.Find(".edit-button").GetAttribute("aria-describedby")}");
        Assert.Equal(T("Card.EditHint"), hint.TextContent);
    }

    [Fact]
    public void Render_Buttons_HaveAccessibleNamesWithTheLogin()
    {
        var cut = RenderCard();

        Assert.Equal($"{T("Card.Edit")} alice_web", cut.Find(".edit-button").GetAttribute("aria-label"));
        Assert.Equal($"{T("Card.Delete")} alice_web", cut.Find(".delete-button").GetAttribute("aria-label"));
        Assert.All(cut.FindAll("button"), b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("aria-label"))));
        Assert.Contains(cut.FindAll("button.copy-button"), b => b.GetAttribute("aria-label") == T("Card.CopyLogin"));
    }

    [Fact]
    public void CopyLogin_Click_CopiesTheLogin()
    {
        JSInterop.Setup<bool>("hestiaFtp.copy", _ => true).SetResult(true);
        var cut = RenderCard();

        cut.Find($"button[aria-label='{T("Card.CopyLogin")}']").Click();

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.copy");
        Assert.Equal("alice_web", call.Arguments[0]);
        Assert.Equal("button", cut.Find("button.copy-button").GetAttribute("type"));
    }

    [Fact]
    public void CopyLogin_Click_SaysCopied()
    {
        var snackbars = Render<MudSnackbarProvider>();
        var cut = RenderCard();

        cut.Find("button.copy-button").Click();

        snackbars.WaitForAssertion(() => Assert.Contains(T("Common.Copied"), snackbars.Markup));
    }

    [Fact]
    public void Render_WithAnEqualModelAndNewCallbacks_DoesNotRenderAgain()
    {
        var cut = RenderCard();
        var edits = new List<string>();

        cut.Render(p => p
            .Add(c => c.Model, Active with { })
            .Add(c => c.OnEdit, login => edits.Add(login))
            .Add(c => c.OnDelete, _ => { }));

        Assert.Equal(1, cut.RenderCount);
        cut.Find(".edit-button").Click();
        Assert.Equal(["alice_web"], edits);
        Assert.Empty(_edits);
    }

    [Fact]
    public void Render_WithAChangedModel_RendersTheChange()
    {
        var cut = RenderCard();

        cut.Render(p => p.Add(c => c.Model, Active with { Folder = "/logs" }));

        Assert.Equal(2, cut.RenderCount);
        Assert.Equal("/logs", cut.Find(".folder-text").TextContent);
    }

    [Fact]
    public void Click_OnItsOwnButton_DoesNotRenderTheCardAgain()
    {
        var cut = RenderCard();

        cut.Find(".edit-button").Click();

        Assert.Equal(1, cut.RenderCount);
    }

    [Fact]
    public void Render_PanelValuesWithMarkup_AreShownAsTextNotMarkup()
    {
        // The card's body is one markup text built from the model: every value HestiaCP returned must be encoded.
        var cut = RenderCard(Active with
        {
            Domain = "<b id=\"injected\">x</b>.example",
            Folder = "/a\"><img id=\"injected-img\">",
            AbsoluteFolder = "/home/alice/web/<i>x</i>",
            SiteUrl = "https://example.com/\" onclick=\"alert(1)",
        });

        Assert.Empty(cut.FindAll("#injected, #injected-img, i, [onclick]"));
        Assert.Equal("<b id=\"injected\">x</b>.example", cut.Find("strong").TextContent);
        Assert.Equal("/a\"><img id=\"injected-img\">", cut.Find(".folder-text").TextContent);
        Assert.Equal("https://example.com/\" onclick=\"alert(1)", cut.Find(".site-link").GetAttribute("href"));
    }
}
