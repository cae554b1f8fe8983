using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public sealed class InProcessAccountStoreTests
{
    private static readonly AccountKey Alice = new("web1", "alice");
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly InProcessAccountStore _store = new();

    private static HestiaUser User(bool suspended = false, int domains = 2) => new("alice", "user", suspended, 0, domains, "Alice", "default");

    private static WebDomain Domain(string name, bool suspended = false, params (string Login, string Folder)[] accounts) =>
        new(name, "alice", "203.0.113.10", $"/home/alice/web/{name}/public_html/", [], false, false, suspended,
            accounts.Select(a => new FtpAccount(a.Login, name, a.Folder)).ToList());

    [Fact]
    public void Get_BeforeTheDomainsWereRead_IsNull()
    {
        _store.ApplyUser(Alice, User(), _store.NextSequence(), At, ChangeSource.External);

        Assert.Null(_store.Get(Alice));
        Assert.Equal("alice", _store.GetUser(Alice)!.User!.Name);
    }

    [Fact]
    public void ApplyDomains_FromAReadThatStartedEarlier_IsDiscarded()
    {
        var older = _store.NextSequence();
        var newer = _store.NextSequence();
        _store.ApplyDomains(Alice, [Domain("a.com", false, ("alice_new", ""))], newer, At, ChangeSource.Dashboard);

        var result = _store.ApplyDomains(Alice, [Domain("a.com")], older, At, ChangeSource.External);

        Assert.Empty(result.Changes);
        Assert.Single(_store.Get(Alice)!.Domains.Single().FtpAccounts);
    }

    [Fact]
    public void ApplyDomain_ReplacesOnlyThatDomainInPlace()
    {
        _store.ApplyDomains(Alice, [Domain("a.com"), Domain("b.com"), Domain("c.com")], _store.NextSequence(), At, ChangeSource.External);

        var result = _store.ApplyDomain(Alice, "b.com", Domain("b.com", false, ("alice_x", "/up")), _store.NextSequence(), At, ChangeSource.Dashboard);

        Assert.Equal(["a.com", "b.com", "c.com"], result.Snapshot!.Domains.Select(d => d.Name));
        var change = Assert.Single(result.Changes);
        Assert.Equal((ChangeKind.FtpAdded, "alice_x", ChangeSource.Dashboard), (change.Kind, change.Login, change.Source));
    }

    [Fact]
    public void ApplyDomain_BeforeTheAccountWasListed_KeepsNothing()
    {
        var result = _store.ApplyDomain(Alice, "b.com", Domain("b.com"), _store.NextSequence(), At, ChangeSource.Dashboard);

        Assert.Null(result.Snapshot);
        Assert.Null(_store.Get(Alice));
    }

    [Fact]
    public void ApplyUser_SuspensionChanged_IsAChange()
    {
        _store.ApplyUser(Alice, User(), _store.NextSequence(), At, ChangeSource.External);

        var result = _store.ApplyUser(Alice, User(suspended: true), _store.NextSequence(), At, ChangeSource.External);

        Assert.Equal(ChangeKind.UserSuspended, Assert.Single(result.Changes).Kind);
    }

    [Fact]
    public void ApplyUserList_UserNoLongerListed_IsRemovedAndItsDomainsEmptied()
    {
        _store.ApplyUser(Alice, User(), _store.NextSequence(), At, ChangeSource.External);
        _store.ApplyDomains(Alice, [Domain("a.com", false, ("alice_x", ""))], _store.NextSequence(), At, ChangeSource.External);

        var results = _store.ApplyUserList("web1", [], _store.NextSequence(), At);

        var result = Assert.Single(results);
        Assert.Contains(result.Changes, c => c.Kind == ChangeKind.UserRemoved);
        Assert.Empty(_store.Get(Alice)!.Domains);
    }

    [Fact]
    public void PlanSweep_CounterChanged_ComesFirstThenTheStalest()
    {
        var bob = new AccountKey("web1", "bob");
        var carol = new AccountKey("web1", "carol");
        _store.ApplyUserList("web1", [User(), User() with { Name = "bob" }, User() with { Name = "carol" }], _store.NextSequence(), At);
        _store.ApplyDomains(bob, [], _store.NextSequence(), At.AddMinutes(1), ChangeSource.External);
        _store.ApplyDomains(carol, [], _store.NextSequence(), At, ChangeSource.External);
        _store.ApplyUserList("web1", [User(), User() with { Name = "bob", WebDomainCount = 5 }, User() with { Name = "carol" }], _store.NextSequence(), At);

        var (changed, stalest) = _store.PlanSweep("web1", new HashSet<string> { "alice" }, 10, 10);

        Assert.Equal(["bob"], changed);
        Assert.Equal(["carol"], stalest);
    }
}
