using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Hosting;

/// <summary>
/// Start-up for the web side of security: no stack trace reaches a browser unless explicitly asked for, headers on every
/// response, relative redirects, forwarded headers from configured proxies only, and data-protection keys in a
/// configured, optionally encrypted, folder. Host filtering is ASP.NET Core's own, driven by <c>AllowedHosts</c>.
/// </summary>
public static class WebSecurityExtensions
{
    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebSecurityOptions>().Bind(builder.Configuration.GetSection(WebSecurityOptions.SectionName))
            .Validate(o => o.TrustedProxies.All(p => WebSecurityOptions.TryParseProxy(p, out _)),
                "Dashboard:TrustedProxies holds an entry that is neither an IP address nor a network (10.0.0.0/24).")
            .ValidateOnStart();
        var developerErrors = DeveloperErrorsEnabled(builder.Configuration, builder.Environment);
        builder.Services.Configure<CircuitOptions>(o => o.DetailedErrors = developerErrors);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The client's address and scheme only: the Host header is the proxy's to pass on unchanged (AllowedHosts
            // checks it), and one proxy hop is believed.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in builder.Configuration.GetSection($"{WebSecurityOptions.SectionName}:{nameof(WebSecurityOptions.TrustedProxies)}").Get<string[]>() ?? [])
            {
                if (WebSecurityOptions.TryParseProxy(entry, out var network))
                {
                    o.KnownIPNetworks.Add(network);
                }
            }
        });
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddDashboardDataProtection(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }

    /// <summary>First in the pipeline, right after what <see cref="WebApplication"/> adds itself.</summary>
    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebSecurityOptions>>().Value;
        // With no known proxy at all, ForwardedHeadersMiddleware would believe every sender: leave it out instead.
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseSecurityHeaders();
        app.UseRelativeRedirects();
        if (!DeveloperErrorsEnabled(app.Configuration, app.Environment))
        {
            app.UseLastResortErrors();
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        return app;
    }

    private static bool DeveloperErrorsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment()
        && configuration.GetValue<bool>($"{WebSecurityOptions.SectionName}:{nameof(WebSecurityOptions.DeveloperExceptionPage)}");
}
