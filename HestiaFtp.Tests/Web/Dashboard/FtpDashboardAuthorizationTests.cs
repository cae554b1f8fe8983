using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Dashboard;

/// <summary>Every IFtpDashboard action against the real stack: whatever a circuit sends, a customer reaches only their own account.</summary>
public class FtpDashboardAuthorizationTests
{
    public enum DashboardAction
    {
        Load,
        Watch,
        ListFolders,
        QuickCreate,
        Create,
        ChangePassword,
        ChangeFolder,
        Delete,
        ListAccounts,
        ResolveAccount,
    }

    private const string CarolDomain = "dupont-digital.fr";
    private const string CarolLogin = "carol_dev01";
    private const string AliceDomain = "alice-shop.com";
    private const string AliceLogin = "alice_media";
    private const string IntruderPassword = "Intruder-Pw-7731-xQz";

    private static readonly AccountKey AliceKey = new(DashboardStack.ServerName, "alice");
    private static readonly AccountKey CarolKey = new(DashboardStack.ServerName, "carol");

    private static readonly DashboardAction[] Mutations =
        [DashboardAction.QuickCreate, DashboardAction.Create, DashboardAction.ChangePassword, DashboardAction.ChangeFolder, DashboardAction.Delete];

    private static readonly DashboardAction[] WithDomain = [DashboardAction.ListFolders, .. Mutations];

    private static readonly DashboardAction[] WithLogin = [DashboardAction.ChangePassword, DashboardAction.ChangeFolder, DashboardAction.Delete];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DashboardAction> AllActions() => new(Enum.GetValues<DashboardAction>());

    public static TheoryData<DashboardAction> MutatingActions() => new(Mutations);

    public static TheoryData<DashboardAction, string> DomainActionsWithForeignDomains()
    {
        var data = new TheoryData<DashboardAction, string>();
        foreach (var action in WithDomain)
        {
            foreach (var domain in new[] { CarolDomain, "DUPONT-DIGITAL.FR", " dupont-digital.fr ", "bob-plumbing.de", "no-such-domain.test", "../dupont-digital.fr", "" })
            {
                data.Add(action, domain);
            }
        }
        return data;
    }

    public static TheoryData<DashboardAction, string> LoginActionsWithForeignLogins()
    {
        var data = new TheoryData<DashboardAction, string>();
        foreach (var action in WithLogin)
        {
            // carol's account; alice's own account on another domain; bob's; a login that does not exist; a wildcard; case.
            foreach (var login in new[] { CarolLogin, "alice_blog", "bob_web", "alice_nobody", "alice_med.a", "ALICE_MEDIA", "" })
            {
                data.Add(action, login);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public async Task Action_CustomerSendsOtherAccountsKey_RefusedOtherAccountAndNothingChanges(DashboardAction action)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, CarolKey, CarolDomain, CarolLogin));

        Assert.Equal(DashboardAccessException.Reason.OtherAccount, ex.Why);
        AssertNothingChanged(stack, before);
        // Refused before reaching HestiaCP: carol's data was not even read on alice's behalf.
        Assert.DoesNotContain(stack.Requests.All, r => r.Form.Any(f => f.Key.StartsWith("arg", StringComparison.Ordinal) && f.Value is "carol" or CarolDomain));
    }

