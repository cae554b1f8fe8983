using System.Net;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// Behind a TLS reverse proxy: X-Forwarded-For and X-Forwarded-Proto count only when the connection comes from a
/// configured proxy. The client address is what the sign-in hands HestiaCP (<c>v-check-user-password</c>'s third
/// argument), so it is read there.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class ForwardedHeadersHttpTests(TrustedProxyDashboardHost trusted, OtherProxyDashboardHost other)
    : IClassFixture<TrustedProxyDashboardHost>, IClassFixture<OtherProxyDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FromTheTrustedProxy_ClientAddressAndHttpsAreBelieved()
    {
        using var client = trusted.CreateHttpClient(new CookieContainer());
        var before = trusted.HestiaRequests.All.Count;

        using var response = await HttpSignIn.PostAsync(client, "/signin", "alice", "Alice-Demo-2026", request =>
        {
            WebSecurityHttpTests.Spoof(request);
            request.Headers.Host = TrustedProxyDashboardHost.PublicName;
        });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var check = Assert.Single(trusted.HestiaRequests.All.Skip(before), r => r.Command == "v-check-user-password");
        Assert.Equal("203.0.113.9", check.Form["arg3"]);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("HestiaFtp.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task FromAnotherAddressThanTheConfiguredProxy_ForwardedHeadersAreIgnored()
    {
        using var client = other.CreateHttpClient(new CookieContainer());
        var before = other.HestiaRequests.All.Count;

        using var response = await HttpSignIn.PostAsync(client, "/signin", "alice", "Alice-Demo-2026", WebSecurityHttpTests.Spoof);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var check = Assert.Single(other.HestiaRequests.All.Skip(before), r => r.Command == "v-check-user-password");
        Assert.Equal("127.0.0.1", check.Form["arg3"]);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("HestiaFtp.Auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task TrustedProxy_ForeignHostHeader_IsStillRefused()
    {
        using var client = trusted.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", TrustedProxyDashboardHost.PublicName);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
