using System.Net;
using System.Text.RegularExpressions;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The real app over HTTP (no browser): what a copied auth cookie can still do after the session it belongs to ended.
/// Issue 8: a cookie copied before <c>POST /signout</c> still returned the accounts page until its 8-hour expiry.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed partial class SessionCookieTests : IAsyncLifetime
{
    private const string AuthCookie = "HestiaFtp.Auth";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"hestiaftp-sessions-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program> _factory = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b.UseEnvironment("Development").UseSetting("urls", "http://127.0.0.1:0").UseSetting("Audit:Path", _database));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task CookieCopiedBeforeSignOut_RefusedAfterIt()
    {
        var browser = new Browser(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await browser.SignInAsync("alice", "Alice-Demo-2026");
        var copied = browser.Cookies[AuthCookie];
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var signOut = await browser.PostFormAsync("/signout", new() { ["__RequestVerificationToken"] = await browser.TokenAsync() });
        Assert.Equal("/signin?reason=signedout", signOut.Headers.Location?.OriginalString);

        var replay = new Browser(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        replay.Cookies[AuthCookie] = copied;
        var page = await replay.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/signin", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieOfAnAccountWhoseSessionsSupportEnded_RefusedAtTheNextRequest()
    {
        var alice = new Browser(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await alice.SignInAsync("alice", "Alice-Demo-2026");
        var carol = new Browser(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await carol.SignInAsync("carol", "Carol-Demo-2026");

        var ended = await _factory.Services.GetRequiredService<DashboardSessions>().EndAllAsync(new AccountKey("demo", "alice"), SessionEndReasons.EndedBySupport, Ct);

        Assert.Equal(1, ended);
        Assert.Equal(HttpStatusCode.Redirect, (await alice.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignInAgainInTheSameBrowser_EndsThePreviousSession_NewCookieWorks()
    {
        var browser = new Browser(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await browser.SignInAsync("alice", "Alice-Demo-2026");
        var first = browser.Cookies[AuthCookie];

        await browser.SignInAsync("alice", "Alice-Demo-2026");

        Assert.NotEqual(first, browser.Cookies[AuthCookie]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var replay = new Browser(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        replay.Cookies[AuthCookie] = first;
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignIn_SetsTheDeviceCookie_HttpOnlyStrictOnSignInOnly()
    {
        var browser = new Browser(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var response = await browser.SignInAsync("alice", "Alice-Demo-2026");

        var device = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DeviceCookies.CookieName("demo", "alice") + "=", StringComparison.Ordinal));
        Assert.Contains("path=/signin", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", device, StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_database)!, Path.GetFileName(_database) + "*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>A cookie jar over a client that neither follows redirects nor keeps cookies by itself.</summary>
    private sealed class Browser(HttpClient client)
    {
        public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

        public async Task<HttpResponseMessage> SignInAsync(string user, string password)
        {
            var response = await PostFormAsync("/signin", new()
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = await TokenAsync(),
                ["Input.User"] = user,
                ["Input.Password"] = password,
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.True(Cookies.ContainsKey(AuthCookie), "signed in");
            return response;
        }

        /// <summary>An antiforgery token for the current user, from the sign-in form.</summary>
        public async Task<string> TokenAsync()
        {
            var html = await (await GetAsync("/signin")).Content.ReadAsStringAsync(Ct);
            return WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
        }

        public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (Cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await client.SendAsync(request, Ct);
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
}
