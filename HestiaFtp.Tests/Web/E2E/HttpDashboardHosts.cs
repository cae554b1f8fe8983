using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>The real app with its default configuration, spoken to over HTTP only, with a route that throws.</summary>
public sealed class HttpDashboardHost() : DashboardHost(new Dictionary<string, string?>(), withBrowser: false, ThrowingRoute.Add);

/// <summary>As the README runs it, but with <c>Dashboard:DeveloperExceptionPage</c> switched on.</summary>
public sealed class DeveloperPageDashboardHost() : DashboardHost(
    new Dictionary<string, string?> { ["Dashboard:DeveloperExceptionPage"] = "true" }, withBrowser: false, ThrowingRoute.Add);

/// <summary>Behind a TLS proxy on this machine: 127.0.0.1 is trusted, and the public name is allowed.</summary>
public sealed class TrustedProxyDashboardHost() : DashboardHost(
    new Dictionary<string, string?>
    {
        ["Dashboard:TrustedProxies:0"] = "127.0.0.1",
        ["AllowedHosts"] = $"{TrustedProxyDashboardHost.PublicName};127.0.0.1",
    },
    withBrowser: false)
{
    public const string PublicName = "dashboard.example";
}

/// <summary>A proxy is configured, but it is another machine: requests from 127.0.0.1 are not from it.</summary>
public sealed class OtherProxyDashboardHost() : DashboardHost(
    new Dictionary<string, string?> { ["Dashboard:TrustedProxies:0"] = "10.9.9.0/24" }, withBrowser: false);

/// <summary>
/// A route at the very end of the app's pipeline (after endpoint routing found nothing) that throws: the exception travels
/// back through every middleware of the app, as a bug in a page would.
/// </summary>
public static class ThrowingRoute
{
    public const string Path = "/__test/throw";
    public const string Message = "Test failure thrown at HestiaFtp.Tests.Web.E2E.ThrowingRoute";

    public static void Add(IServiceCollection services) => services.AddTransient<IStartupFilter, Filter>();

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate rest) =>
                context.Request.Path == Path ? throw new InvalidOperationException(Message) : rest(context));
        };
    }
}
