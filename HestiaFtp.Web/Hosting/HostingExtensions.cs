using System.Globalization;
using HestiaFtp.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Localization;

namespace HestiaFtp.Web.Hosting;

public static class HostingExtensions
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("de")];

    /// <summary>
    /// Cookie sign-in backed by server-side sessions, the revalidating circuit state, roles, and the sign-in defence
    /// (throttle, device cookies). The stores live in the dashboard database (register it with
    /// <see cref="Data.DataServiceCollectionExtensions.AddDashboardDatabase"/>).
    /// </summary>
    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName))
            .Validate(o => o.MaxFailuresPerAddress >= 1 && o.MaxFailuresPerAccountAndAddress >= 1 && o.MaxFailuresPerAccount >= 1
                && o.MaxFailuresPerDevice >= 1 && o.SignInWindow > TimeSpan.Zero && o.SessionLifetime > TimeSpan.Zero
                && o.DeviceLifetime > TimeSpan.Zero, "Dashboard sign-in limits must be at least 1 and its times positive.")
            .ValidateOnStart();
        services.AddAuthentication(DashboardUser.AuthenticationScheme)
            .AddCookie(DashboardUser.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "HestiaFtp.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/";
                // Absolute lifetime (DashboardOptions.SessionLifetime): the ticket is never renewed.
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, DashboardAuthenticationStateProvider>();
        services.AddSignInStores(configuration);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddSingleton<DashboardSessions>();
        services.AddScoped<SignInService>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<IAccountSessions, AccountSessions>();
        return services;
    }

    /// <summary>
    /// Every request: the cookie's session must still be active in the store (not signed out, ended by staff or expired),
    /// and a user the live store already knows to be suspended loses it. A copied cookie stops working at once.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<DashboardSessions>();
        var principal = context.Principal;
        var active = principal is not null && await sessions.IsActiveAsync(principal, context.HttpContext.RequestAborted);
        if (active && DashboardUser.FromPrincipal(principal) is { } user
            && services.GetService<Live.IAccountStore>()?.GetUser(new Live.AccountKey(user.Server, user.Name)) is { User.Suspended: true })
        {
            await sessions.EndAsync(principal!, SessionEndReasons.Suspended, CancellationToken.None);
            active = false;
        }
        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardUser.AuthenticationScheme);
        }
    }

    public static WebApplication MapDashboardEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous();

        // Language switch: remembered in the standard culture cookie for a year.
        app.MapGet("/culture", (HttpContext context, string? culture, string? redirectUri) =>
        {
            var chosen = SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "en";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(LocalUrl.OrRoot(redirectUri));
        }).AllowAnonymous();

        app.MapPost("/signout", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }
            // End the server-side session first: a copy of the cookie taken before this point is refused from now on.
            await context.RequestServices.GetRequiredService<DashboardSessions>().EndAsync(context.User, SessionEndReasons.SignedOut, CancellationToken.None);
            // RedirectUri: on its logout path the cookie handler would otherwise redirect to a ReturnUrl from the query.
            const string signedOut = "/signin?reason=signedout";
            await context.SignOutAsync(DashboardUser.AuthenticationScheme, new AuthenticationProperties { RedirectUri = signedOut });
            return Results.LocalRedirect(signedOut);
        });
        return app;
    }

    public static RequestLocalizationOptions LocalizationOptions() => new()
    {
        DefaultRequestCulture = new RequestCulture("en"),
        SupportedCultures = SupportedCultures,
        SupportedUICultures = SupportedCultures,
    };
}
