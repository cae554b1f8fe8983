using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class PasswordFieldTests : DashboardTestContext
{
    private string? _value;
    private int _generated;

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private IRenderedComponent<PasswordField> RenderField(string? value = null, bool error = false, string? errorText = null) =>
        Render<PasswordField>(p => p
            .Add(x => x.Value, value)
            .Add(x => x.ValueChanged, v => _value = v)
            .Add(x => x.OnGenerate, () => _generated++)
            .Add(x => x.InputId, "pw")
            .Add(x => x.Error, error)
            .Add(x => x.ErrorText, errorText));

    [Fact]
    public void Render_WithValue_PutsFieldAndButtonsInOneStackableRow()
    {
        var cut = RenderField("Secret-123-abc");

        // app.css stacks .password-row below 600 px, so the field gets the phone's full width instead of Generate's leftovers.
        var row = cut.Find(".password-row");
        Assert.NotNull(row.QuerySelector("input#pw"));
        var actions = row.QuerySelector(":scope > .password-actions")!;
        Assert.NotNull(actions.QuerySelector(".password-generate"));
        Assert.NotNull(actions.QuerySelector(".password-copy"));
    }

    [Fact]
    public void Render_Initially_HidesPasswordAndShowsNoMeter()
    {
        var cut = RenderField();

        Assert.Equal("password", cut.Find("input#pw").GetAttribute("type"));
        Assert.Empty(cut.FindAll(".password-strength"));
        Assert.Empty(cut.FindAll(".password-copy"));
    }

    [Fact]
    public void Reveal_WhenClicked_ShowsTextAndLabelSaysHide()
    {
        var cut = RenderField("Some-Password-123");

        cut.Find($"[aria-label='{T("Password.Reveal")}']").Click();

        Assert.Equal("text", cut.Find("input#pw").GetAttribute("type"));
        Assert.NotEmpty(cut.FindAll($"[aria-label='{T("Password.Hide")}']"));
    }

    [Fact]
    public void Input_WhenTyped_RaisesValueChanged()
    {
        var cut = RenderField();

        cut.Find("input#pw").Input("typed-secret-value");

        Assert.Equal("typed-secret-value", _value);
    }

    [Fact]
    public void Generate_WhenClicked_RaisesOnGenerateAndReveals()
    {
        var cut = RenderField();

        cut.Find(".password-generate").Click();

        Assert.Equal(1, _generated);
        Assert.Equal("text", cut.Find("input#pw").GetAttribute("type"));
    }

    [Theory]
    [InlineData("abcdefghijkq", "Password.Weak")]
    [InlineData("Abcdefghijk1", "Password.Fair")]
    [InlineData("Abcdefghij1!x", "Password.Good")]
    [InlineData("Gen3ratedPassw0rdAbcdefg!", "Password.Strong")]
    public void Render_WithValue_ShowsStrengthWord(string password, string wordKey)
    {
        var cut = RenderField(password);

        Assert.Equal(T("Password.Strength", T(wordKey)), cut.Find(".password-strength-text").TextContent.Trim());
    }

    [Fact]
    public void Render_WithValue_OffersCopy()
    {
        var cut = RenderField("Some-Password-123");

        Assert.Single(cut.FindAll(".password-copy"));
    }

    [Fact]
    public void Render_WithOwnerValueWhileMasked_KeepsItOutOfTheInputUntilReveal()
    {
        var cut = RenderField("Owner-Set-Pass-123");

        Assert.True(string.IsNullOrEmpty(cut.Find("input#pw").GetAttribute("value")));
        Assert.DoesNotContain("Owner-Set-Pass-123", cut.Markup, StringComparison.Ordinal);

        cut.Find($"[aria-label='{T("Password.Reveal")}']").Click();

        Assert.Equal("Owner-Set-Pass-123", cut.Find("input#pw").GetAttribute("value"));
    }

    [Fact]
    public void Input_WhenTypedWhileMasked_KeepsTheTypedValueInTheInput()
    {
        var cut = RenderField();

        cut.Find("input#pw").Input("typed-secret-value");
        cut.Render(p => p.Add(x => x.Value, _value));

        Assert.Equal("password", cut.Find("input#pw").GetAttribute("type"));
        Assert.Equal("typed-secret-value", cut.Find("input#pw").GetAttribute("value"));
    }

    [Fact]
    public void Copy_WhileMasked_CopiesTheValueFetchedAtClick()
    {
        JSInterop.Setup<bool>("hestiaFtp.copy", _ => true).SetResult(true);
        var cut = RenderField("Owner-Set-Pass-123");

        cut.Find(".password-copy").Click();

        var copied = Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.copy");
        Assert.Equal("Owner-Set-Pass-123", copied.Arguments[0]);
        Assert.Equal("password", cut.Find("input#pw").GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(cut.Find("input#pw").GetAttribute("value")));
    }

    [Fact]
    public void Render_WithError_ShowsErrorTextUnderField()
    {
        var cut = RenderField("x", error: true, errorText: "Server said no");

        Assert.Contains("Server said no", cut.Find("input#pw").Closest(".mud-input-control")!.TextContent);
    }
}
