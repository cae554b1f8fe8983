using Bunit;
using HestiaFtp.Core.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace HestiaFtp.Tests.Web.Live;

/// <summary>
/// Fan-out to several circuits: each circuit is its own bUnit context (own renderer, own scoped <see cref="FtpDashboard"/>
/// and signed-in user) rendering the real <see cref="FtpAccountsPage"/>; all share ONE <see cref="LiveAccounts"/>, one
/// real HestiaCP client over loopback HTTP to the emulator, and one SQLite audit log, as the circuits of one app do.
/// </summary>
public sealed class LiveFanOutComponentTests : IAsyncLifetime
{
    /// <summary>Only a guard against a hanging test; never a timing assertion.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private readonly string _auditPath = Path.Combine(Path.GetTempPath(), $"hestiaftp-fanout-{Guid.NewGuid():N}.db");
    private readonly List<BunitContext> _circuits = [];
    private EmulatorLiveHarness _h = default!;
    private SqliteAuditLog _audit = default!;
    private FtpAccountService _service = default!;

    public async ValueTask InitializeAsync()
    {
        _h = await EmulatorLiveHarness.StartAsync();
        _audit = new SqliteAuditLog(_auditPath);
        _service = new FtpAccountService(new CredentialGenerator(), NullLogger<FtpAccountService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var circuit in _circuits)
        {
            await circuit.DisposeAsync();
        }

        await _h.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _auditPath, _auditPath + "-wal", _auditPath + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>One browser tab: a signed-in customer and the real page with the real dashboard behind it.</summary>
    private BunitContext Circuit(string user)
    {
        var ctx = new BunitContext();
        _circuits.Add(ctx);
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddLogging();
        ctx.Services.AddSingleton<TimeProvider>(_h.Time);
        ctx.Services.AddSingleton(_h.Clients);
        ctx.Services.AddSingleton<ILiveAccounts>(_h.Live);
        ctx.Services.AddSingleton<IAuditLog>(_audit);
        ctx.Services.AddSingleton(_service);
        ctx.Services.AddSingleton<ICredentialGenerator, CredentialGenerator>();
        ctx.Services.AddScoped<CurrentUser>();
        ctx.Services.AddScoped<IFtpDashboard, FtpDashboard>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(nameof(DashboardRole.Customer));
        auth.SetClaims(new System.Security.Claims.Claim(DashboardUser.ServerClaim, EmulatorLiveHarness.ServerName));
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    private static IRenderedComponent<FtpAccountsPage> RenderPage(BunitContext circuit)
    {
        var page = circuit.Render<FtpAccountsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(Logins(page)), Guard);
        return page;
    }

    private static List<string> Logins(IRenderedComponent<FtpAccountsPage> page) =>
        page.FindAll("[data-login]").Select(e => e.GetAttribute("data-login")!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task QuickCreate_InCircuitA_CircuitBOfSameCustomerShowsNewCardAndOtherCustomerDoesNot()
    {
        var a = Circuit("alice");
        var b = Circuit("alice");
        var c = Circuit("carol");
        var pageA = RenderPage(a);
        var pageB = RenderPage(b);
        var pageC = RenderPage(c);
        var before = Logins(pageB);
        var carolBefore = Logins(pageC);

        var created = await a.Services.GetRequiredService<IFtpDashboard>()
            .QuickCreateAsync(new AccountKey(EmulatorLiveHarness.ServerName, "alice"), "alice-shop.com", EmulatorLiveHarness.Ct);

        Assert.Equal(["alice_blog", "alice_media", "alice_shop"], before);
        pageB.WaitForAssertion(() => Assert.Equal(before.Append(created.Login).Order(StringComparer.Ordinal), Logins(pageB)), Guard);
        pageA.WaitForAssertion(() => Assert.Contains(created.Login, Logins(pageA)), Guard);
        Assert.Contains(created.Login, pageB.Find("#live-announcer").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Password, pageB.Markup, StringComparison.Ordinal);
        Assert.Equal(carolBefore, Logins(pageC));
        Assert.Equal(0, _h.Watcher.GetTicks(EmulatorLiveHarness.ServerName));
        Assert.NotNull(_h.Control.PasswordOf(created.Login));
    }

    [Fact]
    public async Task QuickCreate_InCircuitA_AuditLogRecordsActorAndLoginButNoPassword()
    {
        var a = Circuit("alice");
        RenderPage(a);

        var created = await a.Services.GetRequiredService<IFtpDashboard>()
            .QuickCreateAsync(new AccountKey(EmulatorLiveHarness.ServerName, "alice"), "alice-shop.com", EmulatorLiveHarness.Ct);

        var entry = Assert.Single(await _audit.QueryAsync(new AuditQuery(EmulatorLiveHarness.ServerName, "alice"), EmulatorLiveHarness.Ct));
        Assert.Equal(("alice", "alice-shop.com", created.Login, AuditActions.AddFtpAccount, AuditOutcomes.Succeeded),
            (entry.Actor, entry.Domain, entry.Login, entry.Action, entry.Outcome));
        Assert.Equal(_h.Time.GetUtcNow(), entry.At);
        Assert.DoesNotContain(created.Password, entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Password, await File.ReadAllTextAsync(_auditPath, EmulatorLiveHarness.Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_InCircuitB_CircuitAsCardDisappearsAndAuditRecordsIt()
    {
        var a = Circuit("alice");
        var b = Circuit("alice");
        var pageA = RenderPage(a);
        RenderPage(b);

        await b.Services.GetRequiredService<IFtpDashboard>()
            .DeleteAsync(new AccountKey(EmulatorLiveHarness.ServerName, "alice"), "alice-shop.com", "alice_media", EmulatorLiveHarness.Ct);

        pageA.WaitForAssertion(() => Assert.Equal(["alice_blog", "alice_shop"], Logins(pageA)), Guard);
        var entry = Assert.Single(await _audit.QueryAsync(new AuditQuery(), EmulatorLiveHarness.Ct));
        Assert.Equal((AuditActions.DeleteFtpAccount, "alice_media", AuditOutcomes.Succeeded), (entry.Action, entry.Login, entry.Outcome));
    }

    [Fact]
    public async Task Tick_OutOfBandChanges_EveryCircuitOfTheAccountShowsThem()
    {
        await _h.StartWatcherAsync();
        var pages = Enumerable.Range(0, 3).Select(_ => RenderPage(Circuit("alice"))).ToList();

        _h.Control.DeleteFtpAccountDirect("alice", "alice-shop.com", "alice_shop");
        _h.Control.AddFtpAccountDirect("alice", "alice-dev.org", "alice_panel", "/public_html");
        await _h.TickAsync();

        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.Equal(["alice_blog", "alice_media", "alice_panel"], Logins(page)), Guard);
        }

        // The three page loads share one read (the cache), and one tick serves all three circuits:
        // one v-list-users and one v-list-web-domains, not three of each.
        Assert.Equal(1, _h.Calls(HestiaCommands.ListUsers));
        Assert.Equal(1 + 1, _h.Calls(HestiaCommands.ListWebDomains));
    }

    [Fact]
    public async Task Tick_PanelDownThenBack_EveryCircuitShowsThenClearsTheUnreachableBanner()
    {
        await _h.StartWatcherAsync();
        var pages = Enumerable.Range(0, 2).Select(_ => RenderPage(Circuit("alice"))).ToList();

        _h.Control.FailNext(HestiaCommands.ListUsers, EmulatorFault.Http500BeforeApplying, count: 2);
        await _h.TickAsync();
        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.NotNull(page.Find("#unreachable-banner")), Guard);
        }

        await _h.AdvanceAsync(HestiaWatcher.Backoff(_h.Options, 1));
        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.Empty(page.FindAll("#unreachable-banner")), Guard);
        }
    }

    [Fact]
    public async Task UserSuspendedOutOfBand_EveryCircuitShowsSuspensionAndDisablesAdd()
    {
        await _h.StartWatcherAsync();
        var pages = Enumerable.Range(0, 2).Select(_ => RenderPage(Circuit("alice"))).ToList();
        Assert.All(pages, p => Assert.False(p.Find("#add-ftp").HasAttribute("disabled")));

        _h.Control.SuspendUser("alice");
        await _h.TickAsync();

        foreach (var page in pages)
        {
            page.WaitForAssertion(() => Assert.True(page.Find("#add-ftp").HasAttribute("disabled")), Guard);
        }
    }
}
