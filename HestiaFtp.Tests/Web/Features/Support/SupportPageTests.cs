using HestiaFtp.Web.Components.Shared;
using System.Reflection;
using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.Support;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HestiaFtp.Tests.Web.Features.Support.FakeLiveAccounts;

namespace HestiaFtp.Tests.Web.Features.Support;

public sealed class SupportPageTests : DashboardTestContext
{
    private readonly FakeLiveAccounts _live = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly FakeAccountSessions _sessions = new();

    public SupportPageTests()
    {
        Services.AddSingleton<ILiveAccounts>(_live);
        Services.AddSingleton<IAccountSessions>(_sessions);
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddScoped<CurrentUser>();
        SignInAs(new DashboardUser("alpha", "staff", DashboardRole.Support));
        _live.AddServer("alpha",
            Account("alpha", "alice", false, ("alice.example", false, 2), ("shop.alice.example", false, 1)),
            Account("alpha", "bob", true, ("bob.example", false, 4)));
        _live.AddServer("beta",
            Account("beta", "carol", false, ("carol.example", true, 0), ("blog.carol.example", false, 3)),
            Unlisted("beta", "dave", 2));
    }

    private IRenderedComponent<SupportPage> RenderPage()
    {
        RenderProviders();
        var cut = Render<SupportPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("td.cell-account")));
        return cut;
    }

    private static List<string> Accounts(IRenderedComponent<SupportPage> cut) =>
        cut.FindAll("td.cell-account a.account-link").Select(a => a.TextContent.Trim()).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<SupportPage> cut, string user) =>
        cut.FindAll("td.cell-account").Single(td => td.QuerySelector("a.account-link")!.TextContent.Trim() == user).ParentElement!;

    [Fact]
    public void SupportPage_Type_RequiresSupportRole()
    {
        var attribute = typeof(SupportPage).GetCustomAttributes<AuthorizeAttribute>().Single();

        Assert.Equal("Support", attribute.Roles);
        Assert.Equal("/support", typeof(SupportPage).GetCustomAttribute<RouteAttribute>()!.Template);
    }

    [Fact]
    public void SupportPage_Injections_IncludeNothingThatCanChangeHestia()
    {
        var injected = typeof(SupportPage).GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(p => p.GetCustomAttribute<InjectAttribute>() is not null)
            .Select(p => p.PropertyType)
            .ToList();

        Assert.Contains(typeof(ILiveAccounts), injected);
        Assert.DoesNotContain(injected, t => t == typeof(IFtpDashboard) || t == typeof(IHestiaClient) || t == typeof(IHestiaClientProvider) || t == typeof(IAuditLog));
    }

    [Fact]
    public void Render_WithAccountsOnTwoServers_ShowsEveryAccountWithLinks()
    {
        var cut = RenderPage();

        Assert.Equal(["bob", "carol", "alice", "dave"], Accounts(cut));
        Assert.Equal("/?server=alpha&account=alice", Row(cut, "alice").QuerySelector("a.account-link")!.GetAttribute("href"));
        Assert.Equal("beta", Row(cut, "carol").QuerySelector("td.cell-server")!.TextContent.Trim());
        Assert.Equal("3", Row(cut, "alice").QuerySelector("td.cell-ftp .ftp-count")!.TextContent.Trim());
        Assert.Contains("2 domains", Row(cut, "alice").QuerySelector("td.cell-domains")!.TextContent);
        Assert.Contains("4 of 4 accounts", cut.Find(".row-count").TextContent);
    }

    [Fact]
    public void Render_ReadsOnlyOverviewsStatusAndFeed()
    {
        var cut = RenderPage();
        cut.Find("button.toggle-domains").Click();
        cut.Find(".filter-problems").Click();

        Assert.All(_live.Calls, call => Assert.Matches("^(overview|status|watch-all|read-overview)", call));
    }

    [Theory]
    [InlineData("alice", "Working", "Active", "0")]
    [InlineData("bob", "Locked", "Suspended", "0")]
    [InlineData("carol", "ChangesBlocked", "Active", "1")]
    public void Render_AccountStates_ShowUserStateSuspendedDomainsAndLoginChip(string user, string health, string userState, string suspendedDomains)
    {
        var cut = RenderPage();
        var row = Row(cut, user);

        Assert.Equal(health, row.QuerySelector("td.cell-health [data-health]")!.GetAttribute("data-health"));
        Assert.Contains(userState, row.QuerySelector("td.cell-user-state")!.TextContent);
        Assert.Equal(suspendedDomains, row.QuerySelector("td.cell-suspended-domains")!.TextContent.Trim());
    }

    [Fact]
    public void Render_LockedAccount_ShowsLocalizedReasonNotTheStoreText()
    {
        var cut = RenderPage();
        var cell = Row(cut, "bob").QuerySelector("td.cell-health")!;

        Assert.Contains("Locked", cell.TextContent);
        Assert.Contains("The HestiaCP user is suspended: every FTP login of the account is locked", cell.QuerySelector(".health-reason")!.TextContent);
        Assert.DoesNotContain(FtpHealthRules.UserSuspendedReason, cut.Markup);
    }

    [Fact]
    public void Render_SuspendedDomain_ShowsChangesBlockedNamingTheDomain()
    {
        var cut = RenderPage();
        var cell = Row(cut, "carol").QuerySelector("td.cell-health")!;

        Assert.Contains("Changes blocked", cell.TextContent);
        Assert.Contains("Suspended web domains: carol.example.", cell.QuerySelector(".health-reason")!.TextContent);
    }

    [Fact]
    public void Render_WorkingAccount_ShowsNoReasonText()
    {
        var cut = RenderPage();

        Assert.Empty(Row(cut, "alice").QuerySelectorAll(".health-reason"));
    }

    [Fact]
    public void Render_UnlistedDomainsWhenTheReadFails_SaysNotReadYetInWords()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("not read yet", Row(cut, "dave").QuerySelector("td.cell-ftp")!.TextContent.Trim()));
        Assert.DoesNotContain("–", Row(cut, "dave").QuerySelector("td.cell-ftp")!.TextContent);
    }

    [Fact]
    public void ToggleDomains_ShowsEachDomainWithStateFtpCountAndLink()
    {
        var cut = RenderPage();
        Assert.Empty(cut.FindAll("li.domain-item"));

        Row(cut, "carol").QuerySelector("button.toggle-domains")!.Click();

        var domains = cut.FindAll("li.domain-item");
        Assert.Equal(["carol.example", "blog.carol.example"], domains.Select(d => d.GetAttribute("data-domain")));
        var suspended = domains[0];
        Assert.Contains("Suspended", suspended.QuerySelector(".domain-state")!.TextContent);
        Assert.Contains("0 FTP accounts", suspended.QuerySelector(".domain-ftp")!.TextContent);
        Assert.Equal("ChangesBlocked", suspended.QuerySelector("[data-health]")!.GetAttribute("data-health"));
        Assert.Equal("/domains/carol.example?server=beta&account=carol", suspended.QuerySelector("a.domain-link")!.GetAttribute("href"));
        Assert.Contains("3 FTP accounts", domains[1].QuerySelector(".domain-ftp")!.TextContent);
        Assert.Equal("true", Row(cut, "carol").QuerySelector("button.toggle-domains")!.GetAttribute("aria-expanded"));
    }

    [Fact]
    public void ToggleDomains_Twice_HidesThemAgain()
    {
        var cut = RenderPage();

        Row(cut, "alice").QuerySelector("button.toggle-domains")!.Click();
        Row(cut, "alice").QuerySelector("button.toggle-domains")!.Click();

        Assert.Empty(cut.FindAll("li.domain-item"));
    }

    [Fact]
    public void ToggleDomains_WhenNotListedYet_SaysSo()
    {
        var cut = RenderPage();

        Row(cut, "dave").QuerySelector("button.toggle-domains")!.Click();

        Assert.Contains("2 web domains, not listed yet.", cut.Find(".domains-unknown").TextContent);
    }

    [Theory]
    [InlineData("shop.alice", "alice")]
    [InlineData("BOB", "bob")]
    [InlineData("Contact carol", "carol")]
    public void Filter_ByDomainAccountOrContact_ShowsOnlyMatchingAccounts(string filter, string expected)
    {
        var cut = RenderPage();

        cut.Find(".support-filter input").Input(filter);

        Assert.Equal([expected], Accounts(cut));
    }

    [Fact]
    public void Filter_WithNoMatch_ShowsEmptyStateAndClearRestoresAll()
    {
        var cut = RenderPage();

        cut.Find(".support-filter input").Input("nothing-like-this");
        Assert.Contains("No account matches the filter.", cut.Find(".support-empty").TextContent);

        cut.Find("button.clear-filters").Click();
        Assert.Equal(4, Accounts(cut).Count);
    }

    [Fact]
    public void SuspendedOnlyChip_ShowsOnlyAccountsWithSuspensions()
    {
        var cut = RenderPage();

        cut.Find(".filter-suspended").Click();

        Assert.Equal(["bob", "carol"], Accounts(cut));
        Assert.Equal("true", cut.Find(".filter-suspended").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void ProblemsOnlyChip_ShowsOnlyAccountsWhoseLoginsOrChangesDoNotWork()
    {
        _live.Replace(Unlisted("beta", "dave", 2, suspendedDomains: 1));
        var cut = RenderPage();

        cut.Find(".filter-problems").Click();

        Assert.Equal(["bob", "carol", "dave"], Accounts(cut));
        cut.Find(".filter-problems").Click();
        Assert.Equal(4, Accounts(cut).Count);
    }

    [Fact]
    public void SortByFtpAccounts_OrdersAscendingThenDescending()
    {
        var cut = RenderPage();

        cut.Find(".sort-ftp").Click();
        Assert.Equal(["dave", "carol", "alice", "bob"], Accounts(cut));

        cut.Find(".sort-ftp").Click();
        Assert.Equal(["bob", "carol", "alice", "dave"], Accounts(cut));
    }

    [Fact]
    public void SortByAccount_ClickTwice_AscendingThenDescending()
    {
        var cut = RenderPage();

        cut.Find(".sort-account").Click();
        Assert.Equal(["alice", "bob", "carol", "dave"], Accounts(cut));

        cut.Find(".sort-account").Click();
        Assert.Equal(["dave", "carol", "bob", "alice"], Accounts(cut));
    }

    [Fact]
    public void ServerCards_ShowStatusLastCheckedAndAccountCount()
    {
        var cut = RenderPage();

        var alpha = cut.Find(".server-card[data-server='alpha']");
        Assert.Contains("Reachable", alpha.QuerySelector(".server-state")!.TextContent);
        Assert.Contains($"Last checked: {TimeText.Full(Now, ReaderZone.Utc)}", alpha.QuerySelector(".last-checked")!.TextContent);
        Assert.Contains("2 accounts", alpha.TextContent);
    }

    [Fact]
    public void ServerCard_WhenUnreachable_ShowsSinceWhenAndLastError()
    {
        var since = Now.AddMinutes(-7);
        _live.Statuses["beta"] = new ServerStatus("beta", false, since, Now.AddMinutes(-8), "Connection refused", Now);

        var cut = RenderPage();

        var beta = cut.Find(".server-card[data-server='beta']");
        Assert.Contains($"Unreachable since {TimeText.Full(since, ReaderZone.Utc)}", beta.QuerySelector(".server-state")!.TextContent);
        Assert.Contains("Last error: Connection refused", beta.TextContent);
        Assert.Contains("Reachable", cut.Find(".server-card[data-server='alpha'] .server-state").TextContent);
    }

    [Fact]
    public void ServerCard_WhenCredentialsRefused_SaysCredentialsWereRefused()
    {
        _live.Statuses["alpha"] = new ServerStatus("alpha", false, Now, null, "Error: authentication failed", Now, CredentialsRefused: true);

        var cut = RenderPage();

        Assert.Contains("Credentials refused: polling stopped", cut.Find(".server-card[data-server='alpha'] .server-state").TextContent);
    }

    [Fact]
    public void RefreshNow_CallsRefreshNowAsyncForThatServerAndReloadsIt()
    {
        var cut = RenderPage();
        _live.Accounts["beta"].Add(Account("beta", "erin", false, ("erin.example", false, 1)));
        _live.Calls.Clear();

        cut.Find(".server-card[data-server='beta'] button.refresh-now").Click();

        cut.WaitForAssertion(() => Assert.Contains("erin", Accounts(cut)));
        Assert.Equal(["refresh-now beta", "overview beta"], _live.Calls);
        Assert.Equal("Server beta checked.", cut.Find("#support-announcement").TextContent);
    }

    [Fact]
    public void RefreshNow_WhenItFails_ShowsLocalizedErrorOnThatServer()
    {
        var cut = RenderPage();
        _live.RefreshFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-users", "timed out");

        cut.Find(".server-card[data-server='alpha'] button.refresh-now").Click();

        cut.WaitForAssertion(() => Assert.Contains("cannot be reached", cut.Find(".server-card[data-server='alpha'] .server-error").TextContent));
        Assert.Empty(cut.FindAll(".server-card[data-server='beta'] .server-error"));
        Assert.NotEmpty(cut.FindAll(".server-card[data-server='alpha'] button.refresh-now"));
    }

    [Fact]
    public void Render_WhenOneServerFails_ShowsItsErrorAndTheOtherServersAccounts()
    {
        _live.OverviewFailures["beta"] = new HestiaException(HestiaReturnCode.Connect, "v-list-users", "refused");

        var cut = RenderPage();

        Assert.Equal(["bob", "alice"], Accounts(cut));
        Assert.NotNull(cut.Find(".server-card[data-server='beta'] .server-error"));
    }

    [Fact]
    public void RecentEvents_AreListedNewestFirstWithTimeServerAndLocalizedText()
    {
        _live.Recent.Add(LiveEvent.ForChange(new AccountChange(new("alpha", "alice"), ChangeKind.FtpAdded, "alice.example", "alice_web",  ChangeSource.Dashboard, Now.AddMinutes(-10), To: "/public_html")));
        _live.Recent.Add(LiveEvent.ForChange(new AccountChange(new("beta", "carol"), ChangeKind.DomainSuspended, "carol.example", null,  ChangeSource.External, Now.AddMinutes(-2))));

        var cut = RenderPage();

        var items = cut.FindAll("li.event-item");
        Assert.Equal(2, items.Count);
        Assert.Equal("carol: web domain carol.example suspended (outside the dashboard)", items[0].QuerySelector(".event-text")!.TextContent.Trim());
        Assert.Equal("beta", items[0].QuerySelector(".event-server")!.TextContent.Trim());
        Assert.Equal(TimeText.Clock(Now.AddMinutes(-2), ReaderZone.Utc), items[0].QuerySelector(".event-time")!.TextContent.Trim());
        Assert.Equal("alice: FTP account alice_web added on alice.example (folder /public_html) (through the dashboard)", items[1].QuerySelector(".event-text")!.TextContent.Trim());
    }

    [Fact]
    public void Render_WithoutEvents_ShowsEmptyEventList()
    {
        var cut = RenderPage();

        Assert.Contains("No changes seen yet.", cut.Find(".events-empty").TextContent);
    }

    [Fact]
    public async Task PushedChange_AppearsInEventListAndUpdatesTheRow()
    {
        var cut = RenderPage();
        _live.Replace(Account("alpha", "alice", false, ("alice.example", true, 2), ("shop.alice.example", false, 1)));

        await _live.PushAsync(LiveEvent.ForChange(new AccountChange(new("alpha", "alice"), ChangeKind.DomainSuspended, "alice.example", null,  ChangeSource.External, Now.AddMinutes(1))));

        cut.WaitForAssertion(() => Assert.Equal("ChangesBlocked", Row(cut, "alice").QuerySelector("[data-health]")!.GetAttribute("data-health")));
        Assert.Equal("alice: web domain alice.example suspended (outside the dashboard)", cut.Find("li.event-item .event-text").TextContent.Trim());
        Assert.Contains("alice: web domain alice.example suspended", cut.Find("#support-announcement").TextContent);
    }

    [Fact]
    public async Task PushedStatus_MarksServerUnreachableAndListsTheEvent()
    {
        var cut = RenderPage();
        var since = Now.AddMinutes(1);
        var status = new ServerStatus("beta", false, since, Now, "timeout", since);
        _live.Statuses["beta"] = status;

        await _live.PushAsync(LiveEvent.ForStatus(status, since));

        cut.WaitForAssertion(() => Assert.Contains($"Unreachable since {TimeText.Full(since, ReaderZone.Utc)}", cut.Find(".server-card[data-server='beta'] .server-state").TextContent));
        Assert.Equal($"HestiaCP unreachable since {TimeText.Clock(since, ReaderZone.Utc)}.", cut.Find("li.event-item .event-text").TextContent.Trim());
    }

    [Fact]
    public async Task PushedChange_WhenFolderMoved_NamesTheOldAndNewFolder()
    {
        var cut = RenderPage();

        await _live.PushAsync(LiveEvent.ForChange(new AccountChange(new("alpha", "alice"), ChangeKind.FtpMoved, "alice.example", "alice_web",
            ChangeSource.External, Now.AddMinutes(1), From: "", To: "/public_html/shop")));

        cut.WaitForAssertion(() => Assert.Equal("alice: FTP account alice_web on alice.example now uses folder /public_html/shop (was /) (outside the dashboard)",
            cut.Find("li.event-item .event-text").TextContent.Trim()));
    }

    [Fact]
    public async Task PushedStatus_WhenCredentialsRefused_ListsTheEventInWords()
    {
        var cut = RenderPage();
        var status = new ServerStatus("beta", false, Now, Now, "Error: authentication failed", Now, CredentialsRefused: true);
        _live.Statuses["beta"] = status;

        await _live.PushAsync(LiveEvent.ForStatus(status, Now.AddMinutes(1)));

        cut.WaitForAssertion(() => Assert.Equal("HestiaCP refused the dashboard's credentials; polling stopped.", cut.Find("li.event-item .event-text").TextContent.Trim()));
        Assert.Contains("Credentials refused", cut.Find(".server-card[data-server='beta'] .server-state").TextContent);
    }

    [Fact]
    public async Task CheckedTick_MovesLastCheckedWithoutAddingAnEvent()
    {
        var cut = RenderPage();
        var later = Now.AddMinutes(3);
        var status = FakeLiveAccounts.Reachable("alpha") with { LastChecked = later };
        _live.Statuses["alpha"] = status;

        await _live.PushAsync(LiveEvent.ForChecked(status, later));

        cut.WaitForAssertion(() => Assert.Contains(TimeText.Full(later, ReaderZone.Utc), cut.Find(".server-card[data-server='alpha'] .last-checked").TextContent));
        Assert.Empty(cut.FindAll("li.event-item"));
    }

    [Fact]
    public void PauseSwitch_PausesTheSubscription()
    {
        var cut = RenderPage();

        cut.Find(".pause-switch input").Change(true);

        Assert.True(_live.Subscription!.IsPaused);
        Assert.Contains("Paused", cut.Find(".live-state").TextContent);
        Assert.Contains("0 updates missed", cut.Find(".missed").TextContent);
    }

    [Fact]
    public async Task Pause_IgnoresUpdatesAndResumeReloads()
    {
        var cut = RenderPage();
        cut.Find(".pause-switch input").Change(true);
        _live.Replace(Account("alpha", "alice", true, ("alice.example", false, 2)));
        var change = LiveEvent.ForChange(new AccountChange(new("alpha", "alice"), ChangeKind.UserSuspended, null, null,  ChangeSource.External, Now.AddMinutes(1)));
        _live.Calls.Clear();

        await _live.Subscription!.DeliverInFlightAsync(change);
        await _live.PushAsync(change);

        Assert.Equal("Working", Row(cut, "alice").QuerySelector("[data-health]")!.GetAttribute("data-health"));
        Assert.Empty(cut.FindAll("li.event-item"));
        Assert.DoesNotContain(_live.Calls, c => c.StartsWith("overview", StringComparison.Ordinal));
        _clock.Advance(TimeSpan.FromSeconds(2));
        cut.WaitForAssertion(() => Assert.Contains("2 updates missed", cut.Find(".missed").TextContent));

        cut.Find(".pause-switch input").Change(false);

        cut.WaitForAssertion(() => Assert.Equal("Locked", Row(cut, "alice").QuerySelector("[data-health]")!.GetAttribute("data-health")));
        Assert.False(_live.Subscription.IsPaused);
        Assert.Contains("overview alpha", _live.Calls);
        Assert.Contains("overview beta", _live.Calls);
        Assert.Equal("alice: account suspended (outside the dashboard)", cut.Find("li.event-item .event-text").TextContent.Trim());
        Assert.Empty(cut.FindAll(".missed"));
    }

    [Fact]
    public void Pause_MissedCountFollowsTheSubscriptionOverTime()
    {
        var cut = RenderPage();
        _live.Subscription!.Missed = 5;
        cut.Find(".pause-switch input").Change(true);

        _live.Subscription.Missed = 8;
        _clock.Advance(TimeSpan.FromSeconds(2));

        cut.WaitForAssertion(() => Assert.Contains("3 updates missed", cut.Find(".missed").TextContent));
    }

    [Fact]
    public async Task Dispose_DisposesTheSubscription()
    {
        var cut = RenderPage();

        await DisposeComponentsAsync();

        Assert.True(_live.Subscription!.IsDisposed);
    }

    [Fact]
    public void Render_ForCustomer_ShowsRefusalAndReadsNothing()
    {
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = Render<SupportPage>();

        Assert.NotNull(cut.Find(".support-denied"));
        Assert.Empty(_live.Calls);
        Assert.DoesNotContain("bob", cut.Markup);
    }

    [Fact]
    public void Render_WithNoServers_SaysNoneIsConfigured()
    {
        _live.ServerNames.Clear();

        var cut = Render<SupportPage>();

        Assert.NotNull(cut.Find(".no-servers"));
    }

    [Fact]
    public async Task OpenAccountPicker_PickingAnAccount_NavigatesToItsFtpAccounts()
    {
        var cut = RenderPage();
        var picker = cut.FindComponent<AccountPicker>();

        Assert.Equal(4, picker.Instance.Accounts.Count);
        await cut.InvokeAsync(() => picker.Instance.SelectedChanged.InvokeAsync(new AccountKey("beta", "carol")));

        Assert.Equal("http://localhost/?server=beta&account=carol", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Render_AccountRow_LinksToItsActivityLog()
    {
        var cut = RenderPage();

        Assert.Equal("/activity?server=beta&account=carol", Row(cut, "carol").QuerySelector("a.activity-link")!.GetAttribute("href"));
    }

    [Fact]
    public void Render_InGerman_ShowsGermanTexts()
    {
        var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("de");
        try
        {
            var cut = RenderPage();

            Assert.Contains("Gesperrt", Row(cut, "bob").QuerySelector("td.cell-health")!.TextContent);
            Assert.Contains("Nur gesperrte", cut.Find(".filter-suspended").TextContent);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Fact]
    public void EndSessions_OnARow_EndsThatAccountsSessionsAndSaysHowMany()
    {
        var cut = RenderPage();
        _sessions.Ended = 2;

        Row(cut, "bob").QuerySelector("button.end-sessions")!.Click();

        cut.WaitForAssertion(() => Assert.Equal([new AccountKey("alpha", "bob")], _sessions.Calls));
        Assert.StartsWith("bob: 2 sessions ended", cut.Find("#support-announcement").TextContent, StringComparison.Ordinal);
        Assert.Equal("End all dashboard sessions of bob", Row(cut, "bob").QuerySelector("button.end-sessions")!.GetAttribute("aria-label"));
    }

    private sealed class FakeAccountSessions : IAccountSessions
    {
        public List<AccountKey> Calls { get; } = [];

        public int Ended { get; set; }

        public Task<int> EndAllAsync(AccountKey account, CancellationToken cancellationToken)
        {
            Calls.Add(account);
            return Task.FromResult(Ended);
        }
    }

    [Fact]
    public void Render_Default_OrdersByWhatNeedsAttentionSuspendedFirst()
    {

        _live.Accounts["alpha"].Add(Account("alpha", "erin", false, ("erin.example", false, 1)));
        _live.Accounts["alpha"].Add(Account("alpha", "abe", true));

        var cut = RenderPage();

        // Suspended users (abe, bob), then suspended domains (carol), then the rest by name (alice, dave, erin).
        Assert.Equal(["abe", "bob", "carol", "alice", "dave", "erin"], Accounts(cut));
    }

    [Fact]
    public void Render_UnlistedVisibleRow_ReadsItThroughTheStoreAndShowsTheCountWithItsAge()
    {
        _live.ReadResults[new AccountKey("beta", "dave")] = Account("beta", "dave", false, ("dave.example", false, 5), ("dave.org", false, 2));

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("7", Row(cut, "dave").QuerySelector("td.cell-ftp .ftp-count")!.TextContent.Trim()));
        Assert.Equal([new AccountKey("beta", "dave")], _live.OverviewReads);
        Assert.Equal("read just now", Row(cut, "dave").QuerySelector("td.cell-ftp .ftp-age")!.TextContent.Trim());
    }

    [Fact]
    public void Render_WhileTheCountIsRead_SaysReading()
    {
        _live.ReadGate = new TaskCompletionSource();
        _live.ReadResults[new AccountKey("beta", "dave")] = Account("beta", "dave", false, ("dave.example", false, 5));

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("reading…", Row(cut, "dave").QuerySelector("td.cell-ftp")!.TextContent.Trim()));
        _live.ReadGate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal("5", Row(cut, "dave").QuerySelector("td.cell-ftp .ftp-count")!.TextContent.Trim()));
    }

    [Theory]
    [InlineData(0, "read just now")]
    [InlineData(5, "read 5 min ago")]
    [InlineData(150, "read 2 h ago")]
    public void Render_Count_SaysHowOldItIs(int minutes, string expected)
    {
        _clock.Advance(TimeSpan.FromMinutes(minutes));

        var cut = RenderPage();

        Assert.Equal(expected, Row(cut, "alice").QuerySelector("td.cell-ftp .ftp-age")!.TextContent.Trim());
    }

    [Fact]
    public void Render_ManyUnlistedAccounts_ReadsTheVisibleRowsOnlyInTheOrderShown()
    {
        var unlisted = Enumerable.Range(0, 120).Select(i => Unlisted("beta", $"u{i:D3}", 1)).ToArray();
        _live.Accounts["beta"].AddRange(unlisted);

        var cut = RenderPage();

        var shown = Accounts(cut);
        Assert.Equal(50, shown.Count);
        var unlistedShown = shown.Where(u => u == "dave" || u.StartsWith('u')).ToList();
        cut.WaitForAssertion(() => Assert.Equal(unlistedShown, _live.OverviewReads.Select(k => k.User)));
        Assert.DoesNotContain(_live.OverviewReads, k => k.User == "u119");
    }
}
