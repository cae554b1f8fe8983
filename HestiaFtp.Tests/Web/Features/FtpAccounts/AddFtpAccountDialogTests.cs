using HestiaFtp.Core.FtpAccounts;
using AngleSharp.Dom;
using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class AddFtpAccountDialogTests : DashboardTestContext
{
    private static readonly AccountKey Key = new("demo", "alice");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public AddFtpAccountDialogTests()
    {
        (_dialogs, _) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private static Task<DialogResult?> ResultOf(IDialogReference reference) =>
        reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

    private async Task<IDialogReference> OpenAsync(params WebDomain[] domains)
    {
        Dashboard.Domains.AddRange(domains);
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<AddFtpAccountDialog>
        {
            { d => d.AccountKey, Key },
            { d => d.Domains, domains },
        };
        var reference = await _dialogs.InvokeAsync(() => service.ShowAsync<AddFtpAccountDialog>("Add", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement("#add-submit");
        return reference;
    }

    private IElement Choice(string domain) =>
        _dialogs.FindAll(".domain-choice").Single(c => c.QuerySelector(".mono")?.TextContent == domain);

    private static bool IsDisabled(IElement choice) => choice.QuerySelector("input")!.HasAttribute("disabled");

    private static bool IsChecked(IElement choice) => choice.QuerySelector("input")!.HasAttribute("checked")
        || choice.QuerySelector(".mud-checked") is not null;

    [Fact]
    public async Task Open_ListsEveryDomainAndDisablesSuspendedOnesWithReason()
    {
        await OpenAsync(
            FakeFtpDashboard.Domain("paused.net", suspended: true),
            FakeFtpDashboard.Domain("example.com"),
            FakeFtpDashboard.Domain("other.org"));

        Assert.Equal(["paused.net", "example.com", "other.org"], _dialogs.FindAll(".domain-choice .mono").Select(e => e.TextContent).ToList());
        Assert.True(IsDisabled(Choice("paused.net")));
        Assert.Equal(T("Add.DomainSuspended"), Choice("paused.net").QuerySelector(".domain-reason")!.TextContent.Trim());
        Assert.False(IsDisabled(Choice("example.com")));
        Assert.Null(Choice("example.com").QuerySelector(".domain-reason"));
    }

    [Fact]
    public async Task Open_PreselectsTheFirstActiveDomain()
    {
        await OpenAsync(FakeFtpDashboard.Domain("paused.net", suspended: true), FakeFtpDashboard.Domain("example.com"), FakeFtpDashboard.Domain("other.org"));

        Assert.True(IsChecked(Choice("example.com")));
        Assert.False(IsChecked(Choice("paused.net")));
        Assert.False(IsChecked(Choice("other.org")));
        Assert.False(_dialogs.Find("#add-submit").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Open_WhenEveryDomainSuspended_CannotSubmit()
    {
        await OpenAsync(FakeFtpDashboard.Domain("paused.net", suspended: true));

        Assert.True(_dialogs.Find("#add-submit").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Submit_WithPreselectedDomain_QuickCreatesThereAndClosesWithCredentials()
    {
        var reference = await OpenAsync(FakeFtpDashboard.Domain("paused.net", suspended: true), FakeFtpDashboard.Domain("example.com"));

        _dialogs.Find("#add-submit").Click();

        var result = await ResultOf(reference);
        Assert.False(result!.Canceled);
        var credentials = Assert.IsType<NewFtpCredentials>(result.Data);
        Assert.Equal("example.com", credentials.Domain);
        Assert.StartsWith("alice_", credentials.Login, StringComparison.Ordinal);
        Assert.Equal(["quick demo/alice example.com"], Dashboard.Calls);
    }

    [Fact]
    public async Task Submit_AfterChoosingAnotherDomain_QuickCreatesOnTheChosenOne()
    {
        var reference = await OpenAsync(FakeFtpDashboard.Domain("example.com"), FakeFtpDashboard.Domain("other.org"));

        Choice("other.org").QuerySelector("input")!.Click();
        _dialogs.WaitForAssertion(() => Assert.True(IsChecked(Choice("other.org"))));
        _dialogs.Find("#add-submit").Click();

        var result = await ResultOf(reference);
        Assert.Equal("other.org", Assert.IsType<NewFtpCredentials>(result!.Data).Domain);
        Assert.Equal(["quick demo/alice other.org"], Dashboard.Calls);
    }

    [Fact]
    public async Task Cancel_ClosesWithoutCreating()
    {
        var reference = await OpenAsync(FakeFtpDashboard.Domain("example.com"));

        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == T("Common.Cancel")).Click();

        var result = await ResultOf(reference);
        Assert.True(result!.Canceled);
        Assert.Empty(Dashboard.Calls);
    }

    public static TheoryData<string, string, bool> HestiaFailures => new()
    {
        { "Exists", "Error.LoginTaken", false },
        { "Suspended", "Error.DomainSuspended", false },
        { "SuspendedUser", "Error.UserSuspended", false },
        { "Connect", "Error.Unreachable", false },
        { "ConnectUnknown", "Error.OutcomeUnknown", true },
        { "ReadOnly", "Error.ReadOnly", false },
        { "Unexpected", "Error.Unexpected", false },
    };

    private static Exception Failure(string name) => name switch
    {
        "Exists" => new HestiaException(HestiaReturnCode.Exists, "v-add-web-domain-ftp", "Error: ftp user alice_ftp1 exists"),
        "Suspended" => new HestiaException(HestiaReturnCode.Suspended, "v-add-web-domain-ftp", "Error: web domain example.com is suspended"),
        "SuspendedUser" => new HestiaException(HestiaReturnCode.Suspended, "v-add-web-domain-ftp", "Error: user alice is suspended"),
        "Connect" => new HestiaException(HestiaReturnCode.Connect, "v-add-web-domain-ftp", null),
        "ConnectUnknown" => new HestiaException(HestiaReturnCode.Connect, "v-add-web-domain-ftp", null, outcomeUnknown: true),
        "ReadOnly" => new DashboardAccessException(DashboardAccessException.Reason.ReadOnly),
        _ => new InvalidOperationException("boom"),
    };

    [Theory]
    [MemberData(nameof(HestiaFailures))]
    public async Task Submit_WhenRefused_ShowsMappedMessageAndStaysOpen(string failure, string messageKey, bool warning)
    {
        var reference = await OpenAsync(FakeFtpDashboard.Domain("example.com"), FakeFtpDashboard.Domain("other.org"));
        Dashboard.NextFailure = Failure(failure);

        _dialogs.Find("#add-submit").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(T(messageKey), _dialogs.Find("#add-error").TextContent.Trim()));
        Assert.Contains(warning ? "mud-alert-text-warning" : "mud-alert-text-error", _dialogs.Find("#add-error").ClassName);
        Assert.False(reference.Result.IsCompleted);
        Assert.True(IsChecked(Choice("example.com")));
        Assert.False(_dialogs.Find("#add-submit").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Submit_WhenEveryGeneratedNameIsTaken_SaysSoInTheReadersLanguageWithoutAskingForALogin(bool hestiaSaidExists)
    {
        var reference = await OpenAsync(FakeFtpDashboard.Domain("example.com"));
        // As the service answers: the reason code on the result and a refusal in its own English words (exit 4 when names were sent).
        Dashboard.NextNotDoneReason = FtpResultCodes.NamesTaken;
        Dashboard.NextRefusal = new FtpRefusal(FtpResultCodes.NamesTaken, "every generated name (5 tries) was already taken; try again or choose a name.",
            HestiaCode: hestiaSaidExists ? HestiaReturnCode.Exists : null);

        _dialogs.Find("#add-submit").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.NamesTaken"), _dialogs.Find("#add-error").TextContent.Trim()));
        Assert.False(reference.Result.IsCompleted);
        Assert.False(_dialogs.Find("#add-submit").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Submit_WhenNoReadCanTell_WarnsTheOutcomeIsUnknownAndStaysOpen()
    {
        var reference = await OpenAsync(FakeFtpDashboard.Domain("example.com"));
        Dashboard.NextCannotTell = true;

        _dialogs.Find("#add-submit").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(T("Error.OutcomeUnknown"), _dialogs.Find("#add-error").TextContent.Trim()));
        Assert.Contains("mud-alert-text-warning", _dialogs.Find("#add-error").ClassName);
        Assert.False(reference.Result.IsCompleted);
        Assert.Empty(Dashboard.Domains[0].FtpAccounts);
    }

    [Fact]
    public async Task Submit_AfterAFailure_RetriesAndClearsTheMessage()
    {
        var reference = await OpenAsync(FakeFtpDashboard.Domain("example.com"));
        Dashboard.NextFailure = new HestiaException(HestiaReturnCode.Connect, "v-add-web-domain-ftp", null);
        _dialogs.Find("#add-submit").Click();
        _dialogs.WaitForElement("#add-error");

        _dialogs.Find("#add-submit").Click();

        var result = await ResultOf(reference);
        Assert.IsType<NewFtpCredentials>(result!.Data);
        Assert.Equal(2, Dashboard.Calls.Count(c => c == "quick demo/alice example.com"));
    }

    [Fact]
    public async Task Open_NeverRendersAnyPasswordField()
    {
        await OpenAsync(FakeFtpDashboard.Domain("example.com"));

        Assert.Empty(_dialogs.FindAll("input[type=password]"));
        Assert.Equal(T("Add.Title"), _dialogs.Find("#add-title").TextContent.Trim());
    }
}
