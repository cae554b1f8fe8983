using System.Text.RegularExpressions;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Auth;

public enum SignInOutcome
{
    Success,
    InvalidCredentials,
    Throttled,
    Unavailable,
}

public sealed record SignInResult(SignInOutcome Outcome, DashboardUser? User = null);

/// <summary>
/// Checks a customer's HestiaCP panel password through <c>v-check-user-password</c>, passing the customer's IP so that
/// HestiaCP's fail2ban counts a failure against the customer and not against the dashboard.
/// </summary>
public sealed partial class SignInService(
    IHestiaClientProvider clients,
    SignInThrottle throttle,
    AccountReader reader,
    IOptions<DashboardOptions> options,
    ILogger<SignInService> logger)
{
    // HestiaCP's panel user format (func/main.sh is_user_format_valid): checked before any call, so no garbage reaches it.
    [GeneratedRegex("^[A-Za-z0-9][-._A-Za-z0-9]{0,28}[A-Za-z0-9]$|^[A-Za-z0-9]$")]
    private static partial Regex UserFormat();

    public async Task<SignInResult> SignInAsync(string? server, string? user, string? password, string clientIp, CancellationToken cancellationToken)
    {
        server = string.IsNullOrWhiteSpace(server) ? clients.Servers[0].Name : server.Trim();
        user = user?.Trim() ?? string.Empty;
        if (!clients.Servers.Any(s => s.Name == server) || !UserFormat().IsMatch(user) || string.IsNullOrEmpty(password)
            || password.Length > 256)
        {
            return new SignInResult(SignInOutcome.InvalidCredentials);
        }
        if (throttle.IsBlocked(server, user, clientIp))
        {
            logger.LogWarning("Sign-in for {User} on {Server} from {ClientIp} refused: too many failures", user, server, clientIp);
            return new SignInResult(SignInOutcome.Throttled);
        }

        var client = clients.Get(server);
        try
        {
            if (!await client.CheckUserPasswordAsync(user, password, clientIp, cancellationToken))
            {
                // A suspended user also fails here (HestiaCP refuses their password); we cannot tell them apart without guessing.
                throttle.RecordFailure(server, user, clientIp);
                logger.LogInformation("Sign-in for {User} on {Server} from {ClientIp} failed", user, server, clientIp);
                return new SignInResult(SignInOutcome.InvalidCredentials);
            }
            var hestiaUser = await client.GetUserAsync(user, cancellationToken);
            // This read feeds the live store, so the first page view needs only the domains (a cold view is one call).
            reader.ApplySignIn(new AccountKey(server, user), hestiaUser);
            throttle.RecordSuccess(server, user);
            var o = options.Value;
            var role = (o.AdminsAreSupport && hestiaUser.IsAdmin) || o.IsSupportUser(server, user)
                ? DashboardRole.Support
                : DashboardRole.Customer;
            logger.LogInformation("{User} signed in on {Server} as {Role}", user, server, role);
            return new SignInResult(SignInOutcome.Success, new DashboardUser(server, user, role));
        }
        catch (HestiaException ex)
        {
            logger.LogWarning("Sign-in for {User} on {Server} could not be checked: {Code} {HestiaMessage}", user, server, ex.Code, ex.HestiaMessage);
            return new SignInResult(SignInOutcome.Unavailable);
        }
    }
}
