using Microsoft.AspNetCore.Components.Authorization;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// The signed-in user of this circuit, read fresh from the authentication state on every call: once the revalidating
/// provider has signed a circuit out, every action refuses.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authenticationStateProvider)
{
    public async Task<DashboardUser?> GetAsync()
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        return DashboardUser.FromPrincipal(state.User);
    }

    public async Task<DashboardUser> RequireAsync()
    {
        return await GetAsync() ?? throw new DashboardAccessException(DashboardAccessException.Reason.SignedOut);
    }
}

/// <summary>An action the signed-in user may not take. The message is safe to show; it names no secret.</summary>
public sealed class DashboardAccessException(DashboardAccessException.Reason reason) : Exception($"Access refused: {reason}.")
{
    public enum Reason
    {
        SignedOut,
        ReadOnly,
        OtherAccount,
        UnknownServer,
        UnknownDomain,
        UnknownLogin,
        AmbiguousLogin,

        /// <summary>HestiaCP's '.' wildcard would also match another of the account's domains.</summary>
        AmbiguousDomain,

        /// <summary>The activity log could not record the intent, so nothing was sent.</summary>
        AuditUnavailable,
    }

    public Reason Why { get; } = reason;
}
