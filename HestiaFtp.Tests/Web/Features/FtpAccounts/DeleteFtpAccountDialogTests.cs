using HestiaFtp.Core.FtpAccounts;
using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class DeleteFtpAccountDialogTests : DashboardTestContext
{
    private static readonly AccountKey Key = new("demo", "alice");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public DeleteFtpAccountDialogTests()
    {
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", "/public_html"), ("alice_logs", "")]));
        (_dialogs, _) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private static Task<DialogResult?> ResultOf(IDialogReference reference) =>
        reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

    private async Task<IDialogReference> OpenAsync()
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<DeleteFtpAccountDialog>
        {
            { d => d.AccountKey, Key },
            { d => d.Domain, "example.com" },
            { d => d.Login, "alice_web" },
            { d => d.Folder, "/home/alice/web/example.com/public_html" },
        };
        var reference = await _dialogs.InvokeAsync(() => service.ShowAsync<DeleteFtpAccountDialog>("Delete", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement("#delete-confirm");
        return reference;
    }

    [Fact]
    public async Task Open_NamesTheLoginAndSaysTheFilesStayInItsFolder()
    {
        await OpenAsync();

        Assert.Equal(T("Delete.Question", "alice_web"), _dialogs.Find("#delete-question").TextContent.Trim());
        var filesStay = _dialogs.Find("#delete-files-stay").TextContent;
        Assert.Contains(T("Delete.FilesStay"), filesStay);
        Assert.Contains("/home/alice/web/example.com/public_html", filesStay);
        Assert.Empty(_dialogs.FindAll("#delete-error"));
        Assert.Empty(Dashboard.Calls);
    }

    [Fact]
    public async Task Confirm_DeletesAndClosesWithTheResult()
    {
        var reference = await OpenAsync();

        _dialogs.Find("#delete-confirm").Click();

        var result = await ResultOf(reference);
        Assert.False(result!.Canceled);
        var deleted = Assert.IsType<FtpDeleteResult>(result.Data);
        Assert.Equal((FtpResultStatus.Done, "alice_web", "example.com"), (deleted.Status, deleted.Login, deleted.Domain));
        Assert.Equal(["delete demo/alice example.com alice_web"], Dashboard.Calls);
        Assert.Equal(["alice_logs"], Dashboard.Domains[0].FtpAccounts.Select(a => a.Login).ToList());
    }

    [Fact]
    public async Task Cancel_ClosesWithoutDeleting()
    {
        var reference = await OpenAsync();

        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == T("Common.Cancel")).Click();

        var result = await ResultOf(reference);
        Assert.True(result!.Canceled);
        Assert.Empty(Dashboard.Calls);
    }

    public static TheoryData<string, string, bool> Failures => new()
    {
        { "Connect", "Error.Unreachable", false },
        { "ConnectUnknown", "Error.OutcomeUnknown", true },
        { "NotExist", "Error.UnknownLogin", false },
        { "ReadOnly", "Error.ReadOnly", false },
    };

    private static Exception Failure(string name) => name switch
    {
        "Connect" => new HestiaException(HestiaReturnCode.Connect, "v-delete-web-domain-ftp", null),
        "ConnectUnknown" => new HestiaException(HestiaReturnCode.Connect, "v-delete-web-domain-ftp", null, outcomeUnknown: true),
        "NotExist" => new HestiaException(HestiaReturnCode.NotExist, "v-delete-web-domain-ftp", "Error: ftp account alice_web doesn't exist"),
        _ => new DashboardAccessException(DashboardAccessException.Reason.ReadOnly),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Confirm_WhenItFails_ShowsMessageAndStaysOpen(string failure, string messageKey, bool warning)
    {
        var reference = await OpenAsync();
        Dashboard.NextFailure = Failure(failure);

        _dialogs.Find("#delete-confirm").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(T(messageKey), _dialogs.Find("#delete-error").TextContent.Trim()));
        Assert.Contains(warning ? "mud-alert-text-warning" : "mud-alert-text-error", _dialogs.Find("#delete-error").ClassName);
        Assert.False(reference.Result.IsCompleted);
        Assert.False(_dialogs.Find("#delete-confirm").HasAttribute("disabled"));
        Assert.Equal(2, Dashboard.Domains[0].FtpAccounts.Count);
    }

    [Fact]
    public async Task Confirm_WhenReadBackShowsItWasNotApplied_SaysNotDeletedAndStaysOpen()
    {
        var reference = await OpenAsync();
        Dashboard.NextNotDoneReason = FtpResultCodes.NotAppliedAfterUnknown;

        _dialogs.Find("#delete-confirm").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.NotAppliedAfterUnknown"), _dialogs.Find("#delete-error").TextContent.Trim()));
        Assert.NotEqual(T("Error.OutcomeUnknown"), _dialogs.Find("#delete-error").TextContent.Trim());
        Assert.Contains("mud-alert-text-error", _dialogs.Find("#delete-error").ClassName);
        Assert.False(reference.Result.IsCompleted);
        Assert.False(_dialogs.Find("#delete-confirm").HasAttribute("disabled"));
        Assert.Equal(2, Dashboard.Domains[0].FtpAccounts.Count);
    }

    [Fact]
    public async Task Confirm_WhenNoReadCanTell_WarnsTheOutcomeIsUnknownAndStaysOpen()
    {
        var reference = await OpenAsync();
        Dashboard.NextCannotTell = true;

        _dialogs.Find("#delete-confirm").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.OutcomeUnknown"), _dialogs.Find("#delete-error").TextContent.Trim()));
        Assert.Contains("mud-alert-text-warning", _dialogs.Find("#delete-error").ClassName);
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Confirm_WhenThePanelRefuses_SaysWhyInItsOwnWordsAndStaysOpen()
    {
        var reference = await OpenAsync();
        Dashboard.NextRefusal = new FtpRefusal(FtpResultCodes.HestiaRefused, "Error: user alice is suspended", null, HestiaReturnCode.Suspended);

        _dialogs.Find("#delete-confirm").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal($"{T("Error.UserSuspended")} {T("Error.PanelSaid", "Error: user alice is suspended")}",
            _dialogs.Find("#delete-error").TextContent.Trim()));
        Assert.Contains("mud-alert-text-error", _dialogs.Find("#delete-error").ClassName);
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Confirm_AfterAFailure_TriesAgainAndCloses()
    {
        var reference = await OpenAsync();
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Connect, "v-delete-web-domain-ftp", null);
        _dialogs.Find("#delete-confirm").Click();
        _dialogs.WaitForElement("#delete-error");

        _dialogs.Find("#delete-confirm").Click();

        var result = await ResultOf(reference);
        Assert.False(result!.Canceled);
        Assert.Equal(2, Dashboard.Calls.Count);
    }
}
