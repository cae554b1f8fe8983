using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.Support;
using HestiaFtp.Web.Live;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.Support;

public sealed class AccountPickerTests : DashboardTestContext
{
    private static readonly AccountKey[] Keys =
    [
        new("alpha", "alice"),
        new("alpha", "bob"),
        new("beta", "bobby"),
        new("beta", "carol"),
    ];

    private readonly List<AccountKey?> _picked = [];

    private (IRenderedComponent<MudPopoverProvider> Popover, IRenderedComponent<AccountPicker> Cut) RenderPicker(IReadOnlyList<AccountKey> accounts, AccountKey? selected = null)
    {
        var popover = Render<MudPopoverProvider>();
        var cut = Render<AccountPicker>(p => p
            .Add(x => x.Accounts, accounts)
            .Add(x => x.Selected, selected)
            .Add(x => x.SelectedChanged, (AccountKey? key) => _picked.Add(key)));
        return (popover, cut);
    }

    [Fact]
    public void Typing_ShowsMatchingAccountsAcrossServers()
    {
        var (popover, cut) = RenderPicker(Keys);

        cut.Find("input").Input("bob");

        popover.WaitForAssertion(() => Assert.Equal(
            ["bob alpha", "bobby beta"],
            popover.FindAll(".picker-item").Select(i => $"{i.QuerySelector(".mono")!.TextContent} {i.QuerySelector(".picker-server")!.TextContent}")));
    }

    [Fact]
    public void PickingAnAccount_RaisesSelectedChangedWithItsKey()
    {
        var (popover, cut) = RenderPicker(Keys);

        cut.Find("input").Input("carol");
        popover.WaitForAssertion(() => Assert.Single(popover.FindAll(".picker-item")));
        popover.Find(".mud-list-item").Click();

        cut.WaitForAssertion(() => Assert.Equal([new AccountKey("beta", "carol")], _picked));
    }

    [Fact]
    public void Typing_WithNoMatch_SaysSo()
    {
        var (popover, cut) = RenderPicker(Keys);

        cut.Find("input").Input("zed");

        popover.WaitForAssertion(() => Assert.Contains("No account matches.", popover.Markup));
        Assert.Empty(_picked);
    }

    [Fact]
    public void Render_WithSelectedOnOneServer_ShowsTheUserNameOnly()
    {
        AccountKey[] single = [new("alpha", "alice"), new("alpha", "bob")];

        var (_, cut) = RenderPicker(single, single[1]);

        Assert.Equal("bob", cut.Find("input").GetAttribute("value"));
    }

    [Fact]
    public void Render_WithSelectedAcrossServers_NamesTheServer()
    {
        var (_, cut) = RenderPicker(Keys, Keys[2]);

        Assert.Equal("bobby (beta)", cut.Find("input").GetAttribute("value"));
    }
}
