using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Layout;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Components.Layout;

public sealed class MainLayoutTests : DashboardTestContext
{
    public MainLayoutTests()
    {
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

    [Fact]
    public void Render_SignedIn_UserMenuActivatorIsAButtonNamedAfterTheUser()
    {
        var cut = RenderLayout();

        var activator = cut.Find("#user-menu button");
        Assert.Equal("button", activator.TagName, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("menu", activator.GetAttribute("aria-haspopup"));
        Assert.Equal($"{T("Nav.Account")}: alice", activator.GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("#signout"));
    }

    [Fact]
    public void ClickUserMenu_SignedInCustomer_ShowsNameRoleServerLanguageAndSignOut()
    {
        var cut = RenderLayout();

        cut.Find("#user-menu button").Click();

        Assert.Contains($"{T("Role.Customer")} · demo", cut.Find("#user-menu-role").TextContent);
        Assert.Equal(T("Nav.LanguageIs", "English"), cut.Find("#user-menu-language").TextContent.Trim());
        // The menu item submits a form kept outside the menu (a form inside role="menu" is not a menu item).
        var signOut = cut.Find("#signout");
        Assert.Equal("menuitem", signOut.GetAttribute("role"));
        Assert.Equal("submit", signOut.GetAttribute("type"));
        var form = cut.Find("form#" + signOut.GetAttribute("form"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/signout", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken'][value='token']"));
    }

    [Fact]
    public void ClickUserMenu_SignedInSupport_ShowsSupportRole()
    {
        SignInAs(new DashboardUser("demo", "staff", DashboardRole.Support));
        var cut = RenderLayout();

        cut.Find("#user-menu button").Click();

        Assert.Contains($"{T("Role.Support")} · demo", cut.Find("#user-menu-role").TextContent);
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("token", "__RequestVerificationToken");
    }
}
