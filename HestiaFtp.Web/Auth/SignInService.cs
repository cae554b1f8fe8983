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

/// <summary>
/// What a sign-in produced. On success: the user, the server-side session to put into the auth cookie, and the device
/// cookie to set (it replaces the one the browser presented).
/// </summary>
public sealed record SignInResult(SignInOutcome Outcome, DashboardUser? User = null, DashboardSession? Session = null, IssuedDeviceCookie? Device = null);

/// <summary>
/// Checks a customer's HestiaCP panel password through <c>v-check-user-password</c>, passing the customer's IP so that
/// HestiaCP's fail2ban counts a failure against the customer and not against the dashboard. Each attempt is reserved with
/// <see cref="SignInThrottle"/> before HestiaCP is asked and completed with its outcome; a success starts a new session
/// and trusts the browser for the account (<see cref="DeviceCookies"/>).
/// </summary>
public sealed partial class SignInService(
    IHestiaClientProvider clients,
    SignInThrottle throttle,
    DeviceCookies devices,
    DashboardSessions sessions,
    AccountReader reader,
    IOptions<DashboardOptions> options,
    ILogger<SignInService> logger)
{
    // HestiaCP's panel user format (func/main.sh is_user_format_valid): checked before any call, so no garbage reaches it.
    [GeneratedRegex("^[A-Za-z0-9][-._A-Za-z0-9]{0,28}[A-Za-z0-9]$|^[A-Za-z0-9]$")]
    private static partial Regex UserFormat();

    /// <summary>A sign-in from a browser without device cookies.</summary>
    public Task<SignInResult> SignInAsync(string? server, string? user, string? password, string clientIp, CancellationToken cancellationToken) =>
        SignInAsync(server, user, password, clientIp, deviceCookies: null, cancellationToken);

    /// <param name="deviceCookies">Reads one of the browser's cookies by name (the device cookie of the account).</param>
    public async Task<SignInResult> SignInAsync(string? server, string? user, string? password, string clientIp, Func<string, string?>? deviceCookies,
        CancellationToken cancellationToken)
    {
        server = string.IsNullOrWhiteSpace(server) ? clients.Servers[0].Name : server.Trim();
        user = user?.Trim() ?? string.Empty;
        if (!clients.Servers.Any(s => s.Name == server) || !UserFormat().IsMatch(user) || string.IsNullOrEmpty(password)
            || password.Length > 256)
        {
            return new SignInResult(SignInOutcome.InvalidCredentials);
        }
        var device = await devices.TrustedDeviceAsync(deviceCookies?.Invoke(DeviceCookies.CookieName(server, user)), server, user, cancellationToken);
        // Disposing an attempt nobody completed (cancelled or thrown mid-call) counts it as failed.
        await using var attempt = await throttle.ReserveAsync(server, user, clientIp, device, cancellationToken);
        if (attempt is null)
        {
            return new SignInResult(SignInOutcome.Throttled);
        }

        var client = clients.Get(server);
        try
        {
            if (!await client.CheckUserPasswordAsync(user, password, clientIp, cancellationToken))
            {
                // A suspended user also fails here (HestiaCP refuses their password); we cannot tell them apart without guessing.
                await attempt.FailedAsync();
                logger.LogInformation("Sign-in for {User} on {Server} from {ClientIp} failed", user, server, clientIp);
                return new SignInResult(SignInOutcome.InvalidCredentials);
            }
            var hestiaUser = await client.GetUserAsync(user, cancellationToken);
            await attempt.ReleaseAsync();
            // This read feeds the live store, so the first page view needs only the domains (a cold view is one call).
            reader.ApplySignIn(new AccountKey(server, user), hestiaUser);
            var o = options.Value;
            var role = (o.AdminsAreSupport && hestiaUser.IsAdmin) || o.IsSupportUser(server, user)
                ? DashboardRole.Support
                : DashboardRole.Customer;
            var signedIn = new DashboardUser(server, user, role);
            var session = await sessions.StartAsync(signedIn, cancellationToken);
            var issued = await devices.IssueAsync(server, user, attempt.TrustedDevice ? device : null, cancellationToken);
            logger.LogInformation("{User} signed in on {Server} as {Role} ({Device})", user, server, role, attempt.TrustedDevice ? "known device" : "new device");
            return new SignInResult(SignInOutcome.Success, signedIn, session, issued);
        }
        catch (HestiaException ex)
        {
            // HestiaCP could not be asked (or not answer): no password was judged, so the attempt is given back.
            await attempt.ReleaseAsync();
            logger.LogWarning("Sign-in for {User} on {Server} could not be checked: {Code} {HestiaMessage}", user, server, ex.Code, ex.HestiaMessage);
            return new SignInResult(SignInOutcome.Unavailable);
        }
    }
}
