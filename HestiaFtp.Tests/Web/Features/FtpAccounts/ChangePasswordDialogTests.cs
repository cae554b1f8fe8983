using HestiaFtp.Core.FtpAccounts;
using AngleSharp.Dom;
using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class ChangePasswordDialogTests : DashboardTestContext
{
    private const string StrongPassword = "Correct-Horse-Battery-9";
    private static readonly AccountKey Key = new("demo", "alice");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public ChangePasswordDialogTests()
    {
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", accounts: ("alice_web", "")));
        (_dialogs, _) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private static Task<DialogResult?> ResultOf(IDialogReference reference) =>
        reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

    private async Task<IDialogReference> OpenAsync(string login = "alice_web")
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ChangePasswordDialog>
        {
            { d => d.AccountKey, Key },
            { d => d.Domain, "example.com" },
            { d => d.Login, login },
        };
        var reference = await _dialogs.InvokeAsync(() => service.ShowAsync<ChangePasswordDialog>("Password", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement("#change-password-input");
        return reference;
    }

    private IElement Find(string selector) => _dialogs.Find(selector);

    private string FieldText() => Find("#change-password-input").Closest(".mud-input-control")!.TextContent;

    private void Submit() => Find("#change-password-submit").Click();

    [Fact]
    public async Task Open_NamesTheLoginAndDomain()
    {
        await OpenAsync();

        Assert.Contains("alice_web", _dialogs.Markup);
        Assert.Contains("example.com", Find(".mud-dialog-content").TextContent);
    }

    [Fact]
    public async Task Submit_WhenValid_ChangesAndClosesWithOutcome()
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);

        Submit();

        var result = await ResultOf(reference);
        Assert.Equal(FtpResultStatus.Done, Assert.IsType<FtpPasswordChangeResult>(result!.Data).Status);
        Assert.Equal(["password demo/alice example.com alice_web"], Dashboard.Calls);
    }

    [Fact]
    public async Task Generate_ThenSubmit_SendsTheGeneratedPassword()
    {
        var reference = await OpenAsync();

        Find(".password-generate").Click();
        Assert.Equal(Dashboard.GeneratedPassword, Find("#change-password-input").GetAttribute("value"));
        Submit();

        await ResultOf(reference);
        Assert.Single(Dashboard.Calls);
    }

    [Theory]
    [InlineData("", ValidationCodes.PasswordRequired)]
    [InlineData("short", ValidationCodes.PasswordTooShort)]
    [InlineData("password1234", ValidationCodes.PasswordCommon)]
    [InlineData("/tmp/abcdefghijkl", ValidationCodes.PasswordTmpPrefix)]
    public async Task Submit_WhenPasswordBreaksRule_ShowsMessageUnderFieldAndMakesNoCall(string password, string code)
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(password);

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + code), FieldText()));
        Assert.Empty(Dashboard.Calls);
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Submit_WhenServerRejectsPassword_ShowsMessageUnderFieldAndKeepsInput()
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Invalid, "v-change-web-domain-ftp-password", "Error: PAM refused the password");

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Error.PasswordRejected"), FieldText()));
        Assert.Equal(StrongPassword, Find("#change-password-input").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Submit_WhenServiceRefusesThePassword_ShowsReasonUnderFieldAndKeepsIt()
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);
        Dashboard.NextRefusal = new FtpRefusal(ValidationCodes.PasswordCommon, "Policy: too common", nameof(ChangeFtpPasswordRequest.Password));

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PasswordCommon), FieldText()));
        Assert.Empty(_dialogs.FindAll("#change-password-error"));
        Assert.Equal(StrongPassword, Find("#change-password-input").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
        Assert.False(Find("#change-password-submit").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Submit_WhenThePanelRefusesThePassword_ShowsItsWordsUnderField()
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);
        Dashboard.NextRefusal = new FtpRefusal(FtpResultCodes.HestiaRefused, "Error: PAM refused the password",
            nameof(ChangeFtpPasswordRequest.Password), HestiaReturnCode.Invalid);

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Error.PasswordRejected"), FieldText()));
        Assert.Contains(T("Error.PanelSaid", "Error: PAM refused the password"), FieldText());
        Assert.Equal(StrongPassword, Find("#change-password-input").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Submit_WhenNoReadCanTell_WarnsToSetItAgainKeepsItAndSendsAgain()
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);
        Dashboard.NextCannotTell = true;

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.PasswordCannotTell"), Find("#change-password-error").TextContent.Trim()));
        Assert.Contains("mud-alert-text-warning", Find("#change-password-error").ClassName);
        Assert.Equal(StrongPassword, Find("#change-password-input").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);

        Submit();

        var result = await ResultOf(reference);
        Assert.Equal(FtpResultStatus.Done, Assert.IsType<FtpPasswordChangeResult>(result!.Data).Status);
        Assert.Equal(2, Dashboard.Calls.Count(c => c == "password demo/alice example.com alice_web"));
    }

    [Fact]
    public async Task Submit_WhenReadBackShowsItWasNotApplied_SaysNothingChangedAndKeepsIt()
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);
        Dashboard.NextNotDoneReason = FtpResultCodes.NotAppliedAfterUnknown;

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.NotAppliedAfterUnknown"), Find("#change-password-error").TextContent.Trim()));
        Assert.Contains("mud-alert-text-error", Find("#change-password-error").ClassName);
        Assert.Equal(StrongPassword, Find("#change-password-input").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Submit_WhenDomainSuspended_ShowsAlert()
    {
        await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Suspended, "v-change-web-domain-ftp-password", "Error: web example.com is suspended");

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.DomainSuspended"), Find("#change-password-error").TextContent.Trim()));
    }

    [Fact]
    public async Task Submit_WhenLoginIsNotOfThisUser_ShowsAlertAndMakesNoCall()
    {
        await OpenAsync(login: "bob_web");
        Find("#change-password-input").Input(StrongPassword);

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Rule." + ValidationCodes.LoginPrefix), Find("#change-password-error").TextContent.Trim()));
        Assert.Empty(Dashboard.Calls);
    }

    [Fact]
    public async Task Cancel_ClosesWithoutCall()
    {
        var reference = await OpenAsync();
        Find("#change-password-input").Input(StrongPassword);

        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == T("Common.Cancel")).Click();

        Assert.True((await ResultOf(reference))!.Canceled);
        Assert.Empty(Dashboard.Calls);
    }
}
