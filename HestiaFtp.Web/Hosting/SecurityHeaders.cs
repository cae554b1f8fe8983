using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Net.Http.Headers;

namespace HestiaFtp.Web.Hosting;

/// <summary>
/// The security headers on every response (pages, static assets, redirects, errors), written as the response starts so
/// that nothing later in the pipeline (antiforgery's X-Frame-Options, Blazor's frame-ancestors, an exception handler's
/// cleared headers) changes them.
/// </summary>
public static class SecurityHeaders
{
    public const string ReferrerPolicy = "no-referrer";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>One year; sent on https only, and not for loopback names (a developer's localhost is not pinned).</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> ImportMapHashes = [];

    /// <summary>
    /// Scripts only from this site, plus the page's inline import map by its hash (Blazor renders it from the static
    /// assets manifest; no other inline script exists, and no eval). Inline styles are allowed: MudBlazor writes its theme
    /// as a style element and positions popovers with style attributes. The circuit's WebSocket is same-origin
    /// (<c>connect-src 'self'</c> covers ws: and wss:).
    /// </summary>
    public static string ContentSecurityPolicy(string? importMapHash) =>
        "default-src 'self'; "
        + (importMapHash is null ? "script-src 'self'; " : $"script-src 'self' '{importMapHash}'; ")
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>The CSP source for the import map Blazor's ImportMap component renders from this definition.</summary>
    public static string ImportMapHash(ImportMapDefinition definition) =>
        ImportMapHashes.GetValue(definition, d => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(d.ToString()))));

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            var importMap = context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy(importMap is null ? null : ImportMapHash(importMap));
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps && !IsLoopbackName(context.Request.Host.Host))
            {
                headers[HeaderNames.StrictTransportSecurity] = StrictTransportSecurity;
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host is "127.0.0.1" or "[::1]" or "::1";
}
