using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HestiaFtp.Tests.Web.Hosting;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The real app over HTTP, configured as the README runs it (Development): the headers on every kind of response,
/// redirects that stay on this site whatever the return URL, host filtering, forwarded headers from nobody, and no stack
/// trace in any body.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed partial class WebSecurityHttpTests(HttpDashboardHost host) : IClassFixture<HttpDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Alice = "Alice-Demo-2026";

    public static TheoryData<string> Hostile() => HostileReturnUrls.Hostile();

    public static TheoryData<string> LocalPaths() => HostileReturnUrls.LocalPaths();

    [Fact]
    public async Task SignInPage_CarriesEveryHeader_WithTheImportMapHash()
    {
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/signin", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeaders(response, ImportMapHashOf(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task AppPage_SignedIn_CarriesEveryHeader_WithTheImportMapHash()
    {
        using var client = host.CreateHttpClient(new CookieContainer());
        using var signIn = await HttpSignIn.PostAsync(client, "/signin", "alice", Alice);
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);

        using var response = await client.GetAsync("/activity", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("blazor.web", html, StringComparison.Ordinal);
        AssertHeaders(response, ImportMapHashOf(html));
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/favicon.png")]
    public async Task StaticAsset_CarriesEveryHeader(string path)
    {
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHeaders(response, importMapHash: null);
    }

    // Each is answered by a page endpoint (the redirect comes from the accounts page, the others are re-executed to the
    // not-found and error pages), so each policy names the pages' import map.
    [Theory]
    [InlineData("/", HttpStatusCode.Found)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData(ThrowingRoute.Path, HttpStatusCode.InternalServerError)]
    public async Task RedirectNotFoundAndError_CarryEveryHeader(string path, HttpStatusCode status)
    {
        using var client = host.CreateHttpClient();
        using var signIn = await client.GetAsync("/signin", Ct);
        var pagesHash = ImportMapHashOf(await signIn.Content.ReadAsStringAsync(Ct));

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(status, response.StatusCode);
        AssertHeaders(response, pagesHash);
    }

    [Fact]
    public async Task Exception_InDevelopmentByDefault_ShowsNoStackTrace()
    {
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync(ThrowingRoute.Path, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        AssertNoStackTrace(body);
        Assert.DoesNotContain(ThrowingRoute.Message, body, StringComparison.Ordinal);
        Assert.Contains("id=\"error-reference\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SignIn_WithHostileReturnUrl_RedirectsToRoot(string returnUrl)
    {
        using var client = host.CreateHttpClient(new CookieContainer());

        using var response = await HttpSignIn.PostAsync(client, "/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "alice", Alice);

        AssertNoStackTrace(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(LocalPaths))]
    public async Task SignIn_WithLocalReturnUrl_RedirectsThereRelatively(string returnUrl)
    {
        using var client = host.CreateHttpClient(new CookieContainer());

        using var response = await HttpSignIn.PostAsync(client, "/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "alice", Alice);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task SignOut_WithHostileReturnUrl_RedirectsToSignIn(string returnUrl)
    {
        using var client = host.CreateHttpClient(new CookieContainer());
        using var signIn = await HttpSignIn.PostAsync(client, "/signin", "alice", Alice);
        using var page = await client.GetAsync("/signin", Ct); // a form with a token for the signed-in user
        var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        Assert.NotEmpty(token);

        using var response = await client.PostAsync("/signout?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }), Ct);

        AssertNoStackTrace(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/signin?reason=signedout", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Culture_WithHostileRedirect_RedirectsToRoot(string redirectUri)
    {
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/culture?culture=de&redirectUri=" + Uri.EscapeDataString(redirectUri), Ct);

        AssertNoStackTrace(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(LocalPaths))]
    public async Task Culture_WithLocalRedirect_RedirectsThere(string redirectUri)
    {
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/culture?culture=de&redirectUri=" + Uri.EscapeDataString(redirectUri), Ct);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(redirectUri, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Culture_TheIssuesProbe_RedirectsToRootWithoutStackTrace()
    {
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/culture?redirectUri=%2F%E3%80%80%2Fx", Ct);

        AssertNoStackTrace(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example")]
    public async Task ForeignHostHeader_IsRefusedBeforeAnyRedirect(string hostHeader)
    {
        using var client = host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = hostHeader;

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:5189")]
    [InlineData("127.0.0.1:1")]
    [InlineData("[::1]:5189")]
    public async Task LoopbackHostHeader_AnyPort_IsServedWithARelativeRedirect(string hostHeader)
    {
        using var client = host.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/activity");
        request.Headers.Host = hostHeader;

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Factivity", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SpoofedForwardedHeaders_WithNoTrustedProxy_AreIgnored()
    {
        using var client = host.CreateHttpClient(new CookieContainer());
        var before = host.HestiaRequests.All.Count;

        using var response = await HttpSignIn.PostAsync(client, "/signin", "alice", Alice, Spoof);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var check = Assert.Single(host.HestiaRequests.All.Skip(before), r => r.Command == "v-check-user-password");
        Assert.Equal("127.0.0.1", check.Form["arg3"]);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("HestiaFtp.Auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    internal static void Spoof(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");
    }

    internal static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("at HestiaFtp", body, StringComparison.Ordinal);
        Assert.DoesNotContain("at Microsoft.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("/work/", body, StringComparison.Ordinal);
    }

    internal static string ImportMapHashOf(string html)
    {
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "the page has no import map");
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
    }

    internal static void AssertHeaders(HttpResponseMessage response, string? importMapHash)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
        string[] scripts = importMapHash is null ? ["'self'"] : ["'self'", $"'{importMapHash}'"];
        Assert.Equal(scripts, directives["script-src"]);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'", "'unsafe-inline'"], directives["style-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'self'"], directives["form-action"]);
        Assert.Equal(["'self'"], directives["base-uri"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        Assert.Contains("camera=()", permissions, StringComparison.Ordinal);
        Assert.Contains("microphone=()", permissions, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", permissions, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain http
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<script type=\"importmap\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();
}
