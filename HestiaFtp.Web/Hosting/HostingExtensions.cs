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

    /// <summary>Cookie sign-in, the revalidating circuit state, roles, and the sign-in throttle.</summary>
    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
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
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = context =>
                {
                    // The session's absolute end is in the ticket; a copied cookie stops working then.
                    if (context.Principal is null || DashboardUser.FromPrincipal(context.Principal) is null
                        || DashboardUser.ExpiresOf(context.Principal) is not { } expires
                        || expires <= context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow())
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(DashboardUser.AuthenticationScheme);
                    }
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, DashboardAuthenticationStateProvider>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInService>();
        services.AddScoped<CurrentUser>();
        return services;
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
