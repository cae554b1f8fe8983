using Microsoft.Net.Http.Headers;

namespace HestiaFtp.Web.Hosting;

/// <summary>
/// Redirects to this site carry a relative Location. Blazor's NavigateTo and the cookie handler build absolute URLs from
/// the request's Host header; cut to path and query, a forged Host can no longer steer a redirect.
/// </summary>
public static class RelativeRedirects
{
    public static IApplicationBuilder UseRelativeRedirects(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var location = context.Response.Headers[HeaderNames.Location].ToString();
            if (ToRelative(location, context.Request) is { } relative)
            {
                context.Response.Headers[HeaderNames.Location] = relative;
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    /// <summary>Path, query and fragment of an absolute http(s) URL on the request's own host; null for anything else.</summary>
    public static string? ToRelative(string location, HttpRequest request)
    {
        if (location.Length == 0 || location[0] == '/' || !Uri.TryCreate(location, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }
        var requestPort = request.Host.Port ?? (uri.Scheme == Uri.UriSchemeHttps ? 443 : 80);
        var requestHost = request.Host.Host.Trim('[', ']');
        return string.Equals(uri.Host.Trim('[', ']'), requestHost, StringComparison.OrdinalIgnoreCase) && uri.Port == requestPort
            ? uri.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped)
            : null;
    }
}