    [Theory]
    [MemberData(nameof(DomainActionsWithForeignDomains))]
    public async Task Action_CustomerOwnKeyWithForeignDomain_RefusedUnknownDomainAndNothingChanges(DashboardAction action, string domain)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, AliceKey, domain, CarolLogin));

        Assert.Equal(DashboardAccessException.Reason.UnknownDomain, ex.Why);
        AssertNothingChanged(stack, before);
        // The only thing HestiaCP saw is a read of the domain under alice's own user.
        Assert.All(stack.Requests.All, r =>
        {
            Assert.Equal("v-list-web-domain", r.Command);
            Assert.Equal("alice", r.Form["arg1"]);
        });
    }

    [Theory]
    [MemberData(nameof(LoginActionsWithForeignLogins))]
    public async Task Action_CustomerOwnDomainWithForeignLogin_RefusedUnknownLoginAndNothingChanges(DashboardAction action, string login)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, AliceKey, AliceDomain, login));

        Assert.Equal(DashboardAccessException.Reason.UnknownLogin, ex.Why);
        AssertNothingChanged(stack, before);
    }

    [Theory]
    [MemberData(nameof(MutatingActions))]
    public async Task Mutation_SupportStaff_RefusedReadOnlyAndNothingChanges(DashboardAction action)
    {
        await using var stack = await DashboardStack.StartAsync();
        foreach (var staff in new[] { DashboardStack.SupportStaff, new DashboardUser(DashboardStack.ServerName, "admin", DashboardRole.Support) })
        {
            stack.Auth.SignIn(staff);
            var before = stack.Snapshot();

            foreach (var key in new[] { CarolKey, AliceKey, new AccountKey(DashboardStack.ServerName, staff.Name) })
            {
                var domain = key == CarolKey ? CarolDomain : AliceDomain;
                var login = key == CarolKey ? CarolLogin : AliceLogin;
                var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, key, domain, login));
                Assert.Equal(DashboardAccessException.Reason.ReadOnly, ex.Why);
            }

            AssertNothingChanged(stack, before);
        }
    }

    [Fact]
    public async Task Reads_SupportStaff_SeeAnyAccount()
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.SupportStaff);
        var before = stack.Snapshot();
        var d = stack.Dashboard;

        var carol = await d.LoadAsync(CarolKey, Ct);
        var alice = await d.LoadAsync(AliceKey, Ct);
        using var subscription = await d.WatchAsync(CarolKey, _ => Task.CompletedTask);
        var folders = await d.ListFoldersAsync(CarolKey, CarolDomain, "public_html", Ct);
        var accounts = await d.ListAccountsAsync(Ct);
        var resolved = await d.ResolveAccountAsync(DashboardStack.ServerName, "carol");
        var none = await d.ResolveAccountAsync(null, null);

        Assert.Equal(4, carol.Domains.Count);
        Assert.Equal(40, carol.Domains.Single(x => x.Name == CarolDomain).FtpAccounts.Count);
        Assert.Equal(3, alice.Domains.Count);
        Assert.Contains("assets", folders);
        Assert.Contains("wp-content", folders);
        Assert.Contains(CarolKey, accounts);
        Assert.Contains(AliceKey, accounts);
        Assert.Equal(CarolKey, resolved);
        Assert.Null(none);
        AssertNothingChanged(stack, before);
    }

    [Fact]
    public async Task Reads_CustomerOwnAccount_Allowed()
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var d = stack.Dashboard;

        var snapshot = await d.LoadAsync(AliceKey, Ct);
        using var subscription = await d.WatchAsync(AliceKey, _ => Task.CompletedTask);
        var folders = await d.ListFoldersAsync(AliceKey, AliceDomain, "public_html", Ct);
        var resolved = await d.ResolveAccountAsync(null, null);
        var resolvedExplicit = await d.ResolveAccountAsync(DashboardStack.ServerName, "alice");

        Assert.Equal(["alice-blog.net", "alice-dev.org", "alice-shop.com"], snapshot.Domains.Select(x => x.Name).Order());
        Assert.Equal(["media"], folders);
        Assert.Equal(AliceKey, resolved);
        Assert.Equal(AliceKey, resolvedExplicit);
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public async Task Action_SignedOut_RefusedSignedOutAndNothingChanges(DashboardAction action)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignOut();
        var before = stack.Snapshot();

        foreach (var (key, domain, login) in new[] { (AliceKey, AliceDomain, AliceLogin), (CarolKey, CarolDomain, CarolLogin) })
        {
            var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, key, domain, login));
            Assert.Equal(DashboardAccessException.Reason.SignedOut, ex.Why);
        }

        AssertNothingChanged(stack, before);
        Assert.Empty(stack.Requests.All);
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public async Task Action_CircuitSignedOutAfterwards_StopsActing(DashboardAction action)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var dashboard = stack.Dashboard;
        await dashboard.LoadAsync(AliceKey, Ct);

        // What the revalidating provider does when the cookie expired or the user was suspended.
        stack.Auth.SignOut();
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(dashboard, action, AliceKey, AliceDomain, AliceLogin));
        Assert.Equal(DashboardAccessException.Reason.SignedOut, ex.Why);
        AssertNothingChanged(stack, before);
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public async Task Action_UnknownServer_Refused(DashboardAction action)
    {
        await using var stack = await DashboardStack.StartAsync();
        var before = stack.Snapshot();
        var nowhere = new AccountKey("nowhere", "alice");

        // A customer of "demo" naming another server; a customer whose principal names an unconfigured server; support.
        stack.Auth.SignIn(DashboardStack.Alice);
        var customer = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, nowhere, AliceDomain, AliceLogin));
        Assert.Contains(customer.Why, new[] { DashboardAccessException.Reason.OtherAccount, DashboardAccessException.Reason.UnknownServer });

        stack.Auth.SignIn(new DashboardUser("nowhere", "alice", DashboardRole.Customer));
        var stray = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, nowhere, AliceDomain, AliceLogin));
        Assert.Contains(stray.Why, new[] { DashboardAccessException.Reason.OtherAccount, DashboardAccessException.Reason.UnknownServer });

        stack.Auth.SignIn(DashboardStack.SupportStaff);
        if (action != DashboardAction.ListAccounts)
        {
            var support = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, nowhere, AliceDomain, AliceLogin));
            Assert.Equal(Mutations.Contains(action) ? DashboardAccessException.Reason.ReadOnly : DashboardAccessException.Reason.UnknownServer, support.Why);
        }

        AssertNothingChanged(stack, before);
    }

    [Fact]
    public async Task GetStatusAndLinks_UnknownServer_Refused()
    {
        await using var stack = await DashboardStack.StartAsync();
        var d = stack.Dashboard;

        Assert.Equal(DashboardAccessException.Reason.UnknownServer, Assert.Throws<DashboardAccessException>(() => d.GetStatus("nowhere")).Why);
        Assert.Equal(DashboardAccessException.Reason.UnknownServer, Assert.Throws<DashboardAccessException>(() => d.GetLinks("nowhere")).Why);
        Assert.Equal(stack.Server.BaseUrl, d.GetLinks(DashboardStack.ServerName).PanelUrl);
    }

    internal static void AssertNothingChanged(DashboardStack stack, IReadOnlyList<string> before)
    {
        Assert.Equal(before, stack.Snapshot());
        Assert.Equal(0, stack.MutationCalls());
        Assert.Null(stack.Control.PasswordOf("alice_intruder"));
        Assert.Null(stack.Control.PasswordOf("carol_intruder"));
    }

    /// <summary>Runs one dashboard action as a circuit would, with the given (possibly forged) account, domain and login.</summary>
    internal static async Task RunAsync(IFtpDashboard d, DashboardAction action, AccountKey key, string domain, string login)
    {
        switch (action)
        {
            case DashboardAction.Load:
                await d.LoadAsync(key, Ct);
                break;
            case DashboardAction.Watch:
                using (await d.WatchAsync(key, _ => Task.CompletedTask))
                {
                }
                break;
            case DashboardAction.ListFolders:
                await d.ListFoldersAsync(key, domain, "public_html", Ct);
                break;
            case DashboardAction.QuickCreate:
                await d.QuickCreateAsync(key, domain, Ct);
                break;
            case DashboardAction.Create:
                await d.CreateAsync(key, domain, "intruder", IntruderPassword, null, Ct);
                break;
            case DashboardAction.ChangePassword:
                await d.ChangePasswordAsync(key, domain, login, IntruderPassword, Ct);
                break;
            case DashboardAction.ChangeFolder:
                await d.ChangeFolderAsync(key, domain, login, "public_html", Ct);
                break;
            case DashboardAction.Delete:
                await d.DeleteAsync(key, domain, login, Ct);
                break;
            case DashboardAction.ListAccounts:
                await d.ListAccountsAsync(Ct);
                break;
            case DashboardAction.ResolveAccount:
                await d.ResolveAccountAsync(key.Server, key.User);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
