using FluentValidation;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Dashboard;

/// <summary>
/// Every IFtpDashboard method against the real stack: whatever a circuit sends, a customer reaches only their own account
/// on their own server, support staff read everything and change nothing, and a signed-out circuit does nothing.
/// </summary>
public class FtpDashboardAuthorizationTests
{
    public enum DashboardAction
    {
        GetUser,
        ResolveAccount,
        Load,
        Refresh,
        Watch,
        GetStatus,
        GetLinks,
        ListAccounts,
        ListFolders,
        GeneratePassword,
        QuickCreate,
        Create,
        ChangePassword,
        ChangeFolder,
        Delete,
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

    /// <summary>Actions that name an account: a key, a request's user, or (ListAccounts) every account.</summary>
    private static readonly DashboardAction[] OnAccounts =
    [
        DashboardAction.ResolveAccount, DashboardAction.Load, DashboardAction.Refresh, DashboardAction.Watch, DashboardAction.ListAccounts,
        DashboardAction.ListFolders, .. Mutations,
    ];

    /// <summary>Actions that name a server (a key or a server name).</summary>
    private static readonly DashboardAction[] OnServers =
    [
        DashboardAction.ResolveAccount, DashboardAction.Load, DashboardAction.Refresh, DashboardAction.Watch, DashboardAction.GetStatus,
        DashboardAction.GetLinks, DashboardAction.ListFolders,
    ];

    private static readonly DashboardAction[] WithDomain = [DashboardAction.ListFolders, .. Mutations];

    private static readonly DashboardAction[] WithLogin = [DashboardAction.ChangePassword, DashboardAction.ChangeFolder, DashboardAction.Delete];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DashboardAction> AllActions() => new(Enum.GetValues<DashboardAction>());

    public static TheoryData<DashboardAction> AccountActions() => new(OnAccounts);

    public static TheoryData<DashboardAction> ServerActions() => new(OnServers);

    public static TheoryData<DashboardAction> MutatingActions() => new(Mutations);

    public static TheoryData<DashboardAction> ActionsNamingAServer() =>
        new(Enum.GetValues<DashboardAction>().Where(a => a is not DashboardAction.GetUser and not DashboardAction.GeneratePassword));

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

