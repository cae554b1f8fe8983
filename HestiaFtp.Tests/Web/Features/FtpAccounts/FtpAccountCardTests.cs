using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class FtpAccountCardTests : DashboardTestContext
{
    private static readonly HestiaUser ActiveUser = new("alice", "user", false, 0, 1, "Alice", "default");

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private IRenderedComponent<FtpAccountCard> RenderCard(
        bool domainSuspended = false, bool userSuspended = false, bool ssl = false, string path = "/public_html",
        bool readOnly = false, string? editReason = null, string? deleteReason = null, Action? onEdit = null, Action? onDelete = null,
        bool highlight = false)
    {
        var domain = FakeFtpDashboard.Domain("example.com", suspended: domainSuspended, ssl: ssl, accounts: ("alice_web", path));
        var user = ActiveUser with { Suspended = userSuspended };
        return Render<FtpAccountCard>(p => p
            .Add(c => c.Account, domain.FtpAccounts[0])
            .Add(c => c.Domain, domain)
            .Add(c => c.Health, FtpHealthRules.ForDomain(user, domain))
            .Add(c => c.AdvancedUrl, "/domains/example.com?server=demo&account=alice")
            .Add(c => c.ReadOnly, readOnly)
            .Add(c => c.Highlight, highlight)
            .Add(c => c.EditDisabledReason, editReason)
            .Add(c => c.DeleteDisabledReason, deleteReason)
            .Add(c => c.OnEdit, onEdit ?? (() => { }))
            .Add(c => c.OnDelete, onDelete ?? (() => { })));
    }

    [Fact]
    public void Render_ShowsLoginDomainIpAndFolder()
    {
        var cut = RenderCard();

        Assert.Equal("alice_web", cut.Find(".login-text").TextContent);
        Assert.Equal("alice_web", cut.Find(".ftp-card").GetAttribute("data-login"));
        Assert.Contains("example.com", cut.Find(".ftp-card strong").TextContent);
        Assert.Contains("203.0.113.10", cut.Markup);
        var folder = cut.Find(".meta-row span.mono[title]");
        Assert.Equal("/public_html", folder.TextContent);
        Assert.Equal("/home/alice/web/example.com/public_html", folder.GetAttribute("title"));
    }

    [Fact]
    public void Render_WhenFolderIsDomainRoot_ShowsSlash()
    {
        var cut = RenderCard(path: "");

        Assert.Equal("/", cut.Find(".meta-row span.mono[title]").TextContent);
        Assert.Equal("/home/alice/web/example.com", cut.Find(".meta-row span.mono[title]").GetAttribute("title"));
    }

    [Theory]
    [InlineData(false, "http://example.com/")]
    [InlineData(true, "https://example.com/")]
    public void Render_SiteLink_UsesSchemeBySsl(bool ssl, string expected)
    {
        var cut = RenderCard(ssl: ssl);

        var link = cut.Find("a.site-link");
        Assert.Equal(expected, link.GetAttribute("href"));
        Assert.Equal(expected, link.TextContent);
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public void Render_AdvancedLink_PointsAtTheGivenUrl()
    {
        var cut = RenderCard();

        var link = cut.Find("a.advanced-link");
        Assert.Equal("/domains/example.com?server=demo&account=alice", link.GetAttribute("href"));
        Assert.Equal(T("Card.Advanced"), link.TextContent);
    }

    [Fact]
    public void Render_WhenActive_ShowsActiveChipAndExplanation()
    {
        var cut = RenderCard();

        Assert.Equal(T("Card.Active"), cut.Find(".status-chip").TextContent.Trim());
        Assert.Contains("mud-chip-color-success", cut.Find(".status-chip").ClassName);
        Assert.Equal(T("Health.Active"), cut.Find(".status-explain").TextContent.Trim());
    }

    [Fact]
    public void Render_WhenDomainSuspended_ShowsSuspendedAndExplainsLoginsStillWork()
    {
        var cut = RenderCard(domainSuspended: true);

        Assert.Equal(T("Card.Suspended"), cut.Find(".status-chip").TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", cut.Find(".status-chip").ClassName);
        Assert.Equal(T("Health.DomainSuspended"), cut.Find(".status-explain").TextContent.Trim());
    }

    [Fact]
    public void Render_WhenUserSuspended_ShowsSuspendedAndExplainsLoginLocked()
    {
        var cut = RenderCard(userSuspended: true);

        Assert.Equal(T("Card.Suspended"), cut.Find(".status-chip").TextContent.Trim());
        Assert.Contains("mud-chip-color-error", cut.Find(".status-chip").ClassName);
        Assert.Equal(T("Health.UserSuspended"), cut.Find(".status-explain").TextContent.Trim());
    }

    [Fact]
    public void Render_WhenUserAndDomainSuspended_ExplainsTheUserLockFirst()
    {
        var cut = RenderCard(domainSuspended: true, userSuspended: true);

        Assert.Equal(T("Health.UserSuspended"), cut.Find(".status-explain").TextContent.Trim());
    }

    [Theory]
    [InlineData(false, "ftp-card")]
    [InlineData(true, "ftp-card changed")]
    public void Render_Highlight_AddsChangedClass(bool highlight, string expected)
    {
        var cut = RenderCard(highlight: highlight);

        Assert.Equal(expected, string.Join(" ", cut.Find(".ftp-card").ClassList.Where(c => c is "ftp-card" or "changed")));
    }

    [Fact]
    public void Edit_Click_RaisesOnEdit()
    {
        var edits = 0;
        var deletes = 0;
        var cut = RenderCard(onEdit: () => edits++, onDelete: () => deletes++);

        cut.Find(".edit-button").Click();

        Assert.Equal(1, edits);
        Assert.Equal(0, deletes);
    }

    [Fact]
    public void Delete_Click_RaisesOnDelete()
    {
        var edits = 0;
        var deletes = 0;
        var cut = RenderCard(onEdit: () => edits++, onDelete: () => deletes++);

        cut.Find(".delete-button").Click();

        Assert.Equal(0, edits);
        Assert.Equal(1, deletes);
    }

    [Fact]
    public void Render_WhenReadOnly_HidesEditAndDelete()
    {
        var cut = RenderCard(readOnly: true, editReason: "no");

        Assert.Empty(cut.FindAll(".edit-button"));
        Assert.Empty(cut.FindAll(".delete-button"));
        Assert.Empty(cut.FindAll(".disabled-reason"));
        Assert.NotNull(cut.Find("a.advanced-link"));
    }

    [Fact]
    public void Render_WhenEditDisabled_DisablesOnlyEditAndShowsReason()
    {
        var cut = RenderCard(editReason: "The domain is suspended.");

        Assert.True(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.False(cut.Find(".delete-button").HasAttribute("disabled"));
        Assert.Equal("The domain is suspended.", cut.Find(".disabled-reason").TextContent.Trim());
    }

    [Fact]
    public void Render_WhenBothDisabled_DisablesBothButtons()
    {
        var cut = RenderCard(editReason: "Server unreachable.", deleteReason: "Server unreachable.");

        Assert.True(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.True(cut.Find(".delete-button").HasAttribute("disabled"));
        Assert.Equal("Server unreachable.", cut.Find(".disabled-reason").TextContent.Trim());
    }

    [Fact]
    public void Render_WhenNothingDisabled_ShowsNoReason()
    {
        var cut = RenderCard();

        Assert.False(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.False(cut.Find(".delete-button").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll(".disabled-reason"));
    }

    [Fact]
    public void Render_Buttons_HaveAccessibleNamesWithTheLogin()
    {
        var cut = RenderCard();

        Assert.Equal($"{T("Card.Edit")} alice_web", cut.Find(".edit-button").GetAttribute("aria-label"));
        Assert.Equal($"{T("Card.Delete")} alice_web", cut.Find(".delete-button").GetAttribute("aria-label"));
        Assert.All(cut.FindAll("button.mud-icon-button"), b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("aria-label"))));
        Assert.Contains(cut.FindAll("button.mud-icon-button"), b => b.GetAttribute("aria-label") == T("Card.CopyLogin"));
    }

    [Fact]
    public void CopyLogin_Click_CopiesTheLogin()
    {
        JSInterop.Setup<bool>("hestiaFtp.copy", _ => true).SetResult(true);
        var cut = RenderCard();

        cut.Find($"button[aria-label='{T("Card.CopyLogin")}']").Click();

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.copy");
        Assert.Equal("alice_web", call.Arguments[0]);
    }
}
