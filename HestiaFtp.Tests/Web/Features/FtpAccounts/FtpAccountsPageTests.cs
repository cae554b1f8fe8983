using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Data;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class FtpAccountsPageTests : DashboardTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    /// <summary>MudBlazor's debounced input waits on the injected TimeProvider, so the fake clock drives the filter.</summary>
    private static readonly TimeSpan FilterDebounce = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 5, 0, TimeSpan.Zero));
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private readonly IRenderedComponent<MudSnackbarProvider> _snackbars;

    public FtpAccountsPageTests()
    {
        Services.AddSingleton<TimeProvider>(_time);
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", ssl: true, accounts: [("alice_web", "/public_html"), ("alice_logs", "")]));
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("other.org", accounts: ("alice_other", "")));
        (_dialogs, _snackbars) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private IRenderedComponent<FtpAccountsPage> RenderPage(string? server = null, string? account = null)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(account is null ? "/" : $"/?server={Uri.EscapeDataString(server ?? "")}&account={Uri.EscapeDataString(account)}");
        return Render<FtpAccountsPage>();
    }

    private static List<string> Logins(IRenderedComponent<FtpAccountsPage> cut) =>
        cut.FindAll(".ftp-card").Select(e => e.GetAttribute("data-login")!).ToList();

    private int LoadCalls => Dashboard.Calls.Count(c => c == "load demo/alice");

    /// <summary>How often a text occurs in what the page shows (its text, not its markup).</summary>
    private static int Occurrences(IRenderedComponent<FtpAccountsPage> cut, string text)
    {
        var all = string.Concat(cut.Nodes.Select(n => n.TextContent));
        var count = 0;
        for (var at = all.IndexOf(text, StringComparison.Ordinal); at >= 0; at = all.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private void WithUnreachableServer() =>
        Dashboard.Status = new ServerStatus("demo", false, new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero), null, "timeout", null);

    private void SignInAsSupport()
    {
        SignInAs(new DashboardUser("demo", "staff", DashboardRole.Support));
        Dashboard.Accounts.AddRange([new AccountKey("demo", "alice"), new AccountKey("demo", "bob")]);
    }

    private void WithManyAccounts(int count)
    {
        Dashboard.Domains.Clear();
        const int perDomain = 100;
        for (var d = 0; d * perDomain < count; d++)
        {
            var accounts = Enumerable.Range(d * perDomain, Math.Min(perDomain, count - d * perDomain))
                .Select(i => ($"alice_f{i:D4}", "")).ToArray();
            Dashboard.Domains.Add(FakeFtpDashboard.Domain($"site{d:D2}.example", accounts: accounts));
        }
    }

    [Fact]
    public void Render_WhileLoading_ShowsSkeletonsThenCards()
    {
        Dashboard.LoadGate = new TaskCompletionSource();

        var cut = RenderPage();

        Assert.NotNull(cut.Find("#loading"));
        Assert.NotEmpty(cut.FindAll("#loading .mud-skeleton"));
        Assert.Empty(cut.FindAll(".ftp-card"));
        Assert.Empty(cut.FindAll("#status-line"));
        Dashboard.LoadGate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut)), Patience);
        Assert.Empty(cut.FindAll("#loading"));
    }

    [Fact]
    public void Render_ForCustomer_ShowsEveryAccountOfEveryDomain()
    {
        var cut = RenderPage();

        Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut));
        Assert.Equal("example.com", cut.Find(".ftp-card[data-login='alice_logs'] strong").TextContent);
        Assert.Equal("other.org", cut.Find(".ftp-card[data-login='alice_other'] strong").TextContent);
        Assert.Equal("https://example.com/", cut.Find(".ftp-card[data-login='alice_web'] .site-link").GetAttribute("href"));
        Assert.Equal("http://other.org/", cut.Find(".ftp-card[data-login='alice_other'] .site-link").GetAttribute("href"));
        Assert.Equal("/domains/other.org", cut.Find(".ftp-card[data-login='alice_other'] .advanced-link").GetAttribute("href"));
        Assert.Contains("resolve  ", Dashboard.Calls);
        Assert.Contains("load demo/alice", Dashboard.Calls);
        Assert.Contains("watch demo/alice", Dashboard.Calls);
        Assert.False(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("#add-disabled-reason"));
        Assert.Empty(cut.FindAll("#unreachable-banner"));
        Assert.Empty(cut.FindAll("#pager"));
    }

    [Fact]
    public void Render_StatusLine_CountsAccountsAndDomains()
    {
        var cut = RenderPage();

        var line = cut.Find("#status-line").TextContent;
        Assert.Contains("alice", line);
        Assert.Contains("3 FTP accounts on 2 web domains", line);
        Assert.DoesNotContain("1 suspended domain", line);
        Assert.DoesNotContain(T("Accounts.UserSuspended"), line);
    }

    [Fact]
    public void Render_WhenADomainIsSuspended_CountsItAndBlocksEditThereOnly()
    {
        Dashboard.Domains[1] = FakeFtpDashboard.Domain("other.org", suspended: true, accounts: ("alice_other", ""));

        var cut = RenderPage();

        Assert.Contains("1 suspended domain", cut.Find("#status-line").TextContent);
        Assert.Equal(T("Card.Suspended"), cut.Find(".ftp-card[data-login='alice_other'] .status-chip").TextContent.Trim());
        Assert.Equal(T("Health.DomainSuspended"), cut.Find(".ftp-card[data-login='alice_other'] .status-explain").TextContent.Trim());
        Assert.True(cut.Find(".ftp-card[data-login='alice_other'] .edit-button").HasAttribute("disabled"));
        Assert.Equal(T("Accounts.DomainSuspendedReason"), cut.Find(".ftp-card[data-login='alice_other'] .disabled-reason").TextContent.Trim());
        Assert.False(cut.Find(".ftp-card[data-login='alice_other'] .delete-button").HasAttribute("disabled"));
        Assert.False(cut.Find(".ftp-card[data-login='alice_web'] .edit-button").HasAttribute("disabled"));
        Assert.False(cut.Find("#add-ftp").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_WhenEveryDomainIsSuspended_DisablesAddWithReason()
    {
        Dashboard.Domains[0] = Dashboard.Domains[0] with { Suspended = true };
        Dashboard.Domains[1] = Dashboard.Domains[1] with { Suspended = true };

        var cut = RenderPage();

        Assert.Contains("2 suspended domains", cut.Find("#status-line").TextContent);
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(T("Accounts.AllDomainsSuspended"), cut.Find("#add-disabled-reason").TextContent.Trim());
    }

    [Fact]
    public void Render_WhenUserSuspended_ShowsChipLockedCardsAndBlocksChanges()
    {
        Dashboard.HestiaUser = Dashboard.HestiaUser with { Suspended = true };

        var cut = RenderPage();

        Assert.Contains(T("Accounts.UserSuspended"), cut.Find("#status-line").TextContent);
        Assert.All(cut.FindAll(".status-explain"), e => Assert.Equal(T("Health.UserSuspended"), e.TextContent.Trim()));
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(T("Accounts.UserSuspendedReason"), cut.Find("#add-disabled-reason").TextContent.Trim());
        Assert.All(cut.FindAll(".edit-button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void Render_WhenDomainsHaveNoAccounts_ShowsEmptyStateWithAdd()
    {
        Dashboard.Domains[0] = FakeFtpDashboard.Domain("example.com");
        Dashboard.Domains[1] = FakeFtpDashboard.Domain("other.org");

        var cut = RenderPage();

        Assert.Equal(T("Accounts.EmptyTitle"), cut.Find("#empty-state h6").TextContent.Trim());
        Assert.Contains(T("Accounts.EmptyText"), cut.Find("#empty-state").TextContent);
        Assert.False(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll(".ftp-card"));
        Assert.Empty(cut.FindAll("#filter"));
    }

    [Fact]
    public void Render_WhenAccountHasNoDomains_ExplainsAndDisablesAdd()
    {
        Dashboard.Domains.Clear();

        var cut = RenderPage();

        Assert.Contains(T("Accounts.NoDomains"), cut.Find("#empty-state").TextContent);
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(T("Accounts.NoDomainsReason"), cut.Find("#add-disabled-reason").TextContent.Trim());
        Assert.Contains("0 FTP accounts on 0 web domains", cut.Find("#status-line").TextContent);
    }

    [Fact]
    public void Render_WhenLoadFails_ShowsErrorAndRetryLoads()
    {
        Dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-web-domains", null);

        var cut = RenderPage();

        var error = cut.Find("#load-error").TextContent;
        Assert.Contains(T("Accounts.LoadFailed"), error);
        Assert.Contains(T("Error.Unreachable"), error);
        Assert.Empty(cut.FindAll(".ftp-card"));
        Assert.Empty(cut.FindAll("#loading"));
        Dashboard.LoadFailure = null;

        cut.Find("#load-error button").Click();

        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut)), Patience);
        Assert.Empty(cut.FindAll("#load-error"));
        Assert.Equal(2, Dashboard.Calls.Count(c => c == "load demo/alice"));
    }

    [Fact]
    public void Render_WhenRetryAfterALoadErrorFailsToo_ShowsTheNewReason()
    {
        Dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-web-domains", null);
        var cut = RenderPage();
        Dashboard.LoadFailure = new DashboardAccessException(DashboardAccessException.Reason.SignedOut);

        cut.Find("#load-error button").Click();

        cut.WaitForAssertion(() => Assert.Contains(T("Error.SignedOut"), cut.Find("#load-error").TextContent), Patience);
        Assert.Contains(T("Accounts.LoadFailed"), cut.Find("#load-error").TextContent);
        Assert.DoesNotContain(T("Error.Unreachable"), cut.Find("#load-error").TextContent);
        Assert.Equal(1, Dashboard.Refreshes);
    }

    [Fact]
    public void Render_WhenLoadFailsWithApiCredentials_SaysSoWithoutDetails()
    {
        Dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Password, "v-list-web-domains", "Error: password wrong for admin");

        var cut = RenderPage();

        Assert.Contains(T("Error.ApiCredentials"), cut.Find("#load-error").TextContent);
        Assert.DoesNotContain("v-list-web-domains", cut.Markup);
        Assert.DoesNotContain("password wrong", cut.Markup);
    }

    [Fact]
    public void Render_WhenCustomerAsksForAnotherAccount_SaysOwnAccountOnlyWithoutRetryAndLoadsNothing()
    {
        var cut = RenderPage(server: "demo", account: "bob");

        Assert.Equal(T("Error.OwnAccountOnly"), cut.Find("#load-error").TextContent.Trim());
        Assert.Empty(cut.FindAll("#load-error button"));
        Assert.Empty(cut.FindAll(".ftp-card"));
        Assert.Empty(cut.FindAll("#add-ftp"));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("load", StringComparison.Ordinal));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("watch", StringComparison.Ordinal));
    }

    [Fact]
    public void Filter_ByLogin_ShowsOnlyMatchingCards()
    {
        var cut = RenderPage();

        cut.Find("#filter").Input("LOGS");
        _time.Advance(FilterDebounce);

        cut.WaitForAssertion(() => Assert.Equal(["alice_logs"], Logins(cut)), Patience);
        Assert.Contains(T("Accounts.RangeFiltered", 1, 1, 1, 3), cut.Find(".filter-count").TextContent);
    }

    [Fact]
    public void Filter_ByDomain_ShowsThatDomainsCards()
    {
        var cut = RenderPage();

        cut.Find("#filter").Input("example");
        _time.Advance(FilterDebounce);

        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_logs"], Logins(cut)), Patience);
        Assert.Contains(T("Accounts.RangeFiltered", 1, 2, 2, 3), cut.Find(".filter-count").TextContent);
    }

    [Fact]
    public void Filter_WhenNothingMatches_SaysSo()
    {
        var cut = RenderPage();

        cut.Find("#filter").Input("zzz");
        _time.Advance(FilterDebounce);

        cut.WaitForAssertion(() => Assert.Equal(T("Accounts.NoMatch"), cut.Find("#no-match").TextContent.Trim()), Patience);
        Assert.Empty(Logins(cut));
    }

    [Fact]
    public void Render_With2000Accounts_RendersOnePageOf48AndAPager()
    {
        WithManyAccounts(2000);

        var cut = RenderPage();

        Assert.Equal(48, cut.FindAll(".ftp-card").Count);
        Assert.Equal(Enumerable.Range(0, 48).Select(i => $"alice_f{i:D4}"), Logins(cut));
        Assert.NotNull(cut.Find("#pager"));
        Assert.Contains("2000 FTP accounts on 20 web domains", cut.Find("#status-line").TextContent);
        Assert.Contains(T("Accounts.Range", 1, 48, 2000), cut.Find(".filter-count").TextContent);
        // Rough size check: one page of cards, not 2,000 (a 48-card page is well under 2 MB; 2,000 cards would be ~40x more).
        Assert.True(cut.Markup.Length < 2_000_000, $"markup is {cut.Markup.Length} characters");
        Assert.DoesNotContain("alice_f0048", cut.Markup);
        Assert.DoesNotContain("alice_f1999", cut.Markup);
    }

    [Fact]
    public void Pager_Page2_ShowsTheNext48()
    {
        WithManyAccounts(2000);
        var cut = RenderPage();

        cut.FindAll("#pager button").Single(b => b.TextContent.Trim() == "2").Click();

        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(48, 48).Select(i => $"alice_f{i:D4}"), Logins(cut)), Patience);
    }

    [Fact]
    public void Filter_OnALaterPage_GoesBackToPage1()
    {
        WithManyAccounts(2000);
        var cut = RenderPage();
        cut.FindAll("#pager button").Single(b => b.TextContent.Trim() == "2").Click();
        cut.WaitForAssertion(() => Assert.Equal("alice_f0048", Logins(cut)[0]), Patience);

        cut.Find("#filter").Input("site01");
        _time.Advance(FilterDebounce);

        cut.WaitForAssertion(() => Assert.Equal(Enumerable.Range(100, 48).Select(i => $"alice_f{i:D4}"), Logins(cut)), Patience);
        Assert.Contains(T("Accounts.RangeFiltered", 1, 48, 100, 2000), cut.Find(".filter-count").TextContent);
    }

    [Fact]
    public void Render_ForSupportWithoutAccount_RedirectsToTheOverview()
    {
        SignInAsSupport();

        var cut = RenderPage();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Equal("http://localhost/support", navigation.Uri);
        Assert.Empty(cut.FindAll("#add-ftp"));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("load", StringComparison.Ordinal));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("resolve", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ForCustomerWithoutAccount_StaysOnTheAccountsPage()
    {
        var cut = RenderPage();

        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal(3, Logins(cut).Count);
    }

    [Fact]
    public void Render_ForSupport_ShowsTheAccountReadOnly()
    {
        SignInAsSupport();

        var cut = RenderPage(server: "demo", account: "alice");

        Assert.Contains("resolve demo alice", Dashboard.Calls);
        Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut));
        Assert.NotNull(cut.Find(".account-picker"));
        Assert.Contains(T("Role.Support"), cut.Find("#status-line").TextContent);
        Assert.Empty(cut.FindAll("#add-ftp"));
        Assert.Empty(cut.FindAll(".edit-button"));
        Assert.Empty(cut.FindAll(".delete-button"));
        Assert.Equal("/domains/example.com?server=demo&account=alice",
            cut.Find(".ftp-card[data-login='alice_web'] .advanced-link").GetAttribute("href"));
    }

    [Fact]
    public void Render_ForCustomer_LinksFileManagerAndSaysThePanelMayAskToSignIn()
    {
        var cut = RenderPage();

        var button = cut.Find("#file-manager");
        Assert.Equal("https://panel.example.net:8083/fm/", button.GetAttribute("href"));
        Assert.Equal("_blank", button.GetAttribute("target"));
        Assert.Equal("file-manager-hint", button.GetAttribute("aria-describedby"));
        Assert.Equal(T("Accounts.FileManagerHint"), cut.Find("#file-manager-hint").TextContent);
    }

    [Fact]
    public void Render_ForSupport_ShowsNoFileManagerButton()
    {
        SignInAsSupport();

        var cut = RenderPage(server: "demo", account: "alice");

        Assert.NotEmpty(cut.FindAll(".ftp-card"));
        Assert.Empty(cut.FindAll("#file-manager"));
        Assert.Empty(cut.FindAll("#file-manager-hint"));
    }

    [Fact]
    public async Task PickAccount_ForSupport_NavigatesToThatAccount()
    {
        SignInAsSupport();
        var cut = RenderPage("demo", "alice");

        var select = cut.FindComponent<MudSelect<AccountKey>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(new AccountKey("demo", "bob")));

        Assert.EndsWith("/?server=demo&account=bob", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveUpdate_WhenAccountAdded_ShowsHighlightedCardAnnouncesAndFadesLater()
    {
        var cut = RenderPage();
        Assert.Equal("", cut.Find("#live-announcer").TextContent.Trim());
        Assert.Equal("polite", cut.Find("#live-announcer").GetAttribute("aria-live"));
        Dashboard.Domains[1] = Dashboard.Domains[1] with { FtpAccounts = [.. Dashboard.Domains[1].FtpAccounts, new("alice_new", "other.org", "/uploads")] };

        await Dashboard.PushAsync(new AccountChange(new("demo", "alice"), ChangeKind.FtpAdded, "other.org", "alice_new",
             ChangeSource.External, _time.GetUtcNow(), To: "/uploads"));

        cut.WaitForAssertion(() => Assert.Contains("alice_new", Logins(cut)), Patience);
        Assert.Contains("changed", cut.Find(".ftp-card[data-login='alice_new']").ClassList);
        Assert.DoesNotContain("changed", cut.Find(".ftp-card[data-login='alice_web']").ClassList);
        Assert.Equal("FTP account alice_new added on other.org (folder /uploads)", cut.Find("#live-announcer").TextContent.Trim());
        Assert.Contains("4 FTP accounts on 2 web domains", cut.Find("#status-line").TextContent);

        _time.Advance(TimeSpan.FromSeconds(3));

        cut.WaitForAssertion(() => Assert.DoesNotContain("changed", cut.Find(".ftp-card[data-login='alice_new']").ClassList), Patience);
    }

    [Fact]
    public async Task LiveUpdate_WhenAccountRemoved_DropsTheCard()
    {
        var cut = RenderPage();
        Dashboard.Domains[0] = Dashboard.Domains[0] with { FtpAccounts = [Dashboard.Domains[0].FtpAccounts[0]] };

        await Dashboard.PushAsync(new AccountChange(new("demo", "alice"), ChangeKind.FtpRemoved, "example.com", "alice_logs",
             ChangeSource.External, _time.GetUtcNow()));

        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_other"], Logins(cut)), Patience);
        Assert.Equal(T("Support.Event.FtpRemoved", "alice_logs", "example.com"), cut.Find("#live-announcer").TextContent.Trim());
    }

    [Fact]
    public void Render_WhenServerUnreachable_ShowsBannerKeepsDataAndDisablesChangesWithReasons()
    {
        WithUnreachableServer();

        var cut = RenderPage();

        Assert.Contains(T("Live.Unreachable", "demo"), cut.Find("#unreachable-banner").TextContent);
        Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut));
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(T("Live.Paused"), cut.Find("#add-disabled-reason").TextContent.Trim());
        Assert.Equal(3, cut.FindAll(".edit-button[disabled]").Count);
        Assert.Equal(3, cut.FindAll(".delete-button[disabled]").Count);
        // Which reason each card shows is the card's business (FtpAccountCardTests); the page hands every card the outage one.
        var cards = cut.FindComponents<FtpAccountCard>();
        Assert.Equal(3, cards.Count);
        Assert.All(cards, c => Assert.Equal(T("Live.Paused"), c.Instance.Model.EditDisabledReason));
        Assert.All(cards, c => Assert.Equal(T("Live.Paused"), c.Instance.Model.DeleteDisabledReason));
    }

    [Fact]
    public async Task LiveUpdate_WhenServerBecomesUnreachableThenRecovers_TogglesBannerAndButtons()
    {
        var cut = RenderPage();
        WithUnreachableServer();

        await Dashboard.PushAsync();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#unreachable-banner")), Patience);
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(3, Logins(cut).Count);

        Dashboard.Status = ServerStatus.Initial("demo");
        await Dashboard.PushAsync();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#unreachable-banner")), Patience);
        Assert.False(cut.Find("#add-ftp").HasAttribute("disabled"));
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
    public void Add_Click_OpensTheAddDialogWithTheDomains()
    {
        var cut = RenderPage();

        cut.Find("#add-ftp").Click();

        _dialogs.WaitForElement("#add-submit");
        Assert.Equal(["example.com", "other.org"], _dialogs.FindAll(".domain-choice .mono").Select(e => e.TextContent).ToList());
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("quick", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_WhenQuickCreated_ShowsCredentialsThenTheNewCard()
    {
        var cut = RenderPage();

        cut.Find("#add-ftp").Click();
        _dialogs.WaitForElement("#add-submit");
        _dialogs.Find("#add-submit").Click();

        _dialogs.WaitForElement("#cred-login", Patience);
        var login = _dialogs.Find("#cred-login").TextContent;
        Assert.StartsWith("alice_ftpq", login, StringComparison.Ordinal);
        Assert.Contains("quick demo/alice example.com", Dashboard.Calls);
        Assert.Empty(_dialogs.FindAll("#add-submit"));

        _dialogs.Find("#cred-done").Click();
        _dialogs.Find("#cred-close-anyway").Click();

        cut.WaitForAssertion(() => Assert.Contains(login, Logins(cut)), Patience);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#cred-login")), Patience);
    }

    [Fact]
    public void Add_WhenCancelled_ChangesNothing()
    {
        var cut = RenderPage();
        cut.Find("#add-ftp").Click();
        _dialogs.WaitForElement("#add-submit");

        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == T("Common.Cancel")).Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#add-submit")), Patience);
        Assert.Empty(_dialogs.FindAll("#cred-login"));
        Assert.Equal(1, Dashboard.Calls.Count(c => c == "load demo/alice"));
        Assert.Equal(3, Logins(cut).Count);
    }

    [Fact]
    public void Render_AfterCircuitLostWhilePasswordShown_SaysSoAndOffersANewPassword()
    {
        JSInterop.Setup<string?>("hestiaFtp.takeLostPassword").SetResult("alice_web");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(T("Credentials.Lost", "alice_web"), cut.Find("#password-lost span").TextContent));
        cut.Find("#password-lost-set").Click();
        _dialogs.WaitForElement("#change-password-input");
        Assert.Contains("alice_web", _dialogs.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#password-lost"));
    }

    [Fact]
    public void Render_WithoutLostPassword_ShowsNoNotice()
    {
        JSInterop.Setup<string?>("hestiaFtp.takeLostPassword").SetResult(null);

        var cut = RenderPage();

        Assert.NotEmpty(cut.FindAll(".ftp-card"));
        Assert.Empty(cut.FindAll("#password-lost"));
    }

    [Fact]
    public void Edit_Click_OpensChangePasswordForThatLogin()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_other'] .edit-button").Click();

        _dialogs.WaitForElement("#change-password-input");
        Assert.Contains("alice_other", _dialogs.Find(".mud-dialog-content").TextContent);
        Assert.Contains("other.org", _dialogs.Find(".mud-dialog-content").TextContent);
    }

    [Fact]
    public void Edit_WhenPasswordChanged_ShowsSnackbar()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_web'] .edit-button").Click();
        _dialogs.WaitForElement("#change-password-input");
        _dialogs.Find("#change-password-input").Input("Correct-Horse-Battery-9");
        _dialogs.Find("#change-password-submit").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.PasswordChanged", "alice_web"), _snackbars.Markup), Patience);
        Assert.Contains("password demo/alice example.com alice_web", Dashboard.Calls);
    }

    [Fact]
    public void Delete_WhenConfirmed_DeletesShowsSnackbarAndRemovesTheCard()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_web'] .delete-button").Click();
        _dialogs.WaitForElement("#delete-confirm");
        Assert.Contains("alice_web", _dialogs.Find("#delete-question").TextContent);
        Assert.Contains("/home/alice/web/example.com/public_html", _dialogs.Find("#delete-files-stay").TextContent);
        _dialogs.Find("#delete-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(["alice_logs", "alice_other"], Logins(cut)), Patience);
        Assert.Contains("delete demo/alice example.com alice_web", Dashboard.Calls);
        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.Deleted", "alice_web"), _snackbars.Markup), Patience);
    }

    [Fact]
    public void Delete_WhenCancelled_KeepsTheCard()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_web'] .delete-button").Click();
        _dialogs.WaitForElement("#delete-confirm");
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == T("Common.Cancel")).Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#delete-confirm")), Patience);
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));
        Assert.Equal(3, Logins(cut).Count);
    }

    [Fact]
    public async Task Add_WhenQuickCreated_ShowsTheCardFromTheFeedWithoutReloading()
    {
        var cut = RenderPage();

        cut.Find("#add-ftp").Click();
        _dialogs.WaitForElement("#add-submit");
        _dialogs.Find("#add-submit").Click();
        _dialogs.WaitForElement("#cred-login", Patience);
        var login = _dialogs.Find("#cred-login").TextContent;
        _dialogs.Find("#cred-done").Click();
        _dialogs.Find("#cred-close-anyway").Click();
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#cred-login")), Patience);
        // Let the page finish what follows the dialogs (a reload would start there).
        await cut.InvokeAsync(() => { });

        Assert.Equal(["alice_web", "alice_logs", login, "alice_other"], Logins(cut));
        Assert.Contains("changed", cut.Find($".ftp-card[data-login='{login}']").ClassList);
        Assert.Equal($"FTP account {login} added on example.com (folder /)", cut.Find("#live-announcer").TextContent.Trim());
        Assert.Contains("4 FTP accounts on 2 web domains", cut.Find("#status-line").TextContent);
        Assert.Equal(1, LoadCalls);
        Assert.Equal(0, Dashboard.Refreshes);
    }

    [Fact]
    public void Edit_WhenPasswordChanged_AnnouncesItFromTheFeedWithoutReloading()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_other'] .edit-button").Click();
        _dialogs.WaitForElement("#change-password-input");
        _dialogs.Find("#change-password-input").Input("Correct-Horse-Battery-9");
        _dialogs.Find("#change-password-submit").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.PasswordChanged", "alice_other"), _snackbars.Markup), Patience);
        Assert.Contains("changed", cut.Find(".ftp-card[data-login='alice_other']").ClassList);
        Assert.DoesNotContain("changed", cut.Find(".ftp-card[data-login='alice_web']").ClassList);
        Assert.Equal(T("Support.Event.FtpPasswordChanged", "alice_other", "other.org"), cut.Find("#live-announcer").TextContent.Trim());
        Assert.Equal(1, LoadCalls);
        Assert.Equal(0, Dashboard.Refreshes);
    }

    [Fact]
    public void Delete_WhenConfirmed_DropsTheCardFromTheFeedWithoutReloading()
    {
        var cut = RenderPage();

        cut.Find(".ftp-card[data-login='alice_logs'] .delete-button").Click();
        _dialogs.WaitForElement("#delete-confirm");
        _dialogs.Find("#delete-confirm").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.Deleted", "alice_logs"), _snackbars.Markup), Patience);
        Assert.Equal(["alice_web", "alice_other"], Logins(cut));
        Assert.Equal(T("Support.Event.FtpRemoved", "alice_logs", "example.com"), cut.Find("#live-announcer").TextContent.Trim());
        Assert.Contains("2 FTP accounts on 2 web domains", cut.Find("#status-line").TextContent);
        Assert.Equal(1, LoadCalls);
        Assert.Equal(0, Dashboard.Refreshes);
    }

    [Fact]
    public void Render_WhenServerUnreachableWithSeveralCards_SaysSoOnceInTheBanner()
    {
        WithUnreachableServer();

        var cut = RenderPage();

        Assert.Equal(3, cut.FindAll(".ftp-card").Count);
        Assert.Single(cut.FindAll("#unreachable-banner"));
        Assert.Equal(1, Occurrences(cut, T("Live.Unreachable", "demo")));
        Assert.Equal(1, Occurrences(cut, T("Live.UnreachableSince",
            TimeText.Short(new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero), ReaderZone.Utc), TimeText.Short(Dashboard.AsOf, ReaderZone.Utc))));
        Assert.Single(cut.FindAll("#retry-now"));
    }

    [Fact]
    public void RetryNow_WhileTheServerStillDoesNotAnswer_ShowsCheckingThenSaysSoInTheBanner()
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

        Dashboard.LoadGate.SetResult();

        cut.WaitForAssertion(() => Assert.Equal(T("Live.RefreshFailed", TimeText.Clock(_time.GetUtcNow(), ReaderZone.Utc)), cut.Find("#retry-result").TextContent.Trim()), Patience);
        Assert.False(cut.Find("#retry-now").HasAttribute("disabled"));
        Assert.Equal("false", cut.Find("#retry-now").GetAttribute("aria-busy"));
        Assert.Equal(T("Common.Retry"), cut.Find("#retry-now").TextContent.Trim());
        Assert.Equal(1, Occurrences(cut, T("Live.RefreshFailed", TimeText.Clock(_time.GetUtcNow(), ReaderZone.Utc))));
        Assert.True(cut.Find("#add-ftp").HasAttribute("disabled"));
        Assert.Equal(3, Logins(cut).Count);
        Assert.Equal(1, Dashboard.Refreshes);
    }

    [Fact]
    public void RetryNow_WhenTheCheckFails_SaysWhyInTheBannerAndKeepsTheCards()
    {
        WithUnreachableServer();
        var cut = RenderPage();
        Dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-web-domains", null);

        cut.Find("#retry-now").Click();

        cut.WaitForAssertion(() => Assert.Equal(T("Live.RefreshFailedBecause", T("Error.Unreachable")), cut.Find("#retry-result").TextContent.Trim()), Patience);
        Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut));
        Assert.Empty(cut.FindAll("#load-error"));
    }

    private static Dictionary<string, int> CardRenders(IRenderedComponent<FtpAccountsPage> cut) =>
        cut.FindComponents<FtpAccountCard>().ToDictionary(c => c.Instance.Model.Login, c => c.RenderCount);

    [Fact]
    public async Task LiveUpdate_WithEqualData_RendersThePageButNoCard()
    {
        var cut = RenderPage();
        var before = CardRenders(cut);
        var pageRenders = cut.RenderCount;

        await Dashboard.PushAsync();

        Assert.True(cut.RenderCount > pageRenders, "the page rendered again");
        Assert.Equal(before, CardRenders(cut));
        Assert.All(before.Values, count => Assert.Equal(1, count));
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

        Assert.Equal(new Dictionary<string, int> { ["alice_web"] = 1, ["alice_logs"] = 2, ["alice_other"] = 1 }, CardRenders(cut));
        Assert.Equal("/logs", cut.Find(".ftp-card[data-login='alice_logs'] .folder-text").TextContent);

        _time.Advance(TimeSpan.FromSeconds(3));

        cut.WaitForAssertion(() => Assert.DoesNotContain("changed", cut.Find(".ftp-card[data-login='alice_logs']").ClassList), Patience);
        Assert.Equal(new Dictionary<string, int> { ["alice_web"] = 1, ["alice_logs"] = 3, ["alice_other"] = 1 }, CardRenders(cut));
    }

    [Fact]
    public async Task LiveUpdate_WhenServerBecomesUnreachable_RendersEveryCardOnce()
    {
        var cut = RenderPage();
        WithUnreachableServer();

        await Dashboard.PushAsync();

        Assert.All(CardRenders(cut).Values, count => Assert.Equal(2, count));
    }

    [Fact]
    public void Filter_RendersNoRemainingCardAgain()
    {
        var cut = RenderPage();

        cut.Find("#filter").Input("example");
        _time.Advance(FilterDebounce);

        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_logs"], Logins(cut)), Patience);
        Assert.Equal(new Dictionary<string, int> { ["alice_web"] = 1, ["alice_logs"] = 1 }, CardRenders(cut));
    }

    [Fact]
    public void Render_With43Accounts_EachCardIsOneComponent()
    {
        WithManyAccounts(1);
        var oneCard = RenderPage().FindComponents<IComponent>().Count;
        WithManyAccounts(43);

        var cut = RenderPage();

        Assert.Equal(43, cut.FindComponents<FtpAccountCard>().Count);
        Assert.Equal(oneCard + 42, cut.FindComponents<IComponent>().Count);
    }

    private static List<string> RowLogins(IRenderedComponent<FtpAccountsPage> cut) =>
        cut.FindAll(".ftp-row").Select(e => e.GetAttribute("data-login")!).ToList();

    private IRenderedComponent<FtpAccountsPage> RenderTable()
    {
        var cut = RenderPage();
        cut.Find("#view-table").Click();
        cut.WaitForElement("#accounts-table");
        return cut;
    }

    [Fact]
    public void ViewTable_Click_ShowsOneRowPerAccountWithEveryField()
    {
        Dashboard.Domains[1] = FakeFtpDashboard.Domain("other.org", suspended: true, accounts: ("alice_other", "/uploads"));

        var cut = RenderTable();

        Assert.Empty(cut.FindAll(".ftp-card"));
        Assert.Equal(["alice_web", "alice_logs", "alice_other"], RowLogins(cut));
        var row = cut.Find(".ftp-row[data-login='alice_other']");
        Assert.Equal("alice_other", row.QuerySelector(".login-cell")!.TextContent.Trim());
        Assert.Equal("other.org", row.QuerySelector(".domain-cell")!.TextContent.Trim());
        Assert.Equal("/domains/other.org", row.QuerySelector(".domain-cell a")!.GetAttribute("href"));
        Assert.Equal("203.0.113.10", row.QuerySelector(".ip-cell")!.TextContent.Trim());
        Assert.Equal("/uploads", row.QuerySelector(".folder-cell")!.TextContent.Trim());
        Assert.Equal(T("Card.Suspended"), row.QuerySelector(".status-cell")!.TextContent.Trim());
        Assert.Equal(T("Card.Active"), cut.Find(".ftp-row[data-login='alice_web'] .status-cell").TextContent.Trim());
        Assert.Equal("true", cut.Find("#view-table").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("#view-cards").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void ViewTable_Click_RemembersTheChoiceForTheSignedInUser()
    {
        RenderTable();

        Assert.Equal("table", Preferences.Values[("demo", "alice", UserPreferenceNames.AccountsView)]);
    }

    [Fact]
    public void ViewCards_ClickAfterTable_RemembersCards()
    {
        var cut = RenderTable();

        cut.Find("#view-cards").Click();

        Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut));
        Assert.Equal("cards", Preferences.Values[("demo", "alice", UserPreferenceNames.AccountsView)]);
    }

    [Fact]
    public void Render_WhenTableRemembered_OpensInTheTable()
    {
        Preferences.Values[("demo", "alice", UserPreferenceNames.AccountsView)] = "table";

        var cut = RenderPage();

        Assert.Equal(["alice_web", "alice_logs", "alice_other"], RowLogins(cut));
        Assert.Empty(cut.FindAll(".ftp-card"));
    }

    [Fact]
    public void Render_WhenAnotherUserChoseTheTable_OpensInCards()
    {
        Preferences.Values[("demo", "carol", UserPreferenceNames.AccountsView)] = "table";

        var cut = RenderPage();

        Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut));
        Assert.Empty(cut.FindAll("#accounts-table"));
    }

    [Fact]
    public void ViewTable_WhenTheChoiceCannotBeSaved_SwitchesAndSaysItIsNotKept()
    {
        var cut = RenderPage();
        Preferences.Failure = new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10);

        cut.Find("#view-table").Click();

        Assert.Equal(3, RowLogins(cut).Count);
        _snackbars.WaitForAssertion(() => Assert.Contains(T("Accounts.ChoiceNotSaved"), _snackbars.Markup), Patience);
    }

    [Theory]
    [InlineData("sort-login", new[] { "alice_logs", "alice_other", "alice_web" }, new[] { "alice_web", "alice_other", "alice_logs" })]
    [InlineData("sort-domain", new[] { "alice_logs", "alice_web", "alice_other" }, new[] { "alice_other", "alice_logs", "alice_web" })]
    [InlineData("sort-folder", new[] { "alice_logs", "alice_other", "alice_web" }, new[] { "alice_web", "alice_other", "alice_logs" })]
    [InlineData("sort-status", new[] { "alice_logs", "alice_web", "alice_other" }, new[] { "alice_other", "alice_logs", "alice_web" })]
    public void Sort_ClickTwice_OrdersAscendingThenDescending(string header, string[] ascending, string[] descending)
    {
        Dashboard.Domains[1] = FakeFtpDashboard.Domain("other.org", suspended: true, accounts: ("alice_other", "/a"));
        var cut = RenderTable();

        cut.Find($"#{header}").Click();
        Assert.Equal(ascending, RowLogins(cut));
        Assert.Equal("ascending", cut.Find($"#{header}").ParentElement!.GetAttribute("aria-sort"));

        cut.Find($"#{header}").Click();
        Assert.Equal(descending, RowLogins(cut));
        Assert.Equal("descending", cut.Find($"#{header}").ParentElement!.GetAttribute("aria-sort"));
    }

    [Theory]
    [InlineData("logs", new[] { "alice_logs" })]
    [InlineData("OTHER.ORG", new[] { "alice_other" })]
    [InlineData("198.51.100", new[] { "alice_other" })]
    [InlineData("/public_h", new[] { "alice_web" })]
    [InlineData("/home/alice/web/other.org", new[] { "alice_other" })]
    [InlineData("suspend", new[] { "alice_other" })]
    [InlineData("active", new[] { "alice_web", "alice_logs" })]
    public void Filter_ByEachField_ShowsTheMatchingAccounts(string text, string[] expected)
    {
        Dashboard.Domains[1] = FakeFtpDashboard.Domain("other.org", suspended: true, accounts: ("alice_other", "")) with { Ip = "198.51.100.7" };
        var cut = RenderPage();

        cut.Find("#filter").Input(text);
        _time.Advance(FilterDebounce);

        cut.WaitForAssertion(() => Assert.Equal(expected, Logins(cut)), Patience);
    }

    [Fact]
    public void Filter_InTheTable_FiltersTheRows()
    {
        var cut = RenderTable();

        cut.Find("#filter").Input("other");
        _time.Advance(FilterDebounce);

        cut.WaitForAssertion(() => Assert.Equal(["alice_other"], RowLogins(cut)), Patience);
    }

    [Fact]
    public void RangeLabel_At51AccountsOnPage2_Says49To51Of51()
    {
        WithManyAccounts(51);
        var cut = RenderPage();
        Assert.Equal(T("Accounts.Range", 1, 48, 51), cut.Find("#range-label").TextContent.Trim());

        cut.FindAll("#pager button").Single(b => b.TextContent.Trim() == "2").Click();

        cut.WaitForAssertion(() => Assert.Equal(T("Accounts.Range", 49, 51, 51), cut.Find("#range-label").TextContent.Trim()), Patience);
        Assert.Equal("49–51 of 51", cut.Find("#range-label").TextContent.Trim());
        Assert.Equal(["alice_f0048", "alice_f0049", "alice_f0050"], Logins(cut));
    }

    [Fact]
    public void PageSize_Choose12_ShowsTwelvePerPageAndRemembersIt()
    {
        WithManyAccounts(51);
        var cut = RenderPage();

        cut.Find("#page-size").Change("12");

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"alice_f{i:D4}"), Logins(cut));
        Assert.Equal(T("Accounts.Range", 1, 12, 51), cut.Find("#range-label").TextContent.Trim());
        Assert.Equal(5, cut.FindAll("#pager button").Count(b => int.TryParse(b.TextContent.Trim(), out _)));
        Assert.Equal("12", Preferences.Values[("demo", "alice", UserPreferenceNames.AccountsPageSize)]);
    }

    [Fact]
    public void Render_WhenPageSizeRemembered_UsesIt()
    {
        WithManyAccounts(51);
        Preferences.Values[("demo", "alice", UserPreferenceNames.AccountsPageSize)] = "24";

        var cut = RenderPage();

        Assert.Equal(24, Logins(cut).Count);
        Assert.Equal("24", cut.Find("#page-size option[selected]").TextContent.Trim());
    }

    [Fact]
    public void TableEdit_Click_OpensChangePasswordForThatLogin()
    {
        var cut = RenderTable();

        cut.Find(".ftp-row[data-login='alice_other'] .edit-button").Click();

        _dialogs.WaitForElement("#change-password-input");
        Assert.Contains("alice_other", _dialogs.Find(".mud-dialog-content").TextContent);
        Assert.Contains("other.org", _dialogs.Find(".mud-dialog-content").TextContent);
    }

    [Fact]
    public void TableDelete_WhenConfirmed_DeletesAndRemovesTheRow()
    {
        var cut = RenderTable();

        cut.Find(".ftp-row[data-login='alice_web'] .delete-button").Click();
        _dialogs.WaitForElement("#delete-confirm");
        Assert.Contains("alice_web", _dialogs.Find("#delete-question").TextContent);
        _dialogs.Find("#delete-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(["alice_logs", "alice_other"], RowLogins(cut)), Patience);
        Assert.Contains("delete demo/alice example.com alice_web", Dashboard.Calls);
    }

    [Fact]
    public void Table_ForSupport_HasNoEditOrDelete()
    {
        SignInAsSupport();
        var cut = RenderPage("demo", "alice");
        cut.Find("#view-table").Click();

        Assert.Equal(3, RowLogins(cut).Count);
        Assert.Empty(cut.FindAll(".ftp-row .edit-button"));
        Assert.Empty(cut.FindAll(".ftp-row .delete-button"));
    }

    [Fact]
    public async Task TableLiveUpdate_WithEqualData_RendersNoRowAgain()
    {
        var cut = RenderTable();
        var rows = cut.FindComponents<FtpAccountRow>();
        Assert.All(rows, r => Assert.Equal(1, r.RenderCount));

        await Dashboard.PushAsync();

        Assert.All(cut.FindComponents<FtpAccountRow>(), r => Assert.Equal(1, r.RenderCount));
    }

    [Fact]
    public async Task Filter_ByStatusWhenTheServerStopsAnswering_MatchesStatusUnknown()
    {
        var cut = RenderPage();
        cut.Find("#filter").Input("unknown");
        _time.Advance(FilterDebounce);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#no-match")), Patience);

        WithUnreachableServer();
        await cut.InvokeAsync(() => Dashboard.PushAsync());

        cut.WaitForAssertion(() => Assert.Equal(["alice_web", "alice_logs", "alice_other"], Logins(cut)), Patience);
    }
}
