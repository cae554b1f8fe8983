using HestiaFtp.Core.FtpAccounts;
using AngleSharp.Dom;
using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Features.DomainFtp;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.DomainFtp;

public sealed class EditFtpAccountDialogTests : DashboardTestContext
{
    private const string StrongPassword = "Correct-Horse-Battery-9";
    private static readonly AccountKey Key = new("demo", "alice");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public EditFtpAccountDialogTests()
    {
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", accounts: ("alice_web", "/public_html")));
        (_dialogs, _) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private static Task<DialogResult?> ResultOf(IDialogReference reference) =>
        reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

    private async Task<IDialogReference> OpenAsync(string folder = "/public_html")
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<EditFtpAccountDialog>
        {
            { d => d.AccountKey, Key },
            { d => d.Domain, "example.com" },
            { d => d.Login, "alice_web" },
            { d => d.Folder, folder },
        };
        var reference = await _dialogs.InvokeAsync(() => service.ShowAsync<EditFtpAccountDialog>("Edit", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement("#edit-folder");
        return reference;
    }

    private IElement Find(string selector) => _dialogs.Find(selector);

    private string FieldText(string inputSelector) => Find(inputSelector).Closest(".mud-input-control")!.TextContent;

    private void Save() => Find("#edit-submit").Click();

    [Fact]
    public async Task Open_PrefillsCurrentFolderWithAbsolutePreview()
    {
        await OpenAsync();

        Assert.Equal("/public_html", Find("#edit-folder").GetAttribute("value"));
        Assert.Contains("/home/alice/web/example.com/public_html", Find("#folder-preview").TextContent);
        Assert.Equal("", Find("#edit-password").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Save_WhenNothingChanged_SaysSoAndMakesNoCall()
    {
        var reference = await OpenAsync();

        Save();

        _dialogs.WaitForElement("#edit-nothing");
        Assert.Empty(Dashboard.Calls);
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Save_WithPasswordOnly_SendsOnlyThePassword()
    {
        var reference = await OpenAsync();
        Find("#edit-password").Input(StrongPassword);

        Save();

        var result = await ResultOf(reference);
        var edit = Assert.IsType<EditFtpAccountResult>(result!.Data);
        Assert.Equal(FtpResultStatus.Done, edit.Password!.Status);
        Assert.Null(edit.Folder);
        Assert.Equal(["password demo/alice example.com alice_web"], Dashboard.Calls);
    }

    [Fact]
    public async Task Save_WithFolderOnly_SendsOnlyTheFolder()
    {
        var reference = await OpenAsync();
        Find("#edit-folder").Input("private/");

        Save();

        var result = await ResultOf(reference);
        var edit = Assert.IsType<EditFtpAccountResult>(result!.Data);
        Assert.Null(edit.Password);
        Assert.Equal(("/private", false), (edit.Folder!.ActualFolder, edit.Folder.WasReset));
        Assert.Equal(["folder demo/alice example.com alice_web /private"], Dashboard.Calls);
    }

    [Fact]
    public async Task Save_WithBoth_SendsPasswordThenFolder()
    {
        var reference = await OpenAsync();
        Find("#edit-password").Input(StrongPassword);
        Find("#edit-folder").Input("");

        Save();

        await ResultOf(reference);
        Assert.Equal(["password demo/alice example.com alice_web", "folder demo/alice example.com alice_web "], Dashboard.Calls);
    }

    [Fact]
    public async Task Save_WhenPasswordTooShort_ShowsMessageUnderPasswordAndMakesNoCall()
    {
        await OpenAsync();
        Find("#edit-password").Input("short");
        Find("#edit-folder").Input("private");

        Save();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PasswordTooShort), FieldText("#edit-password")));
        Assert.Empty(Dashboard.Calls);
    }

    [Fact]
    public async Task Save_WhenFolderInvalid_ShowsMessageUnderFolderAndMakesNoCall()
    {
        await OpenAsync();
        Find("#edit-folder").Input("a b");

        Save();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PathForbiddenChar), FieldText("#edit-folder")));
        Assert.Empty(Dashboard.Calls);
    }

    [Fact]
    public async Task Save_WhenFolderDidNotExist_TellsTheAccountNowPointsAtTheRoot()
    {
        var reference = await OpenAsync();
        Find("#edit-folder").Input("missing");
        Dashboard.ResetNextFolderChange = true;

        Save();

        _dialogs.WaitForAssertion(() =>
            Assert.Equal(T("DomainFtp.Edit.ResetToRoot", "/missing", "/home/alice/web/example.com"), Find("#edit-reset").TextContent.Trim()));
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal("", Find("#edit-folder").GetAttribute("value") ?? "");
        Assert.Empty(_dialogs.FindAll("#edit-submit"));

        Find("#edit-done").Click();

        var result = await ResultOf(reference);
        var folder = Assert.IsType<EditFtpAccountResult>(result!.Data).Folder!;
        Assert.Equal(("", true), (folder.ActualFolder, folder.WasReset));
    }

    [Fact]
    public async Task Save_WhenServerRefusesFolder_ShowsMessageUnderFolderAndKeepsInput()
    {
        var reference = await OpenAsync();
        Find("#edit-folder").Input("deep/er/path");
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Invalid, "v-change-web-domain-ftp-path", "Error: absolute path  is invalid");

        Save();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Error.FolderInvalid"), FieldText("#edit-folder")));
        Assert.Equal("deep/er/path", Find("#edit-folder").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Save_WhenFolderFailsAfterPasswordChanged_ReportsPasswordDoneAndRetriesOnlyTheFolder()
    {
        var reference = await OpenAsync();
        Find("#edit-password").Input(StrongPassword);
        Find("#edit-folder").Input("private");
        Dashboard.NextFolderFailure = new HestiaException(HestiaReturnCode.Connect, "v-change-web-domain-ftp-path", null);

        Save();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.Unreachable"), Find("#edit-error").TextContent.Trim()));
        Assert.Equal(T("DomainFtp.Edit.PasswordDone"), Find("#edit-password-done").TextContent.Trim());
        Assert.Equal("private", Find("#edit-folder").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);

        Save();

        var result = await ResultOf(reference);
        var edit = Assert.IsType<EditFtpAccountResult>(result!.Data);
        Assert.NotNull(edit.Password);
        Assert.Equal(("/private", false), (edit.Folder!.ActualFolder, edit.Folder.WasReset));
        Assert.Equal(
            ["password demo/alice example.com alice_web", "folder demo/alice example.com alice_web /private", "folder demo/alice example.com alice_web /private"],
            Dashboard.Calls);
    }

    [Fact]
    public async Task Save_WhenPasswordRejectedByServer_ShowsMessageUnderPasswordAndSkipsFolder()
    {
        var reference = await OpenAsync();
        Find("#edit-password").Input(StrongPassword);
        Find("#edit-folder").Input("private");
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Invalid, "v-change-web-domain-ftp-password", "Error: PAM refused");

        Save();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Error.PasswordRejected"), FieldText("#edit-password")));
        Assert.Equal(["password demo/alice example.com alice_web"], Dashboard.Calls);
        Assert.Equal(StrongPassword, Find("#edit-password").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Save_WhenServiceRefusesThePassword_ShowsReasonUnderPasswordKeepsItAndSkipsFolder()
    {
        var reference = await OpenAsync();
        Find("#edit-password").Input(StrongPassword);
        Find("#edit-folder").Input("private");
        Dashboard.NextRefusal = new FtpRefusal(ValidationCodes.PasswordCommon, "Policy: too common", nameof(ChangeFtpPasswordRequest.Password));

        Save();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PasswordCommon), FieldText("#edit-password")));
        Assert.DoesNotContain(T("Rule." + ValidationCodes.PasswordCommon), FieldText("#edit-folder"));
        Assert.Empty(_dialogs.FindAll("#edit-error"));
        Assert.Equal(["password demo/alice example.com alice_web"], Dashboard.Calls);
        Assert.Equal(StrongPassword, Find("#edit-password").GetAttribute("value"));
        Assert.Equal("private", Find("#edit-folder").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Save_WhenServiceRefusesTheFolder_ShowsReasonUnderFolderAndKeepsIt()
    {
        var reference = await OpenAsync();
        Find("#edit-folder").Input("deep/er/path");
        Dashboard.NextRefusal = new FtpRefusal(ValidationCodes.PathTooManySegments, "Policy: too deep", nameof(ChangeFtpFolderRequest.Folder));

        Save();

        _dialogs.WaitForAssertion(() => Assert.Contains(T("Rule." + ValidationCodes.PathTooManySegments), FieldText("#edit-folder")));
        Assert.Empty(_dialogs.FindAll("#edit-error"));
        Assert.Equal("deep/er/path", Find("#edit-folder").GetAttribute("value"));
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal("/public_html", Dashboard.Domains[0].FtpAccounts[0].Folder);
    }

    [Fact]
    public async Task Save_WhenNoReadCanTellThePassword_WarnsToSetItAgainAndKeepsIt()
    {
        var reference = await OpenAsync();
        Find("#edit-password").Input(StrongPassword);
        Find("#edit-folder").Input("private");
        Dashboard.NextCannotTell = true;

        Save();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.PasswordCannotTell"), Find("#edit-error").TextContent.Trim()));
        Assert.Contains("mud-alert-text-warning", Find("#edit-error").ClassName);
        Assert.Equal(StrongPassword, Find("#edit-password").GetAttribute("value"));
        Assert.Empty(_dialogs.FindAll("#edit-password-done"));
        Assert.Equal(["password demo/alice example.com alice_web"], Dashboard.Calls);
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Cancel_AfterPasswordAlreadyChanged_ClosesWithThatResult()
    {
        var reference = await OpenAsync();
        Find("#edit-password").Input(StrongPassword);
        Find("#edit-folder").Input("private");
        Dashboard.NextFolderFailure = new HestiaException(HestiaReturnCode.Connect, "v-change-web-domain-ftp-path", null);
        Save();
        _dialogs.WaitForElement("#edit-password-done");

        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == T("Common.Cancel")).Click();

        var result = await ResultOf(reference);
        Assert.False(result!.Canceled);
        var edit = Assert.IsType<EditFtpAccountResult>(result.Data);
        Assert.NotNull(edit.Password);
        Assert.Null(edit.Folder);
    }

    [Fact]
    public async Task Picker_WhenFolderChosen_ReplacesFolder()
    {
        await OpenAsync();

        Find($"[aria-label='{T("Folder.Browse")}']").Click();
        _dialogs.WaitForElement(".folder-picker");
        _dialogs.FindAll(".crumb")[0].Click();
        Find($"[aria-label='{T("Folder.Open", "private")}']").Click();
        Find(".folder-choose").Click();

        Assert.Equal("/private", Find("#edit-folder").GetAttribute("value"));
    }
}
