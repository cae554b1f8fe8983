using System.Net;
using System.Text.RegularExpressions;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>
/// A browser over plain HTTP for several instances: one cookie jar (cookies are per host, so instances on one host's
/// ports share it, as behind one load-balancer name), no redirects followed, and a client address given through
/// X-Forwarded-For (the instances trust 127.0.0.1 as their proxy), so each test's sign-in limits are its own.
/// </summary>
internal sealed partial class HttpJar(string clientAddress) : IDisposable
{
    public const string AuthCookie = "HestiaFtp.Auth";

    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Posts the sign-in form of <paramref name="baseUrl"/>; returns the response (a redirect when signed in).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string baseUrl, string user, string password) =>
        await PostFormAsync(baseUrl + "/signin", new()
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = await TokenAsync(baseUrl),
            ["Input.User"] = user,
            ["Input.Password"] = password,
        });

    public async Task<string> TokenAsync(string baseUrl)
    {
        var html = await (await GetAsync(baseUrl + "/signin")).Content.ReadAsStringAsync(Ct);
        return WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-For", clientAddress);
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await _client.SendAsync(request, Ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
                var value = pair[(name.Length + 1)..];
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    Cookies.Remove(name);
                }
                else
                {
                    Cookies[name] = value;
                }
            }
        }
        return response;
    }
}
