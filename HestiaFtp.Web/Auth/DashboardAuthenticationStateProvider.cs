using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
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
    ILiveAccounts live,
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
            // The shared live store answers from its cache when it is fresh, so open circuits add no HestiaCP calls.
            var snapshot = await live.GetAsync(new AccountKey(user.Server, user.Name), cancellationToken);
            if (snapshot.User is null)
            {
                return false;
            }
            if (snapshot.User.Suspended)
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
