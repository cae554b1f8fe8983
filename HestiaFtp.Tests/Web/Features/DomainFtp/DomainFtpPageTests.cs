using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Features.DomainFtp;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.DomainFtp;

public sealed class DomainFtpPageTests : DashboardTestContext
{
    private const string StrongPassword = "Correct-Horse-Battery-9";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 5, 0, TimeSpan.Zero));
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private readonly IRenderedComponent<MudSnackbarProvider> _snackbars;

    public DomainFtpPageTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", ssl: true, accounts: [("alice_web", "/public_html"), ("alice_logs", "")]));
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("other.org", accounts: ("alice_other", "")));
        (_dialogs, _snackbars) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private IRenderedComponent<DomainFtpPage> RenderPage(string domain = "example.com", string? server = null, string? account = null)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var uri = $"/domains/{domain}";
        if (server is not null)
        {
            uri += $"?server={Uri.EscapeDataString(server)}&account={Uri.EscapeDataString(account ?? "")}";
        }
        navigation.NavigateTo(uri);
        return Render<DomainFtpPage>(p => p.Add(x => x.Domain, domain));
    }

    private static List<string> Logins(IRenderedComponent<DomainFtpPage> cut) =>
        cut.FindAll(".ftp-card").Select(e => e.GetAttribute("data-login")!).ToList();

    private static AngleSharp.Dom.IElement Card(IRenderedComponent<DomainFtpPage> cut, string login) =>
        cut.Find($".ftp-card[data-login='{login}']");

    private int LoadCalls => Dashboard.Calls.Count(c => c == "load demo/alice");

    private void WithUnreachableServer() =>
        Dashboard.Status = new ServerStatus("demo", false, new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero), null, "timeout", null);

    [Fact]
    public void Render_WhileLoading_ShowsSkeletonsThenCards()
    {
        Dashboard.LoadGate = new TaskCompletionSource();

        var cut = RenderPage();

        Assert.NotNull(cut.Find("#loading"));
        Assert.Empty(cut.FindAll(".ftp-card"));
        Dashboard.LoadGate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_logs"], Logins(cut)));
        Assert.Empty(cut.FindAll("#loading"));
    }

    [Fact]
    public void Render_ForCustomer_ShowsOnlyThisDomainsAccountsWithAbsoluteFolders()
    {
        var cut = RenderPage();

        Assert.Equal(["alice_web", "alice_logs"], Logins(cut));
        Assert.Contains("/home/alice/web/example.com/public_html", Card(cut, "alice_web").TextContent);
        Assert.Contains("/home/alice/web/example.com", Card(cut, "alice_logs").TextContent);
        Assert.DoesNotContain("/home/alice/web/example.com/public_html", Card(cut, "alice_logs").TextContent);
        Assert.Contains("resolve  ", Dashboard.Calls);
        Assert.Contains("load demo/alice", Dashboard.Calls);
    }

    [Fact]
    public void Render_Header_ShowsDomainStatusAndLinks()
    {
        var cut = RenderPage();

        Assert.Contains("example.com", cut.Find("h1").TextContent);
        Assert.Equal(T("Card.Active"), cut.Find("#status-chip").TextContent.Trim());
        Assert.Equal(T("DomainFtp.StatusActive"), cut.Find("#status-explain").TextContent.Trim());
        Assert.Equal("https://example.com/", cut.Find("#site-link").GetAttribute("href"));
        Assert.Equal("https://panel.example.net:8083/edit/web/?domain=example.com", cut.Find("#panel-link").GetAttribute("href"));
        Assert.False(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#add-disabled-reason"));
    }

    [Fact]
    public void Render_Breadcrumb_LinksBackToTheAccountsPage()
    {
        var cut = RenderPage();

        Assert.Contains(cut.FindAll(".mud-breadcrumbs a"), a => a.GetAttribute("href") == "/");
    }

    [Fact]
    public void Render_WhenDomainHasNoAccounts_ShowsEmptyState()
    {
        Dashboard.Domains[0] = FakeFtpDashboard.Domain("example.com");

        var cut = RenderPage();

        Assert.Equal(T("DomainFtp.EmptyTitle"), cut.Find("#empty-state h6").TextContent.Trim());
        Assert.NotNull(cut.Find("#add-ftp"));
    }

    [Fact]
    public void Render_WhenDomainUnknown_ShowsNotFound()
    {
        var cut = RenderPage("nowhere.net");

        Assert.NotNull(cut.Find("#domain-missing"));
        Assert.Empty(cut.FindAll("#add-ftp"));
    }

    [Fact]
    public void Render_WhenLoadFails_ShowsErrorAndRetryLoads()
    {
        Dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-web-domains", null);

        var cut = RenderPage();

        Assert.Contains(T("Error.Unreachable"), cut.Find("#load-error").TextContent);
        Dashboard.LoadFailure = null;
        cut.Find("#retry").Click();
        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_logs"], Logins(cut)));
        Assert.Empty(cut.FindAll("#load-error"));
    }

    [Fact]
    public void Render_WhenServerUnreachable_KeepsDataSaysAsOfWhenStatusUnknownAndPausesChanges()
    {
        WithUnreachableServer();

        var cut = RenderPage();

        var banner = cut.Find("#unreachable-banner").TextContent;
        Assert.Contains(T("Live.Unreachable", "demo"), banner);
        Assert.Contains(T("Live.UnreachableSince", TimeText.Short(new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero), ReaderZone.Utc), TimeText.Short(Dashboard.AsOf, ReaderZone.Utc)), banner);
        Assert.Equal(["alice_web", "alice_logs"], Logins(cut));
        Assert.Equal(T("Live.StatusUnknown"), cut.Find("#status-chip").TextContent.Trim());
        Assert.Equal(T("Live.StatusUnknownExplain"), cut.Find("#status-explain").TextContent.Trim());
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(T("Live.Paused"), cut.Find("#add-disabled-reason").TextContent.Trim());
        Assert.Equal(2, cut.FindAll(".edit-button[disabled]").Count);
        Assert.Equal(2, cut.FindAll(".delete-button[disabled]").Count);
        Assert.All(cut.FindComponents<DomainFtpCard>(), c => Assert.Equal(T("Live.Paused"), c.Instance.Model.EditDisabledReason));
        Assert.All(cut.FindComponents<DomainFtpCard>(), c => Assert.Equal(T("Live.Paused"), c.Instance.Model.DeleteDisabledReason));
    }

    [Fact]
    public void Render_WhenDomainSuspended_ExplainsAndBlocksAddAndEditButNotDelete()
    {
        Dashboard.Domains[0] = FakeFtpDashboard.Domain("example.com", suspended: true, accounts: ("alice_web", ""));

        var cut = RenderPage();

        Assert.Equal(T("Card.Suspended"), cut.Find("#status-chip").TextContent.Trim());
        Assert.Equal(T("DomainFtp.StatusDomainSuspended"), cut.Find("#status-explain").TextContent.Trim());
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(T("Accounts.DomainSuspendedReason"), cut.Find("#add-disabled-reason").TextContent.Trim());
        Assert.True(cut.Find(".edit-button").HasAttribute("disabled"));
        Assert.False(cut.Find(".delete-button").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_WhenUserSuspended_SaysLoginsAreLocked()
    {
        Dashboard.HestiaUser = Dashboard.HestiaUser with { Suspended = true };

        var cut = RenderPage();

        Assert.Equal(T("DomainFtp.StatusUserSuspended"), cut.Find("#status-explain").TextContent.Trim());
        Assert.Equal(T("Accounts.UserSuspendedReason"), cut.Find("#add-disabled-reason").TextContent.Trim());
    }

    [Fact]
    public void Render_ForSupport_ShowsOtherAccountReadOnly()
    {
        SignInAs(new DashboardUser("demo", "staff", DashboardRole.Support));

        var cut = RenderPage(server: "demo", account: "alice");

        Assert.Contains("resolve demo alice", Dashboard.Calls);
        Assert.Equal(["alice_web", "alice_logs"], Logins(cut));
        Assert.Empty(cut.FindAll("#add-ftp"));
        Assert.Empty(cut.FindAll(".edit-button"));
        Assert.Empty(cut.FindAll(".delete-button"));
        Assert.NotNull(cut.Find("#support-chip"));
        Assert.Contains(cut.FindAll(".mud-breadcrumbs a"), a => a.GetAttribute("href") == "/?server=demo&account=alice");
    }

    [Fact]
    public void Render_ForSupportWithoutAccount_AsksToPickOne()
    {
        SignInAs(new DashboardUser("demo", "staff", DashboardRole.Support));

        var cut = RenderPage();

        Assert.Contains(T("DomainFtp.PickAccount"), cut.Find("#load-error").TextContent);
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("load", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ForCustomer_LinksFileManagerAndNamesTheDomainFolder()
    {
        var cut = RenderPage();

        Assert.Equal("https://panel.example.net:8083/fm/", cut.Find("#file-manager").GetAttribute("href"));
        Assert.Equal(T("DomainFtp.FileManagerHint", "web/example.com"), cut.Find("#file-manager-hint").TextContent);
    }

    [Fact]
    public void Render_ForSupport_ShowsNoFileManagerButton()
    {
        SignInAs(new DashboardUser("demo", "staff", DashboardRole.Support));

        var cut = RenderPage(server: "demo", account: "alice");

        Assert.NotNull(cut.Find("#panel-link"));
        Assert.Empty(cut.FindAll("#file-manager"));
    }

    [Fact]
    public void Render_WhenCustomerAsksForOtherAccount_SaysOwnAccountOnlyWithoutRetry()
    {
        var cut = RenderPage(server: "demo", account: "bob");

        Assert.Equal(T("Error.OwnAccountOnly"), cut.Find("#load-error").TextContent.Trim());
        Assert.Empty(cut.FindAll("#retry"));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("load", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LiveUpdate_WhenAccountAdded_ShowsHighlightedCardAnnouncesAndFadesLater()
    {
        var cut = RenderPage();
        Dashboard.Domains[0] = Dashboard.Domains[0] with
        {
            FtpAccounts = [.. Dashboard.Domains[0].FtpAccounts, new("alice_new", "example.com", "")],
        };

        await Dashboard.PushAsync(new AccountChange(new("demo", "alice"), ChangeKind.FtpAdded, "example.com", "alice_new",
            ChangeSource.External, _time.GetUtcNow(), To: ""));

        cut.WaitForAssertion(() => Assert.Contains("alice_new", Logins(cut)));
        Assert.Contains("changed", cut.Find(".ftp-card[data-login='alice_new']").ClassList);
        Assert.DoesNotContain("changed", cut.Find(".ftp-card[data-login='alice_web']").ClassList);
        Assert.Equal("FTP account alice_new added on example.com (folder /)", cut.Find("#live-announcer").TextContent.Trim());

        _time.Advance(TimeSpan.FromSeconds(3));

        cut.WaitForAssertion(() => Assert.DoesNotContain("changed", cut.Find(".ftp-card[data-login='alice_new']").ClassList));
    }

    [Fact]
    public async Task LiveUpdate_ForAnotherDomain_IsNeitherHighlightedNorAnnounced()
    {
        var cut = RenderPage();

        Dashboard.Domains[1] = FakeFtpDashboard.Domain("other.org", accounts: ("alice_other", "/logs"));
        Dashboard.Domains[0] = Dashboard.Domains[0] with { FtpAccounts = [.. Dashboard.Domains[0].FtpAccounts, new("alice_new", "example.com", "")] };

        // One poll saw two changes: only this domain's is news here.
        await Dashboard.PushAsync(
            new AccountChange(new("demo", "alice"), ChangeKind.FtpMoved, "other.org", "alice_other", ChangeSource.External, _time.GetUtcNow(), From: "", To: "/logs"),
            new AccountChange(new("demo", "alice"), ChangeKind.FtpAdded, "example.com", "alice_new", ChangeSource.External, _time.GetUtcNow(), To: ""));

        Assert.Equal(["alice_web", "alice_logs", "alice_new"], Logins(cut));
        Assert.Equal(["alice_new"], cut.FindAll(".ftp-card.changed").Select(e => e.GetAttribute("data-login")).ToList());
        Assert.Equal("FTP account alice_new added on example.com (folder /)", cut.Find("#live-announcer").TextContent.Trim());
    }

    [Fact]
    public async Task LiveUpdate_WhenServerBecomesUnreachable_ShowsBannerAndStatusUnknown()
    {
        var cut = RenderPage();
        WithUnreachableServer();

        await Dashboard.PushAsync();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#unreachable-banner")));
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(T("Live.StatusUnknown"), cut.Find("#status-chip").TextContent.Trim());
        Assert.Equal(["alice_web", "alice_logs"], Logins(cut));
    }

    [Fact]
    public async Task Dispose_StopsWatching()
    {
        RenderPage();
        Assert.NotNull(Dashboard.Watcher);

        await DisposeComponentsAsync();

        Assert.Null(Dashboard.Watcher);
    }

    [Fact]
    public void Add_WhenCreated_ShowsCredentialsOnceAndTheNewCard()
    {
        var cut = RenderPage();

        cut.Find("#add-ftp").Click();
        _dialogs.WaitForElement("#create-login");
        _dialogs.Find("#create-login").Input("web2");
        _dialogs.Find("#create-password").Input(StrongPassword);
        _dialogs.Find("#create-submit").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal("alice_web2", _dialogs.Find("#cred-login").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("alice_web2", Logins(cut)));
        Assert.Contains("changed", cut.Find(".ftp-card[data-login='alice_web2']").ClassList);
    }

    [Fact]
    public void Edit_WhenFolderResetToRoot_TellsTheUserOnThePage()
    {
        var cut = RenderPage();
        Dashboard.ResetNextFolderChange = true;

        cut.Find(".ftp-card[data-login='alice_web'] .edit-button").Click();
        _dialogs.WaitForElement("#edit-folder");
        _dialogs.Find("#edit-folder").Input("missing");
        _dialogs.Find("#edit-submit").Click();
        _dialogs.WaitForElement("#edit-reset");
        _dialogs.Find("#edit-done").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("DomainFtp.Edit.ResetToRootShort", "alice_web"), _snackbars.Markup));
        cut.WaitForAssertion(() => Assert.DoesNotContain("/home/alice/web/example.com/public_html", Card(cut, "alice_web").TextContent));
        Assert.Contains("/home/alice/web/example.com", Card(cut, "alice_web").TextContent);
    }

    [Fact]
    public void Edit_WhenPasswordChanged_ConfirmsFromServer()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_web'] .edit-button").Click();
        _dialogs.WaitForElement("#edit-password");
        _dialogs.Find("#edit-password").Input(StrongPassword);
        _dialogs.Find("#edit-submit").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.PasswordChanged", "alice_web"), _snackbars.Markup));
        Assert.Contains("password demo/alice example.com alice_web", Dashboard.Calls);
    }

    [Fact]
    public void Delete_WhenConfirmed_RemovesTheCard()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_logs'] .delete-button").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("/home/alice/web/example.com", _dialogs.Find("#delete-files-stay").TextContent));
        _dialogs.Find("#delete-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(["alice_web"], Logins(cut)));
        Assert.Contains("delete demo/alice example.com alice_logs", Dashboard.Calls);
        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.Deleted", "alice_logs"), _snackbars.Markup));
    }

    [Fact]
    public async Task Add_WhenCreated_ShowsTheCardFromTheFeedWithoutReloading()
    {
        var cut = RenderPage();

        cut.Find("#add-ftp").Click();
        _dialogs.WaitForElement("#create-login");
        _dialogs.Find("#create-login").Input("web2");
        _dialogs.Find("#create-password").Input(StrongPassword);
        _dialogs.Find("#create-folder").Input("private");
        _dialogs.Find("#create-submit").Click();
        _dialogs.WaitForElement("#cred-done");
        _dialogs.Find("#cred-done").Click();
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#cred-done")));
        // Let the page finish what follows the dialogs (a reload would start there).
        await cut.InvokeAsync(() => { });

        Assert.Equal(["alice_web", "alice_logs", "alice_web2"], Logins(cut));
        Assert.Contains("/home/alice/web/example.com/private", Card(cut, "alice_web2").TextContent);
        Assert.Contains("changed", Card(cut, "alice_web2").ClassList);
        Assert.Equal("FTP account alice_web2 added on example.com (folder /private)", cut.Find("#live-announcer").TextContent.Trim());
        Assert.Equal(1, LoadCalls);
        Assert.Equal(0, Dashboard.Refreshes);
    }

    [Fact]
    public void Edit_WhenFolderChanged_ShowsTheNewFolderFromTheFeedWithoutReloading()
    {
        var cut = RenderPage();

        Card(cut, "alice_web").QuerySelector(".edit-button")!.Click();
        _dialogs.WaitForElement("#edit-folder");
        _dialogs.Find("#edit-folder").Input("private");
        _dialogs.Find("#edit-submit").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("DomainFtp.Edit.FolderChanged", "alice_web", "/private"), _snackbars.Markup));
        Assert.Contains("/home/alice/web/example.com/private", Card(cut, "alice_web").TextContent);
        Assert.Contains("changed", Card(cut, "alice_web").ClassList);
        Assert.Equal("FTP account alice_web on example.com now uses folder /private (was /public_html)", cut.Find("#live-announcer").TextContent.Trim());
        Assert.Contains("folder demo/alice example.com alice_web /private", Dashboard.Calls);
        Assert.Equal(1, LoadCalls);
        Assert.Equal(0, Dashboard.Refreshes);
    }

    [Fact]
    public void Edit_WhenPasswordChanged_AnnouncesItFromTheFeedWithoutReloading()
    {
        var cut = RenderPage();

        Card(cut, "alice_logs").QuerySelector(".edit-button")!.Click();
        _dialogs.WaitForElement("#edit-password");
        _dialogs.Find("#edit-password").Input(StrongPassword);
        _dialogs.Find("#edit-submit").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.PasswordChanged", "alice_logs"), _snackbars.Markup));
        Assert.Contains("changed", Card(cut, "alice_logs").ClassList);
        Assert.Equal(T("Support.Event.FtpPasswordChanged", "alice_logs", "example.com"), cut.Find("#live-announcer").TextContent.Trim());
        Assert.Equal(1, LoadCalls);
    }

    [Fact]
    public void Delete_WhenConfirmed_DropsTheCardFromTheFeedWithoutReloading()
    {
        var cut = RenderPage();

        Card(cut, "alice_web").QuerySelector(".delete-button")!.Click();
        _dialogs.WaitForElement("#delete-confirm");
        _dialogs.Find("#delete-confirm").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.Deleted", "alice_web"), _snackbars.Markup));
        Assert.Equal(["alice_logs"], Logins(cut));
        Assert.Equal(T("Support.Event.FtpRemoved", "alice_web", "example.com"), cut.Find("#live-announcer").TextContent.Trim());
        Assert.Equal(1, LoadCalls);
        Assert.Equal(0, Dashboard.Refreshes);
    }

    [Fact]
    public void RetryNow_WhenTheServerAnswersAgain_ShowsCheckingThenDropsTheBannerAndSaysWhenChecked()
    {
        WithUnreachableServer();
        var cut = RenderPage();
        Dashboard.LoadGate = new TaskCompletionSource();

        cut.Find("#retry-now").Click();

        Assert.True(cut.Find("#retry-now").HasAttribute("disabled"));
        Assert.Equal("true", cut.Find("#retry-now").GetAttribute("aria-busy"));
        Assert.Equal(T("Live.Refreshing"), cut.Find("#retry-now").TextContent.Trim());
        Assert.True(cut.Find("#refresh-now").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#retry-result"));
        Assert.Equal(1, Dashboard.Refreshes);

        Dashboard.Status = ServerStatus.Initial("demo");
        Dashboard.LoadGate.SetResult();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#unreachable-banner")));
        Assert.Equal(T("Live.RefreshDone", TimeText.Clock(Dashboard.AsOf, ReaderZone.Utc)), cut.Find(".refresh-result").TextContent.Trim());
        Assert.Equal(T("Card.Active"), cut.Find("#status-chip").TextContent.Trim());
        Assert.False(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.False(cut.Find("#refresh-now").HasAttribute("disabled"));
        Assert.Equal(1, Dashboard.Refreshes);
    }

    [Fact]
    public void RefreshNow_WhenClicked_ShowsCheckingThenSaysWhenChecked()
    {
        var cut = RenderPage();
        Dashboard.LoadGate = new TaskCompletionSource();

        cut.Find("#refresh-now").Click();

        Assert.True(cut.Find("#refresh-now").HasAttribute("disabled"));
        Assert.Equal(T("Live.Refreshing"), cut.Find("#refresh-now").TextContent.Trim());
        Dashboard.LoadGate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal(T("Live.RefreshNow"), cut.Find("#refresh-now").TextContent.Trim()));
        Assert.Equal(T("Live.RefreshDone", TimeText.Clock(Dashboard.AsOf, ReaderZone.Utc)), cut.Find(".refresh-result").TextContent.Trim());
        Assert.Equal(1, Dashboard.Refreshes);
    }




    private static Dictionary<string, int> CardRenders(IRenderedComponent<DomainFtpPage> cut) =>
        cut.FindComponents<DomainFtpCard>().ToDictionary(c => c.Instance.Model.Login, c => c.RenderCount);

    [Fact]
    public async Task LiveUpdate_WithEqualData_RendersThePageButNoCard()
    {
        var cut = RenderPage();
        var pageRenders = cut.RenderCount;

        await Dashboard.PushAsync();

        Assert.True(cut.RenderCount > pageRenders, "the page rendered again");
        Assert.Equal(new Dictionary<string, int> { ["alice_web"] = 1, ["alice_logs"] = 1 }, CardRenders(cut));
    }

    [Fact]
    public async Task LiveUpdate_WhenOneAccountMoved_RendersOnlyThatCard()
    {
        var cut = RenderPage();
        Dashboard.Domains[0] = Dashboard.Domains[0] with
        {
            FtpAccounts = [Dashboard.Domains[0].FtpAccounts[0], new("alice_logs", "example.com", "/logs")],
        };

        await Dashboard.PushAsync(new AccountChange(new("demo", "alice"), ChangeKind.FtpMoved, "example.com", "alice_logs", 
            ChangeSource.External, _time.GetUtcNow()));

        Assert.Equal(new Dictionary<string, int> { ["alice_web"] = 1, ["alice_logs"] = 2 }, CardRenders(cut));
        Assert.Equal("/home/alice/web/example.com/logs", cut.Find(".domain-ftp-card[data-login='alice_logs'] .card-folder .folder-absolute").TextContent);
    }
}
