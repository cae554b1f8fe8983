using HestiaFtp.Core.Hestia;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// Re-checks an open circuit's user periodically: a circuit stops acting once the session has expired or the HestiaCP
/// user has been suspended (or deleted), without waiting for a reload.
/// </summary>
public sealed class DashboardAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IHestiaClientProvider clients,
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
        if (DashboardUser.ExpiresOf(principal) is not { } expires || expires <= time.GetUtcNow())
        {
            _logger.LogInformation("Session of {User} on {Server} expired", user.Name, user.Server);
            return false;
        }
        try
        {
            var hestiaUser = await clients.Get(user.Server).GetUserAsync(user.Name, cancellationToken);
            if (hestiaUser.Suspended)
            {
                _logger.LogInformation("{User} on {Server} is suspended: circuit signed out", user.Name, user.Server);
                return false;
            }
            return true;
        }
        catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist)
        {
            return false;
        }
        catch (HestiaException)
        {
            // HestiaCP unreachable: keep the session (fail closed is done per action; reads show last known data).
            return true;
        }
    }
}
