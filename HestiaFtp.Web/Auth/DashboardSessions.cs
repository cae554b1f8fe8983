using System.Security.Claims;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Auth;

/// <summary>Why a session ended, as stored.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const string Suspended = "suspended";
    public const string EndedBySupport = "ended-by-support";
    public const string Replaced = "replaced";
}

/// <summary>
/// Server-side sessions. Every sign-in starts a new one with a fresh random id (no fixation: an id from before the
/// sign-in is never reused), which the auth cookie carries as a claim and the store keeps as a hash. Each request
/// (cookie validation) and each circuit revalidation checks it is still active, so signing out, a suspension or support
/// staff ending it stops a copied cookie at once and every open circuit within one revalidation. The lifetime is
/// absolute (<see cref="DashboardOptions.SessionLifetime"/> from the sign-in).
/// </summary>
public sealed class DashboardSessions(ISessionStore store, IOptions<DashboardOptions> options, TimeProvider time, ILogger<DashboardSessions> logger)
{
    /// <summary>Starts a session for a user who just proved their password.</summary>
    public async Task<DashboardSession> StartAsync(DashboardUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.SessionLifetime;
        var id = SecretIds.New();
        await store.AddSessionAsync(SecretIds.Hash(id), user.Server, user.Name, now, expires, cancellationToken);
        return new DashboardSession(id, expires);
    }

    /// <summary>
    /// Whether the principal is a complete dashboard identity whose session is within its lifetime and still active in the
    /// store.
    /// </summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (DashboardUser.FromPrincipal(principal) is null || DashboardUser.SessionIdOf(principal) is not { } id
            || DashboardUser.ExpiresOf(principal) is not { } expires)
        {
            return false;
        }
        var now = time.GetUtcNow();
        return expires > now && await store.IsSessionActiveAsync(SecretIds.Hash(id), now, cancellationToken);
    }

    /// <summary>Ends the principal's session (sign-out, suspension, a new sign-in in the same browser).</summary>
    public async Task EndAsync(ClaimsPrincipal principal, string reason, CancellationToken cancellationToken)
    {
        if (DashboardUser.SessionIdOf(principal) is { } id)
        {
            await store.EndSessionAsync(SecretIds.Hash(id), reason, time.GetUtcNow(), cancellationToken);
            var user = DashboardUser.FromPrincipal(principal);
            logger.LogInformation("Session of {User} on {Server} ended: {Reason}", user?.Name, user?.Server, reason);
        }
    }

    /// <summary>Ends every session of an account; returns how many were active.</summary>
    public async Task<int> EndAllAsync(AccountKey account, string reason, CancellationToken cancellationToken)
    {
        var ended = await store.EndSessionsAsync(account.Server, account.User, reason, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("{Count} sessions of {User} on {Server} ended: {Reason}", ended, account.User, account.Server, reason);
        return ended;
    }
}

/// <summary>A started session: the id goes into the auth cookie only (never a URL or a log).</summary>
public sealed record DashboardSession(string Id, DateTimeOffset Expires)
{
    public override string ToString() => $"{nameof(DashboardSession)} {{ Expires = {Expires:O} }}";
}
