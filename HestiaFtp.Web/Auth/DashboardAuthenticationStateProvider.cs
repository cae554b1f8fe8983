using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// Re-checks an open circuit's user periodically: a circuit stops acting (and shows the sign-in page) once its session has
/// expired or ended in the store (sign-out in another tab, support staff), or the HestiaCP user has been suspended (or
/// deleted, which ends the session too), without waiting for a reload. The user's state comes from the live store, which
/// the poller keeps fresh for every watched account; only when it is older than the revalidation interval is it read,
/// through the shared reader (one read per account, not per tab).
/// </summary>
public sealed class DashboardAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IAccountStore store,
    AccountReader reader,
    DashboardSessions sessions,
    IOptions<DashboardOptions> options,
    TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DashboardAuthenticationStateProvider>();

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        var user = DashboardUser.FromPrincipal(principal);
        if (user is null)
        {
            return false;
        }
        if (!await sessions.IsActiveAsync(principal, cancellationToken))
        {
            _logger.LogInformation("Session of {User} on {Server} expired or ended: circuit signed out", user.Name, user.Server);
            return false;
        }
        var now = time.GetUtcNow();
        var key = new AccountKey(user.Server, user.Name);
        try
        {
            var stored = store.GetUser(key);
            var hestiaUser = stored is not null && now - stored.AsOf < RevalidationInterval
                ? stored.User
                : await reader.ReadUserAsync(key, cancellationToken);
            if (hestiaUser is null || hestiaUser.Suspended)
            {
                _logger.LogInformation("{User} on {Server} is suspended or gone: circuit signed out", user.Name, user.Server);
                await sessions.EndAsync(principal, SessionEndReasons.Suspended, CancellationToken.None);
                return false;
            }
            return true;
        }
        catch (HestiaException)
        {
            // HestiaCP unreachable: keep the session (fail closed is done per action; reads show last known data).
            return true;
        }
    }
}
