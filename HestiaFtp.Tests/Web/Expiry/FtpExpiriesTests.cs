using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Expiry;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.Expiry;

/// <summary>The screens' boundary for ends against the real stack: who may set what, what is stored and logged.</summary>
public class FtpExpiriesTests
{
    private const string Domain = "alice-shop.com";
    private static readonly AccountKey AliceKey = new(DashboardStack.ServerName, "alice");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DashboardStack> AsAsync(DashboardUser user)
    {
        var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(user);
        return stack;
    }

    private static IFtpExpiries Expiries(DashboardStack stack) => stack.Services.GetRequiredService<IFtpExpiries>();

    private static SetFtpExpiryRequest Request(string login = "alice_media", TimeSpan? after = null, string user = "alice") =>
        new(user, Domain, login, TimeProvider.System.GetUtcNow() + (after ?? TimeSpan.FromDays(7)), "Europe/Berlin");

    [Fact]
    public async Task SetAsync_OwnAccount_StoresEndWithFolderAndZoneAndLogsIt()
    {
        await using var stack = await AsAsync(DashboardStack.Alice);
        var request = Request();

        var stored = await Expiries(stack).SetAsync(request, Ct);

        var end = Assert.Single(await Expiries(stack).ListAsync(AliceKey, Ct));
        Assert.Equal((stored!.Key, "alice"), (end.Key, end.SetBy));
        Assert.Equal(("/public_html/media", "Europe/Berlin", request.EndsAt!.Value.ToUnixTimeMilliseconds()),
            (end.Folder, end.Zone, end.EndsAt.ToUnixTimeMilliseconds()));
        var entry = Assert.Single(await stack.Audit.QueryAsync(new AuditQuery(), Ct));
        Assert.Equal((AuditActions.SetFtpExpiry, AuditDetails.End(end.EndsAt, "Europe/Berlin"), AuditActorKinds.User), (entry.Action, entry.Detail, entry.ActorKind));
        Assert.Equal(0, stack.MutationCalls());
    }

    [Fact]
    public async Task SetAsync_NullEnd_RemovesIt()
    {
        await using var stack = await AsAsync(DashboardStack.Alice);
        await Expiries(stack).SetAsync(Request(), Ct);

        var result = await Expiries(stack).SetAsync(Request() with { EndsAt = null }, Ct);

        Assert.Null(result);
        Assert.Empty(await Expiries(stack).ListAsync(AliceKey, Ct));
        Assert.Equal(AuditDetails.EndRemoved, (await stack.Audit.QueryAsync(new AuditQuery(), Ct))[0].Detail);
    }

    [Fact]
    public async Task SetAsync_Support_RefusedReadOnly()
    {
        await using var stack = await AsAsync(DashboardStack.SupportStaff);

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => Expiries(stack).SetAsync(Request(), Ct));

        Assert.Equal(DashboardAccessException.Reason.ReadOnly, ex.Why);
    }

    [Fact]
    public async Task SetAsync_AnotherCustomersAccount_Refused()
    {
        await using var stack = await AsAsync(DashboardStack.Carol);

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => Expiries(stack).SetAsync(Request(), Ct));

        Assert.Equal(DashboardAccessException.Reason.OtherAccount, ex.Why);
        await Assert.ThrowsAsync<DashboardAccessException>(() => Expiries(stack).ListAsync(AliceKey, Ct));
    }

    [Fact]
    public async Task SetAsync_UnknownLogin_Refused()
    {
        await using var stack = await AsAsync(DashboardStack.Alice);

        var ex = await Assert.ThrowsAsync<DashboardAccessException>(() => Expiries(stack).SetAsync(Request("alice_nobody"), Ct));

        Assert.Equal(DashboardAccessException.Reason.UnknownLogin, ex.Why);
    }

    [Fact]
    public async Task SetAsync_EndInThePast_Refused()
    {
        await using var stack = await AsAsync(DashboardStack.Alice);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Expiries(stack).SetAsync(Request(after: TimeSpan.FromMinutes(-1)), Ct));
        Assert.Empty(await Expiries(stack).ListAsync(AliceKey, Ct));
    }

    [Fact]
    public async Task ListAllAsync_Support_SeesEveryEnd_CustomerRefused()
    {
        await using var stack = await AsAsync(DashboardStack.Alice);
        await Expiries(stack).SetAsync(Request(), Ct);
        await Assert.ThrowsAsync<DashboardAccessException>(() => Expiries(stack).ListAllAsync(Ct));

        stack.Auth.SignIn(DashboardStack.SupportStaff);

        Assert.Equal("alice_media", Assert.Single(await Expiries(stack).ListAllAsync(Ct)).Key.Login);
    }
}
