using HestiaFtp.Web.Components.Shared;
using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Features.Activity;
using HestiaFtp.Web.Features.Support;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using System.Reflection;

namespace HestiaFtp.Tests.Web.Features.Activity;

public sealed class ActivityPageTests : DashboardTestContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 30, 0, TimeSpan.Zero);
    private readonly RecordingAuditLog _log = new();

    public ActivityPageTests()
    {
        Services.AddSingleton<IAuditLog>(_log);
        Services.AddScoped<CurrentUser>();
        _log.Entries.AddRange(
        [
            Entry("alpha", "alice", "ftp-add", "alice_web", AuditOutcomes.Succeeded, At),
            Entry("alpha", "alice", "ftp-password", "alice_web", "failed: Error: password is too short", At.AddMinutes(5)),
            Entry("alpha", "bob", "ftp-delete", "bob_old", AuditOutcomes.Unknown, At.AddMinutes(10)),
            Entry("beta", "carol", "ftp-path", "carol_up", AuditOutcomes.Succeeded, At.AddMinutes(15)),
        ]);
        Dashboard.Accounts.AddRange([new("alpha", "alice"), new("alpha", "bob"), new("beta", "carol")]);
    }

    private static AuditEntry Entry(string server, string account, string action, string login, string outcome, DateTimeOffset at) =>
        new(0, at, account, server, account, $"{account}.example", login, action, $"{action} {login}", outcome);

    private IRenderedComponent<ActivityPage> RenderPage(string? server = null, string? account = null)
    {
        RenderProviders();
        var query = new Dictionary<string, object?> { ["server"] = server, ["account"] = account };
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters("/activity", query));
        var cut = Render<ActivityPage>();
        cut.WaitForAssertion(() => Assert.True(cut.FindAll(".activity-table").Count + cut.FindAll(".activity-empty").Count + cut.FindAll(".activity-error").Count > 0));
        return cut;
    }

    private static List<string> Logins(IRenderedComponent<ActivityPage> cut) =>
        cut.FindAll("td.cell-login").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public void ActivityPage_Type_RequiresSignIn()
    {
        Assert.NotNull(typeof(ActivityPage).GetCustomAttribute<AuthorizeAttribute>());
        Assert.Equal("/activity", typeof(ActivityPage).GetCustomAttribute<RouteAttribute>()!.Template);
    }

    [Fact]
    public void Customer_WithAnotherAccountInTheAddress_QueriesOnlyTheirOwn()
    {
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = RenderPage(server: "beta", account: "carol");

        var query = Assert.Single(_log.Queries);
        Assert.Equal("alpha", query.Server);
        Assert.Equal("alice", query.Account);
        Assert.Equal(["alice_web", "alice_web"], Logins(cut));
        Assert.DoesNotContain("carol", cut.Markup);
        Assert.Empty(cut.FindAll(".activity-filters"));
    }

    [Fact]
    public async Task Customer_WithARealLog_SeesOnlyTheirOwnEntries()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hestiaftp-activity-{Guid.NewGuid():N}.db");
        try
        {
            var real = SqlAuditLog.OnSqlite(path);
            foreach (var entry in _log.Entries)
            {
                await real.RecordAsync(entry, CancellationToken.None);
            }

            Services.AddSingleton<IAuditLog>(real);
            SignInAs(new DashboardUser("alpha", "bob", DashboardRole.Customer));

            var cut = RenderPage(server: "alpha", account: "alice");

            Assert.Equal(["bob_old"], Logins(cut));
            Assert.Equal("bob", cut.Find("td.cell-account").TextContent.Trim());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void Support_WithoutFilter_SeesEveryonesEntriesNewestFirst()
    {
        SignInAs(new DashboardUser("alpha", "staff", DashboardRole.Support));

        var cut = RenderPage();

        var query = Assert.Single(_log.Queries);
        Assert.Null(query.Server);
        Assert.Null(query.Account);
        Assert.Equal(["carol_up", "bob_old", "alice_web", "alice_web"], Logins(cut));
        Assert.NotNull(cut.Find(".activity-filters"));
    }

    [Fact]
    public void Support_WithAccountInTheAddress_FiltersToThatAccount()
    {
        SignInAs(new DashboardUser("alpha", "staff", DashboardRole.Support));

        var cut = RenderPage(server: "beta", account: "carol");

        Assert.Equal(new AuditQuery("beta", "carol", 100), Assert.Single(_log.Queries));
        Assert.Equal(["carol_up"], Logins(cut));
        Assert.Equal("carol", cut.Find(".account-picker input").GetAttribute("value"));
    }

    [Fact]
    public async Task Support_ChoosingAServer_QueriesThatServer()
    {
        SignInAs(new DashboardUser("alpha", "staff", DashboardRole.Support));
        var cut = RenderPage();

        var select = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("alpha"));

        cut.WaitForAssertion(() => Assert.Equal(new AuditQuery("alpha", null, 100), _log.Queries[^1]));
        Assert.Equal(["bob_old", "alice_web", "alice_web"], Logins(cut));
    }

    [Fact]
    public async Task Support_PickingAnAccount_QueriesThatAccountAndClearShowsAll()
    {
        SignInAs(new DashboardUser("alpha", "staff", DashboardRole.Support));
        var cut = RenderPage();

        var picker = cut.FindComponent<AccountPicker>();
        await cut.InvokeAsync(() => picker.Instance.SelectedChanged.InvokeAsync(new AccountKey("alpha", "bob")));

        cut.WaitForAssertion(() => Assert.Equal(["bob_old"], Logins(cut)));
        Assert.Equal(new AuditQuery("alpha", "bob", 100), _log.Queries[^1]);

        cut.Find("button.clear-filter").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, Logins(cut).Count));
        Assert.Equal(new AuditQuery(null, null, 100), _log.Queries[^1]);
    }

    [Fact]
    public void Render_Entry_ShowsLocalTimeWhoActionDetailAndOutcome()
    {
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = RenderPage();

        var row = cut.FindAll("td.cell-login")[1].ParentElement!;
        Assert.Equal(TimeText.Short(At, ReaderZone.Utc), row.QuerySelector("td.cell-when")!.TextContent.Trim());
        Assert.Equal("alice", row.QuerySelector("td.cell-who")!.TextContent.Trim());
        Assert.Equal("alpha", row.QuerySelector("td.cell-server")!.TextContent.Trim());
        Assert.Equal("alice.example", row.QuerySelector("td.cell-domain")!.TextContent.Trim());
        Assert.Equal("FTP account added", row.QuerySelector("td.cell-action")!.TextContent.Trim());
        Assert.Equal("ftp-add alice_web", row.QuerySelector("td.cell-detail")!.TextContent.Trim());
        Assert.Equal("Succeeded", row.QuerySelector(".outcome-chip")!.TextContent.Trim());
    }

    [Fact]
    public void Render_InTheReadersZone_ShowsItsTimesAndNamesTheZone()
    {
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));
        RenderProviders();
        var berlin = ReaderZone.FromId("Europe/Berlin")!;

        var cut = Render<CascadingValue<ReaderZone>>(p => p.Add(c => c.Value, berlin).AddChildContent<ActivityPage>());

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("td.cell-when")));
        Assert.Equal(TimeText.Short(At, berlin), cut.FindAll("td.cell-when")[^1].TextContent.Trim());
        Assert.Contains("11:30", cut.FindAll("td.cell-when")[^1].TextContent);
        Assert.Contains("Times in Europe/Berlin.", cut.Find(".activity-zone").TextContent);
    }

    [Fact]
    public void Render_BeforeTheZoneIsKnown_SaysTimesAreUtc()
    {
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = RenderPage();

        Assert.Contains("10:30", cut.FindAll("td.cell-when")[^1].TextContent);
        Assert.Contains("Times in UTC", cut.Find(".activity-zone").TextContent);
    }

    [Theory]
    [InlineData("succeeded", "Succeeded", "Succeeded", null)]
    [InlineData("failed: Error: password is too short", "Failed", "Failed", "Error: password is too short")]
    [InlineData("failed", "Failed", "Failed", null)]
    [InlineData("unknown", "Unknown", "Outcome unknown", null)]
    public void Render_Outcome_ShowsChipAndHestiasMessage(string outcome, string kind, string text, string? message)
    {
        _log.Entries.Clear();
        _log.Entries.Add(Entry("alpha", "alice", "ftp-add", "alice_web", outcome, At));
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = RenderPage();

        var chip = cut.Find(".outcome-chip");
        Assert.Equal(kind, chip.GetAttribute("data-outcome"));
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Equal(message, cut.FindAll(".outcome-message").SingleOrDefault()?.TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "folder:/public_html", "folder /public_html")]
    [InlineData("de", "folder:/public_html", "Ordner /public_html")]
    [InlineData("en", AuditDetails.Generated, "generated login, domain folder")]
    [InlineData("de", AuditDetails.Generated, "Login erzeugt, Domain-Ordner")]
    [InlineData("de", AuditDetails.Password, "neues Passwort (nicht gespeichert)")]
    [InlineData("de", AuditDetails.Deleted, "gelöscht; die Dateien bleiben erhalten")]
    [InlineData("de", AuditDetails.SessionsEnded, "alle Dashboard-Sitzungen beendet, Geräte vergessen")]
    [InlineData("de", "password changed", "password changed")]
    [InlineData("de", "folder /deploy", "folder /deploy")]
    public void Render_Detail_InTheReadersLanguageOrAsStoredBefore(string culture, string stored, string expected)
    {
        _log.Entries.Clear();
        _log.Entries.Add(Entry("alpha", "alice", "ftp-add", "alice_web", AuditOutcomes.Succeeded, At) with { Detail = stored });
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var text = InCulture(culture, () => RenderPage().Find("td.cell-detail").TextContent.Trim());

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("en", "This login is already taken on the server", "The panel said: “Error: ftp account alice_web exists”")]
    [InlineData("de", "Dieser Login ist auf dem Server bereits vergeben", "Das Panel meldete: „Error: ftp account alice_web exists“")]
    public void Render_HestiaRefusal_ExplainsInTheReadersLanguageAndQuotesThePanelVerbatim(string culture, string reason, string panel)
    {
        _log.Entries.Clear();
        _log.Entries.Add(Entry("alpha", "alice", "ftp-add", "alice_web", "failed: hestia.Exists: Error: ftp account alice_web exists", At));
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var (chip, message, said) = InCulture(culture, () =>
        {
            var cut = RenderPage();
            return (cut.Find(".outcome-chip").GetAttribute("data-outcome"), cut.Find(".outcome-message").TextContent.Trim(), cut.Find(".outcome-panel").TextContent.Trim());
        });

        Assert.Equal("Failed", chip);
        Assert.StartsWith(reason, message, StringComparison.Ordinal);
        Assert.Equal(panel, said);
    }

    [Theory]
    [InlineData("en", "unknown: outcome.unknown", "The answer was lost and it cannot be told whether the change was made.")]
    [InlineData("de", "unknown: outcome.unknown", "Die Antwort ging verloren; ob die Änderung gemacht wurde, lässt sich nicht sagen.")]
    [InlineData("de", "succeeded: path.missing_reset", "Den Ordner gab es nicht; das Konto zeigt jetzt auf den Domain-Ordner.")]
    [InlineData("de", "failed: fault.ValidationException", "Abgebrochen, bevor etwas an HestiaCP gesendet wurde.")]
    [InlineData("de", "failed: Exists: Error: ftp account exists", "Exists: Error: ftp account exists")]
    public void Render_OutcomeCode_InTheReadersLanguageOrAsStoredBefore(string culture, string stored, string expected)
    {
        _log.Entries.Clear();
        _log.Entries.Add(Entry("alpha", "alice", "ftp-add", "alice_web", stored, At));
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var text = InCulture(culture, () => RenderPage().Find(".outcome-message").TextContent.Trim());

        Assert.Equal(expected, text);
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new(culture);
        try
        {
            return read();
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Theory]
    [InlineData(AuditActions.AddFtpAccount, "FTP account added")]
    [InlineData(AuditActions.DeleteFtpAccount, "FTP account deleted")]
    [InlineData(AuditActions.ChangeFtpPassword, "Password changed")]
    [InlineData(AuditActions.ChangeFtpPath, "Folder changed")]
    [InlineData("something-new", "something-new")]
    public void Render_Action_IsLocalized(string action, string expected)
    {
        _log.Entries.Clear();
        _log.Entries.Add(Entry("alpha", "alice", action, "alice_web", AuditOutcomes.Succeeded, At));
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = RenderPage();

        Assert.Equal(expected, cut.Find("td.cell-action").TextContent.Trim());
    }

    [Fact]
    public void Render_WithNoEntries_ShowsEmptyState()
    {
        _log.Entries.Clear();
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = RenderPage();

        Assert.Contains("No changes have been made through the dashboard yet.", cut.Find(".activity-empty").TextContent);
    }

    [Fact]
    public void Render_WhenTheLogFails_ShowsErrorAndRetryLoads()
    {
        _log.Failure = new IOException("disk full");
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));

        var cut = RenderPage();

        Assert.Contains("The activity log could not be read.", cut.Find(".activity-error").TextContent);
        Assert.DoesNotContain("disk full", cut.Markup);

        _log.Failure = null;
        cut.Find(".activity-error button.retry").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, Logins(cut).Count));
        Assert.Empty(cut.FindAll(".activity-error"));
    }

    [Fact]
    public void ShowMore_WhenAPageIsFull_AsksForMoreEntries()
    {
        _log.Entries.Clear();
        for (var i = 0; i < 100; i++)
        {
            _log.Entries.Add(Entry("alpha", "alice", "ftp-add", $"alice_{i}", AuditOutcomes.Succeeded, At.AddSeconds(i)));
        }

        _log.Entries.Add(Entry("alpha", "alice", "ftp-add", "alice_oldest", AuditOutcomes.Succeeded, At.AddSeconds(-1)));
        SignInAs(new DashboardUser("alpha", "alice", DashboardRole.Customer));
        var cut = RenderPage();
        Assert.Equal(100, Logins(cut).Count);

        cut.Find("button.show-more").Click();

        cut.WaitForAssertion(() => Assert.Equal(101, Logins(cut).Count));
        Assert.Equal(new AuditQuery("alpha", "alice", 200), _log.Queries[^1]);
        Assert.Empty(cut.FindAll("button.show-more"));
    }

    /// <summary>Filters like the real log (server and account when set, newest first) and records each query.</summary>
    private sealed class RecordingAuditLog : IAuditLog
    {
        public List<AuditEntry> Entries { get; } = [];

        public List<AuditQuery> Queries { get; } = [];

        public Exception? Failure { get; set; }

        public Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The activity page only reads.");

        public Task CompleteAsync(long id, string outcome, string? login, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The activity page only reads.");

        public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            if (Failure is not null)
            {
                return Task.FromException<IReadOnlyList<AuditEntry>>(Failure);
            }

            IReadOnlyList<AuditEntry> result = Entries
                .Where(e => (query.Server is null || e.Server == query.Server) && (query.Account is null || e.Account == query.Account))
                .OrderByDescending(e => e.At)
                .Take(query.Take)
                .ToList();
            return Task.FromResult(result);
        }
    }
}
