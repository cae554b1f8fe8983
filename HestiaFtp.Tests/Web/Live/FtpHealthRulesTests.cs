using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public class FtpHealthRulesTests
{
    private static WebDomain Domain(bool suspended) =>
        new("a.com", "alice", "10.0.0.5", "/home/alice/web/a.com/public_html/", [], false, false, suspended, []);

    private static HestiaUser User(bool suspended, int suspendedWeb = 0) => new("alice", "user", suspended, suspendedWeb, 1, "Alice", "default");

    [Theory]
    [InlineData(false, false, FtpLoginState.Working, true)]
    [InlineData(false, true, FtpLoginState.Working, false)]
    [InlineData(true, true, FtpLoginState.Locked, false)]
    [InlineData(true, false, FtpLoginState.Locked, false)]
    public void ForDomain_UserAndDomainSuspension_DerivesLoginsAndChanges(bool userSuspended, bool domainSuspended, FtpLoginState logins, bool changes)
    {
        var health = FtpHealthRules.ForDomain(User(userSuspended), Domain(domainSuspended));

        Assert.Equal(logins, health.Logins);
        Assert.Equal(changes, health.ChangesAllowed);
    }

    [Fact]
    public void ForDomain_DomainSuspended_ReasonSaysLoginsStillWork() =>
        Assert.Contains("logins still work", FtpHealthRules.ForDomain(User(false), Domain(true)).Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, false)]
    public void ForAccount_DomainsUnknown_UsesSuspendedWebCounter(int suspendedWeb, bool changes)
    {
        var health = FtpHealthRules.ForAccount(User(false, suspendedWeb), null);

        Assert.Equal(FtpLoginState.Working, health.Logins);
        Assert.Equal(changes, health.ChangesAllowed);
    }

    [Fact]
    public void ForAccount_UnknownUser_IsUnknown() =>
        Assert.Equal(FtpLoginState.Unknown, FtpHealthRules.ForAccount(null, []).Logins);
}
