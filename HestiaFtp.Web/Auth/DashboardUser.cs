using System.Security.Claims;

namespace HestiaFtp.Web.Auth;

public enum DashboardRole
{
    Customer,
    Support,
}

/// <summary>The signed-in person: a HestiaCP user on one configured server, as a customer or as read-only support staff.</summary>
public sealed record DashboardUser(string Server, string Name, DashboardRole Role)
{
    public const string ServerClaim = "hestia:server";
    public const string ExpiresClaim = "hestia:expires";
    public const string SessionClaim = "hestia:session";
    public const string AuthenticationScheme = "HestiaFtp";

    public bool IsSupport => Role == DashboardRole.Support;

    /// <summary>
    /// The principal stored in the sign-in cookie; <paramref name="expires"/> is the absolute end of the session and
    /// <paramref name="sessionId"/> the server-side session it belongs to (without one, no request or circuit accepts it).
    /// </summary>
    public ClaimsPrincipal ToPrincipal(DateTimeOffset expires, string? sessionId = null)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, Name),
                new Claim(ServerClaim, Server),
                new Claim(ClaimTypes.Role, Role.ToString()),
                new Claim(ExpiresClaim, expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        if (sessionId is not null)
        {
            identity.AddClaim(new Claim(SessionClaim, sessionId));
        }
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Reads the user from a principal, or null when it is not a complete dashboard identity.</summary>
    public static DashboardUser? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var server = principal.FindFirstValue(ServerClaim);
        var roleText = principal.FindFirstValue(ClaimTypes.Role);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(server) || !Enum.TryParse<DashboardRole>(roleText, out var role))
        {
            return null;
        }
        return new DashboardUser(server, name, role);
    }

    /// <summary>The absolute end of the session carried by the principal, or null when it has none.</summary>
    public static DateTimeOffset? ExpiresOf(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(ExpiresClaim), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>The server-side session id carried by the principal, or null when it has none.</summary>
    public static string? SessionIdOf(ClaimsPrincipal principal) => principal.FindFirstValue(SessionClaim) is { Length: > 0 } id ? id : null;
}