    /// <summary>
    /// Logins a circuit may send for alice's alice-shop.com: carol's, alice's own on another domain, bob's, one that does not
    /// exist, a '.' wildcard, another case, none. Malformed ones are refused by the rules; well-formed ones that are not on
    /// the domain are refused against the store (a delete of one is "already gone"); none is sent.
    /// </summary>
    public static TheoryData<DashboardAction, string, string> LoginActionsWithForeignLogins()
    {
        var data = new TheoryData<DashboardAction, string, string>();
        foreach (var action in WithLogin)
        {
            foreach (var login in new[] { CarolLogin, "bob_web", "ALICE_MEDIA", "" })
            {
                data.Add(action, login, nameof(ValidationException));
            }

            foreach (var login in new[] { "alice_blog", "alice_nobody", "alice_med.a" })
            {
                data.Add(action, login, action == DashboardAction.Delete
                    ? $"{FtpResultStatus.Done} {FtpResultCodes.AlreadyGone}"
                    : $"{FtpResultStatus.NotDone} {ValidationCodes.LoginNotFound}");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AccountActions))]
    public async Task Action_CustomerNamesOtherAccount_RefusedOtherAccountBeforeAnyCall(DashboardAction action)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, CarolKey, CarolDomain, CarolLogin));

        Assert.Equal(DashboardAccessException.Reason.OtherAccount, ex.Why);
        AssertNothingChanged(stack, before);
        // Refused before reaching HestiaCP: carol's data was not even read on alice's behalf.
        Assert.Empty(stack.Requests.All);
        Assert.Empty(await stack.Audit.QueryAsync(new AuditQuery(), Ct));
    }

    [Theory]
    [MemberData(nameof(ServerActions))]
    public async Task Action_CustomerNamesOwnUserOnAnotherServer_RefusedOtherAccountBeforeAnyCall(DashboardAction action)
    {
        // A second configured server (the same emulator behind another name): alice of "demo" is nobody there.
        await using var stack = await DashboardStack.StartAsync(s =>
        {
            s["Hestia:Servers:1:Name"] = "second";
            s["Hestia:Servers:1:BaseUrl"] = s["Hestia:Servers:0:BaseUrl"];
            s["Hestia:Servers:1:AccessKey"] = s["Hestia:Servers:0:AccessKey"];
            s["Hestia:Servers:1:SecretKey"] = s["Hestia:Servers:0:SecretKey"];
        });
        stack.Auth.SignIn(DashboardStack.Alice);

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() =>
            RunAsync(stack.Dashboard, action, new AccountKey("second", "alice"), AliceDomain, AliceLogin));

        Assert.Equal(DashboardAccessException.Reason.OtherAccount, ex.Why);
        Assert.Empty(stack.Requests.All);
        // Control: the same call on her own server is allowed.
        await RunAsync(stack.Dashboard, action, AliceKey, AliceDomain, AliceLogin);
    }

    [Theory]
    [MemberData(nameof(DomainActionsWithForeignDomains))]
    public async Task Action_CustomerOwnAccountWithForeignDomain_RefusedUnknownDomainAndOnlyHerAccountRead(DashboardAction action, string domain)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, AliceKey, domain, CarolLogin));

        Assert.Equal(DashboardAccessException.Reason.UnknownDomain, ex.Why);
        AssertNothingChanged(stack, before);
        // The store had nothing yet: the only thing HestiaCP saw is the one read of alice's own account.
        Assert.NotEmpty(stack.Requests.All);
        Assert.All(stack.Requests.All, r =>
        {
            Assert.Contains(r.Command, new[] { HestiaCommands.ListUser, HestiaCommands.ListWebDomains });
            Assert.Equal("alice", r.Form["arg1"]);
        });
        Assert.Empty(await stack.Audit.QueryAsync(new AuditQuery(), Ct));
    }

    [Theory]
    [MemberData(nameof(LoginActionsWithForeignLogins))]
    public async Task Action_CustomerOwnDomainWithForeignLogin_RefusedWithoutSendingAnything(DashboardAction action, string login, string expected)
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        await stack.Dashboard.LoadAsync(AliceKey, Ct);
        stack.Emulator.ResetCallCounts();
        var before = stack.Snapshot();

        var outcome = await OutcomeAsync(() => RunAsync(stack.Dashboard, action, AliceKey, AliceDomain, login));

        Assert.Equal(expected, outcome);
        AssertNothingChanged(stack, before);
        Assert.Equal("", stack.Calls());
    }

    [Theory]
    [MemberData(nameof(MutatingActions))]
    public async Task Mutation_SupportStaff_RefusedReadOnlyBeforeAnyCall(DashboardAction action)
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

        Assert.Empty(stack.Requests.All);
        Assert.Empty(await stack.Audit.QueryAsync(new AuditQuery(), Ct));
    }

    [Fact]
    public async Task Reads_SupportStaff_SeeAnyAccount()
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.SupportStaff);
        var before = stack.Snapshot();
        var d = stack.Dashboard;

        var carol = await d.LoadAsync(CarolKey, Ct);
        var alice = await d.RefreshAsync(AliceKey, Ct);
        using var subscription = await d.WatchAsync(CarolKey, _ => Task.CompletedTask);
        var folders = await d.ListFoldersAsync(CarolKey, CarolDomain, "public_html", Ct);
        var accounts = await d.ListAccountsAsync(Ct);
        var resolved = await d.ResolveAccountAsync(DashboardStack.ServerName, "carol");
        var none = await d.ResolveAccountAsync(null, null);
        var status = await d.GetStatusAsync(DashboardStack.ServerName);
        var links = await d.GetLinksAsync(DashboardStack.ServerName);

        Assert.Equal(4, carol.Domains.Count);
        Assert.Equal(40, carol.Domains.Single(x => x.Name == CarolDomain).FtpAccounts.Count);
        Assert.Equal(3, alice.Domains.Count);
        Assert.Contains("assets", folders);
        Assert.Contains("wp-content", folders);
        Assert.Contains(CarolKey, accounts);
        Assert.Contains(AliceKey, accounts);
        Assert.Equal(CarolKey, resolved);
        Assert.Null(none);
        Assert.Equal(DashboardStack.ServerName, status.Server);
        Assert.Equal(stack.Server.BaseUrl, links.PanelUrl);
        AssertNothingChanged(stack, before);
    }

    [Fact]
    public async Task Reads_CustomerOwnAccount_Allowed()
    {
        await using var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        var d = stack.Dashboard;

        var snapshot = await d.LoadAsync(AliceKey, Ct);
        var refreshed = await d.RefreshAsync(AliceKey, Ct);
        using var subscription = await d.WatchAsync(AliceKey, _ => Task.CompletedTask);
        var folders = await d.ListFoldersAsync(AliceKey, AliceDomain, "public_html", Ct);
        var resolved = await d.ResolveAccountAsync(null, null);
        var resolvedExplicit = await d.ResolveAccountAsync(DashboardStack.ServerName, "alice");
        var user = await d.GetUserAsync();
        var status = await d.GetStatusAsync(DashboardStack.ServerName);
        var links = await d.GetLinksAsync(DashboardStack.ServerName);
        var password = await d.GeneratePasswordAsync();

        Assert.Equal(["alice-blog.net", "alice-dev.org", "alice-shop.com"], snapshot.Domains.Select(x => x.Name).Order());
        Assert.Equal(snapshot.Domains.Select(x => x.Name).Order(), refreshed.Domains.Select(x => x.Name).Order());
        Assert.Equal(["media"], folders);
        Assert.Equal(AliceKey, resolved);
        Assert.Equal(AliceKey, resolvedExplicit);
        Assert.Equal(DashboardStack.Alice, user);
        Assert.True(status.Reachable);
        Assert.Equal(new Uri(stack.Server.BaseUrl, "fm/"), links.FileManagerUrl);
        Assert.Empty(FtpPasswords.Check(password));
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public async Task Action_SignedOut_RefusedSignedOutBeforeAnyCall(DashboardAction action)
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
        Assert.Empty(await stack.Audit.QueryAsync(new AuditQuery(), Ct));
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
        stack.Emulator.ResetCallCounts();
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(dashboard, action, AliceKey, AliceDomain, AliceLogin));
        Assert.Equal(DashboardAccessException.Reason.SignedOut, ex.Why);
        AssertNothingChanged(stack, before);
        Assert.Equal("", stack.Calls());
    }

    [Theory]
    [MemberData(nameof(ActionsNamingAServer))]
    public async Task Action_UnknownServer_RefusedBeforeAnyCall(DashboardAction action)
    {
        await using var stack = await DashboardStack.StartAsync();
        var before = stack.Snapshot();
        var nowhere = new AccountKey("nowhere", "alice");
        var customerRefusals = new[] { DashboardAccessException.Reason.OtherAccount, DashboardAccessException.Reason.UnknownServer };

        // A customer of "demo" naming another server (a mutation names no server: it acts on the user's own).
        stack.Auth.SignIn(DashboardStack.Alice);
        if (!Mutations.Contains(action))
        {
            var customer = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, nowhere, AliceDomain, AliceLogin));
            Assert.Contains(customer.Why, customerRefusals);
        }

        // A customer whose principal names a server that is not configured (any more).
        stack.Auth.SignIn(new DashboardUser("nowhere", "alice", DashboardRole.Customer));
        var stray = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, nowhere, AliceDomain, AliceLogin));
        Assert.Contains(stray.Why, customerRefusals);

        stack.Auth.SignIn(DashboardStack.SupportStaff);
        if (action != DashboardAction.ListAccounts)
        {
            var support = await Assert.ThrowsAsync<DashboardAccessException>(() => RunAsync(stack.Dashboard, action, nowhere, AliceDomain, AliceLogin));
            Assert.Equal(Mutations.Contains(action) ? DashboardAccessException.Reason.ReadOnly : DashboardAccessException.Reason.UnknownServer, support.Why);
        }

        AssertNothingChanged(stack, before);
        Assert.Empty(stack.Requests.All);
    }

    internal static void AssertNothingChanged(DashboardStack stack, IReadOnlyList<string> before)
    {
        Assert.Equal(before, stack.Snapshot());
        Assert.Equal(0, stack.MutationCalls());
        Assert.Null(stack.Control.PasswordOf("alice_intruder"));
        Assert.Null(stack.Control.PasswordOf("carol_intruder"));
    }

    /// <summary>What came of an action, as one comparable line: the status and reason of a result, or the exception's type.</summary>
    internal static async Task<string> OutcomeAsync(Func<Task<object?>> action)
    {
        try
        {
            return await action() switch
            {
                IFtpResult r => $"{r.Status} {r.Refusal?.ReasonCode ?? r.ReasonCode}",
                var other => $"returned {other}",
            };
        }
        catch (Exception ex) when (ex is ValidationException or DashboardAccessException or HestiaException)
        {
            return ex is DashboardAccessException access ? $"{nameof(DashboardAccessException)} {access.Why}" : ex.GetType().Name;
        }
    }

    /// <summary>
    /// Runs one dashboard action as a circuit would, with the given (possibly forged) account, domain and login: a mutation
    /// sends the request object its dialog builds, naming <paramref name="key"/>'s user.
    /// </summary>
    internal static async Task<object?> RunAsync(IFtpDashboard d, DashboardAction action, AccountKey key, string domain, string login)
    {
        switch (action)
        {
            case DashboardAction.GetUser:
                return await d.GetUserAsync();
            case DashboardAction.ResolveAccount:
                return await d.ResolveAccountAsync(key.Server, key.User);
            case DashboardAction.Load:
                return await d.LoadAsync(key, Ct);
            case DashboardAction.Refresh:
                return await d.RefreshAsync(key, Ct);
            case DashboardAction.Watch:
                using (await d.WatchAsync(key, _ => Task.CompletedTask))
                {
                    return null;
                }
            case DashboardAction.GetStatus:
                return await d.GetStatusAsync(key.Server);
            case DashboardAction.GetLinks:
                return await d.GetLinksAsync(key.Server);
            case DashboardAction.ListAccounts:
                return await d.ListAccountsAsync(Ct);
            case DashboardAction.ListFolders:
                return await d.ListFoldersAsync(key, domain, "public_html", Ct);
            case DashboardAction.GeneratePassword:
                return await d.GeneratePasswordAsync();
            case DashboardAction.QuickCreate:
                return await d.QuickCreateAsync(new QuickCreateFtpAccountRequest(key.User, domain), Ct);
            case DashboardAction.Create:
                return await d.CreateAsync(new CreateFtpAccountRequest(key.User, domain, "intruder", IntruderPassword), Ct);
            case DashboardAction.ChangePassword:
                return await d.ChangePasswordAsync(new ChangeFtpPasswordRequest(key.User, domain, login, IntruderPassword), Ct);
            case DashboardAction.ChangeFolder:
                return await d.ChangeFolderAsync(new ChangeFtpFolderRequest(key.User, domain, login, "public_html"), Ct);
            case DashboardAction.Delete:
                return await d.DeleteAsync(new DeleteFtpAccountRequest(key.User, domain, login), Ct);
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
