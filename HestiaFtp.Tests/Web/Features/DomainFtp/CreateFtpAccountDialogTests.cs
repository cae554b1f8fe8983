using HestiaFtp.Core.FtpAccounts;
using AngleSharp.Dom;
using Bunit;
using FluentValidation;
using FluentValidation.Results;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.DomainFtp;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.DomainFtp;

public sealed class CreateFtpAccountDialogTests : DashboardTestContext
{
    private const string StrongPassword = "Correct-Horse-Battery-9";
    private static readonly AccountKey Key = new("demo", "alice");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public CreateFtpAccountDialogTests()
    {
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com"));
        Dashboard.Folders["/public_html"] = ["uploads"];
        (_dialogs, _) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private async Task<IDialogReference> OpenAsync()
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<CreateFtpAccountDialog>
        {
            { d => d.AccountKey, Key },
            { d => d.Domain, "example.com" },
        };
        var reference = await _dialogs.InvokeAsync(() => service.ShowAsync<CreateFtpAccountDialog>("New", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement("#create-login");
        return reference;
    }

    private static Task<DialogResult?> ResultOf(IDialogReference reference) =>
        reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

    private IElement Find(string selector) => _dialogs.Find(selector);

    /// <summary>The text around one input: its label, value messages and helper/error line.</summary>
    private string FieldText(string inputSelector) => Find(inputSelector).Closest(".mud-input-control")!.TextContent;

    private void Fill(string suffix, string? password = StrongPassword, string? folder = null)
    {
        Find("#create-login").Input(suffix);
        if (password is not null)
        {
            Find("#create-password").Input(password);
        }
        if (folder is not null)
        {
            Find("#create-folder").Input(folder);
        }
    }

    private void Submit() => Find("#create-submit").Click();

    [Fact]
    public async Task Input_Suffix_ShowsFullLoginAndCounter()
    {
        await OpenAsync();

        Fill("web", password: null);

        Assert.Contains("alice_web", Find("#login-preview").TextContent);
        Assert.Equal("9 / 30", Find("#login-counter").TextContent.Trim());
        Assert.Empty(_dialogs.FindAll("#prefix-stripped"));
    }

    [Fact]
    public async Task Input_WithTypedUserPrefix_StripsItAndSaysSo()
    {
        await OpenAsync();

        Fill("alice_web", password: null);

        Assert.Contains("alice_web", Find("#login-preview").TextContent);
        Assert.DoesNotContain("alice_alice_web", Find("#login-preview").TextContent);
        Assert.Equal("9 / 30", Find("#login-counter").TextContent.Trim());
        Assert.Equal(T("DomainFtp.Create.PrefixStripped", "alice_"), Find("#prefix-stripped").TextContent.Trim());
    }

    [Fact]
    public async Task Submit_WhenLoginTooLong_ShowsThirtyCharacterMessageUnderLoginAndMakesNoCall()
    {
        await OpenAsync();
        Fill(new string('w', 25));

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.LoginTooLong), FieldText("#create-login")));
        Assert.Equal("31 / 30", Find("#login-counter").TextContent.Trim());
        Assert.Empty(Dashboard.Calls);
        Assert.NotEmpty(_dialogs.FindAll("#create-submit"));
    }

    [Fact]
    public async Task Submit_WhenPasswordTooShort_ShowsMessageUnderPasswordAndMakesNoCall()
    {
        await OpenAsync();
        Fill("web", password: "short1A!");

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PasswordTooShort), FieldText("#create-password")));
        Assert.DoesNotContain(T("Rule." + ValidationCodes.PasswordTooShort), FieldText("#create-login"));
        Assert.Empty(Dashboard.Calls);
    }

    [Fact]
    public async Task Submit_WhenFolderLeavesDomain_ShowsMessageUnderFolderAndMakesNoCall()
    {
        await OpenAsync();
        Fill("web", folder: "../../etc");

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PathTraversal), FieldText("#create-folder")));
        Assert.Empty(Dashboard.Calls);
    }

    [Fact]
    public async Task Submit_WhenEmpty_ShowsRequiredMessagesAndMakesNoCall()
    {
        await OpenAsync();

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.LoginRequired), FieldText("#create-login")));
        Assert.Contains(T("Rule." + ValidationCodes.PasswordRequired), FieldText("#create-password"));
        Assert.Empty(Dashboard.Calls);
    }

    [Fact]
    public async Task Input_Folder_ShowsAbsolutePreview()
    {
        await OpenAsync();

        Fill("web", password: null, folder: "public_html//uploads/");

        Assert.Contains("/home/alice/web/example.com/public_html/uploads", Find("#folder-preview").TextContent);
    }

    [Fact]
    public async Task Generate_WhenClicked_FillsDashboardPasswordAndShowsStrength()
    {
        await OpenAsync();

        Find(".password-generate").Click();

        Assert.Equal(Dashboard.GeneratedPassword, Find("#create-password").GetAttribute("value"));
        Assert.Equal("text", Find("#create-password").GetAttribute("type"));
        Assert.Equal(T("Password.Strength", T("Password.Strong")), Find(".password-strength-text").TextContent.Trim());
    }

    [Fact]
    public async Task Submit_WhenValid_CreatesAndClosesWithCredentials()
    {
        var reference = await OpenAsync();
        Fill("web");

        Submit();

        var result = await ResultOf(reference);
        var credentials = Assert.IsType<NewFtpCredentials>(result!.Data);
        Assert.Equal("alice_web", credentials.Login);
        Assert.Equal(StrongPassword, credentials.Password);
        Assert.Equal(["create demo/alice example.com web "], Dashboard.Calls);
    }

    [Fact]
    public async Task Submit_WithTypedPrefix_SendsTheSuffixOnly()
    {
        var reference = await OpenAsync();
        Fill("alice_web");

        Submit();

        var result = await ResultOf(reference);
        Assert.Equal("alice_web", Assert.IsType<NewFtpCredentials>(result!.Data).Login);
        Assert.Contains("create demo/alice example.com web ", Dashboard.Calls);
    }

    [Fact]
    public async Task Submit_WithFolder_LeavesTheExistenceCheckToTheServiceAndCreatesThere()
    {
        var reference = await OpenAsync();
        Fill("web", folder: "public_html/uploads");

        Submit();

        var result = await ResultOf(reference);
        Assert.Equal("/public_html/uploads", Assert.IsType<NewFtpCredentials>(result!.Data).Folder);
        Assert.Equal(["create demo/alice example.com web /public_html/uploads"], Dashboard.Calls);
    }

    [Fact]
    public async Task Submit_WhenServiceSaysFolderMissing_ShowsMessageUnderFolderAndKeepsInput()
    {
        var reference = await OpenAsync();
        Fill("web", folder: "public_html/nothere");
        Dashboard.NextRefusal = new FtpRefusal(ValidationCodes.PathNotFound, "Policy: the folder does not exist",
            nameof(CreateFtpAccountRequest.Folder));

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("DomainFtp.Create.FolderMissing"), FieldText("#create-folder")));
        Assert.DoesNotContain(T("DomainFtp.Create.FolderMissing"), FieldText("#create-login"));
        Assert.Empty(_dialogs.FindAll("#create-error"));
        Assert.Equal(["create demo/alice example.com web /public_html/nothere"], Dashboard.Calls);
        Assert.Empty(Dashboard.Domains[0].FtpAccounts);
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal("public_html/nothere", Find("#create-folder").GetAttribute("value"));
        Assert.Equal("web", Find("#create-login").GetAttribute("value"));
        Assert.Equal(StrongPassword, Find("#create-password").GetAttribute("value"));
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { nameof(CreateFtpAccountRequest.LoginSuffix), ValidationCodes.LoginTooLong, "#create-login" },
        { nameof(CreateFtpAccountRequest.Password), ValidationCodes.PasswordCommon, "#create-password" },
        { nameof(CreateFtpAccountRequest.Folder), ValidationCodes.PathTooManySegments, "#create-folder" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Submit_WhenServiceRefuses_ShowsReasonNextToItsFieldAndKeepsInput(string property, string code, string field)
    {
        var reference = await OpenAsync();
        Fill("web", folder: "public_html");
        Dashboard.NextRefusal = new FtpRefusal(code, "Policy: refused", property);

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + code), FieldText(field)));
        Assert.All(new[] { "#create-login", "#create-password", "#create-folder" }.Where(f => f != field),
            other => Assert.DoesNotContain(T("Rule." + code), FieldText(other)));
        Assert.Empty(_dialogs.FindAll("#create-error"));
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal("web", Find("#create-login").GetAttribute("value"));
        Assert.Equal(StrongPassword, Find("#create-password").GetAttribute("value"));
        Assert.Equal("public_html", Find("#create-folder").GetAttribute("value"));
    }

    [Fact]
    public async Task Submit_WhenServiceKnowsTheLoginExists_SaysSoUnderLoginInTheReadersLanguage()
    {
        var reference = await OpenAsync();
        Fill("web");
        Dashboard.NextRefusal = new FtpRefusal(ValidationCodes.LoginExists, "an FTP account with this name already exists.",
            nameof(CreateFtpAccountRequest.LoginSuffix));

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.LoginExists), FieldText("#create-login")));
        Assert.DoesNotContain("an FTP account with this name already exists.", _dialogs.Markup);
        Assert.Equal("web", Find("#create-login").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Submit_WhenNoReadCanTell_WarnsAndKeepsInput()
    {
        var reference = await OpenAsync();
        Fill("web");
        Dashboard.NextCannotTell = true;

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.OutcomeUnknown"), Find("#create-error").TextContent.Trim()));
        Assert.Contains("mud-alert-text-warning", Find("#create-error").ClassName);
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal("web", Find("#create-login").GetAttribute("value"));
        Assert.Equal(StrongPassword, Find("#create-password").GetAttribute("value"));
        Assert.False(Find("#create-submit").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Submit_WhenLoginTaken_ShowsMessageNextToLoginAndKeepsInput()
    {
        var reference = await OpenAsync();
        Fill("web");
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Exists, "v-add-web-domain-ftp", "Error: ftp user alice_web exists");

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Error.LoginTaken"), FieldText("#create-login")));
        Assert.DoesNotContain(T("Error.LoginTaken"), FieldText("#create-folder"));
        Assert.Equal("web", Find("#create-login").GetAttribute("value"));
        Assert.Equal(StrongPassword, Find("#create-password").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Submit_WhenServerRefusesFolder_ShowsMessageUnderFolder()
    {
        var reference = await OpenAsync();
        Fill("web", folder: "public_html");
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Invalid, "v-add-web-domain-ftp", "Error: absolute path  is invalid");

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Error.FolderInvalid"), FieldText("#create-folder")));
        Assert.Equal("public_html", Find("#create-folder").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Submit_WhenDashboardRejectsFolderAsMissing_ShowsRuleUnderFolder()
    {
        await OpenAsync();
        Fill("web");
        Dashboard.NextFailure = new ValidationException([new ValidationFailure("Path", "Policy: gone") { ErrorCode = ValidationCodes.PathNotFound }]);

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PathNotFound), FieldText("#create-folder")));
    }

    [Fact]
    public async Task Submit_WhenServerUnreachable_ShowsAlertAndKeepsInput()
    {
        await OpenAsync();
        Fill("web");
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Connect, "v-add-web-domain-ftp", null);

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.Unreachable"), Find("#create-error").TextContent.Trim()));
        Assert.Equal("web", Find("#create-login").GetAttribute("value"));
    }

    [Fact]
    public async Task Submit_WhenRolledBack_StaysOpenExplainingTheAccountWasRemoved()
    {
        var reference = await OpenAsync();
        Fill("web", folder: "public_html");
        Dashboard.RollBackNextCreate = true;

        Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("DomainFtp.Create.RolledBack"), Find("#create-rolled-back").TextContent.Trim()));
        Assert.Contains(T("DomainFtp.Create.FolderMissing"), FieldText("#create-folder"));
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal("web", Find("#create-login").GetAttribute("value"));
        Assert.Empty(Dashboard.Domains[0].FtpAccounts);
    }

    [Fact]
    public async Task Picker_WhenFolderChosen_FillsFieldAndPreview()
    {
        await OpenAsync();

        Find($"[aria-label='{T("Folder.Browse")}']").Click();
        _dialogs.WaitForElement(".folder-picker");
        Find($"[aria-label='{T("Folder.Open", "public_html")}']").Click();
        Find($"[aria-label='{T("Folder.Open", "uploads")}']").Click();
        Find(".folder-choose").Click();

        Assert.Equal("/public_html/uploads", Find("#create-folder").GetAttribute("value"));
        Assert.Contains("/home/alice/web/example.com/public_html/uploads", Find("#folder-preview").TextContent);
        Assert.Empty(_dialogs.FindAll(".folder-picker"));
    }

    [Fact]
    public async Task Cancel_WhenClicked_ClosesWithoutCall()
    {
        var reference = await OpenAsync();
        Fill("web");

        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == T("Common.Cancel")).Click();

        var result = await ResultOf(reference);
        Assert.True(result!.Canceled);
        Assert.Empty(Dashboard.Calls);
    }
}
