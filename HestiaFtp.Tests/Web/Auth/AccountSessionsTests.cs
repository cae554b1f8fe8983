using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Auth;

/// <summary>Support staff's "end all sessions of an account" against the real stack.</summary>
public class AccountSessionsTests
{
    private static readonly AccountKey AliceKey = new(DashboardStack.ServerName, "alice");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EndAllAsync_Customer_RefusedAndNothingEnds()
    {
        await using var stack = await DashboardStack.StartAsync();
        var alice = await stack.StartSessionAsync(DashboardStack.Alice);
        stack.Auth.SignIn(DashboardStack.Carol);

        var refused = await Assert.ThrowsAsync<DashboardAccessException>(() => stack.AccountSessions.EndAllAsync(AliceKey, Ct));

        Assert.Equal(DashboardAccessException.Reason.OtherAccount, refused.Why);
        Assert.True(await stack.Sessions.IsActiveAsync(alice, Ct));
        Assert.Empty(await stack.Audit.QueryAsync(new AuditQuery(), Ct));
    }

    [Fact]
    public async Task EndAllAsync_SignedOut_Refused()
    {
        await using var stack = await DashboardStack.StartAsync();

        var refused = await Assert.ThrowsAsync<DashboardAccessException>(() => stack.AccountSessions.EndAllAsync(AliceKey, Ct));

        Assert.Equal(DashboardAccessException.Reason.SignedOut, refused.Why);
    }

    [Fact]
    public async Task EndAllAsync_Support_EndsTheAccountsSessionsOnly_AndRecordsItForTheCustomerToSee()
    {
        await using var stack = await DashboardStack.StartAsync();
        var alice = await stack.StartSessionAsync(DashboardStack.Alice);
        var carol = await stack.StartSessionAsync(DashboardStack.Carol);
        stack.Auth.SignIn(DashboardStack.SupportStaff);

        Assert.Equal(1, await stack.AccountSessions.EndAllAsync(AliceKey, Ct));

        Assert.False(await stack.Sessions.IsActiveAsync(alice, Ct));
        Assert.True(await stack.Sessions.IsActiveAsync(carol, Ct));
        var entry = Assert.Single(await stack.Audit.QueryAsync(new AuditQuery(DashboardStack.ServerName, "alice"), Ct));
        Assert.Equal(("support", AuditActions.EndSessions, AuditOutcomes.Succeeded), (entry.Actor, entry.Action, entry.Outcome));
    }
}
