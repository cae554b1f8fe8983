using System.Security.Claims;
using HestiaFtp.Web.Auth;

namespace HestiaFtp.Tests.Web.Auth;

public class DashboardUserTests
{
    public static TheoryData<DashboardUser> Users() => new(
        new DashboardUser("web1", "alice", DashboardRole.Customer),
        new DashboardUser("demo", "support", DashboardRole.Support),
        new DashboardUser("web-2", "a.b-c_d", DashboardRole.Customer));

    [Theory]
    [MemberData(nameof(Users))]
    public void ToPrincipal_FromPrincipal_RoundTrips(DashboardUser user)
    {
        var expires = new DateTimeOffset(2026, 3, 1, 17, 0, 0, TimeSpan.Zero);

        var principal = user.ToPrincipal(expires);

        Assert.Equal(user, DashboardUser.FromPrincipal(principal));
        Assert.Equal(expires, DashboardUser.ExpiresOf(principal));
        Assert.True(principal.Identity?.IsAuthenticated);
        Assert.Equal(user.Name, principal.Identity?.Name);
        Assert.True(principal.IsInRole(user.Role.ToString()));
        Assert.Equal(user.Role == DashboardRole.Support, user.IsSupport);
    }

    [Fact]
    public void FromPrincipal_Anonymous_Null()
    {
        Assert.Null(DashboardUser.FromPrincipal(null));
        Assert.Null(DashboardUser.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())));
        // Claims present but not authenticated (no authentication type).
        Assert.Null(DashboardUser.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "alice"), new Claim(DashboardUser.ServerClaim, "web1"), new Claim(ClaimTypes.Role, "Customer")]))));
    }

    [Theory]
    [InlineData(null, "web1", "Customer")]
    [InlineData("alice", null, "Customer")]
    [InlineData("alice", "web1", null)]
    [InlineData("alice", "web1", "Admin")]
    [InlineData("", "web1", "Customer")]
    public void FromPrincipal_IncompleteClaims_Null(string? name, string? server, string? role)
    {
        var claims = new List<Claim>();
        if (name is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, name));
        }
        if (server is not null)
        {
            claims.Add(new Claim(DashboardUser.ServerClaim, server));
        }
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        Assert.Null(DashboardUser.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity(claims, DashboardUser.AuthenticationScheme))));
    }

    [Fact]
    public void ExpiresOf_NoOrBadClaim_Null()
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice")], DashboardUser.AuthenticationScheme);
        Assert.Null(DashboardUser.ExpiresOf(new ClaimsPrincipal(identity)));
        identity.AddClaim(new Claim(DashboardUser.ExpiresClaim, "tomorrow"));
        Assert.Null(DashboardUser.ExpiresOf(new ClaimsPrincipal(identity)));
    }
}
