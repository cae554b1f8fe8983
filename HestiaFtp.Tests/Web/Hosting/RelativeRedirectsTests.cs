using HestiaFtp.Web.Hosting;
using Microsoft.AspNetCore.Http;

namespace HestiaFtp.Tests.Web.Hosting;

public sealed class RelativeRedirectsTests
{
    private static HttpRequest Request(string scheme, string host)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        return context.Request;
    }

    [Theory]
    [InlineData("http", "127.0.0.1:5189", "http://127.0.0.1:5189/signin?ReturnUrl=%2F", "/signin?ReturnUrl=%2F")]
    [InlineData("http", "localhost:5189", "http://LOCALHOST:5189/activity#top", "/activity#top")]
    [InlineData("http", "[::1]:5189", "http://[::1]:5189/", "/")]
    [InlineData("https", "dashboard.example", "https://dashboard.example/domains/a.com", "/domains/a.com")]
    [InlineData("https", "dashboard.example:443", "https://dashboard.example/x", "/x")]
    [InlineData("http", "dashboard.example", "http://dashboard.example:80/x?y=1", "/x?y=1")]
    public void ToRelative_OwnHost_CutsToPathQueryAndFragment(string scheme, string host, string location, string expected) =>
        Assert.Equal(expected, RelativeRedirects.ToRelative(location, Request(scheme, host)));

    [Theory]
    [InlineData("http", "127.0.0.1:5189", "/already/relative")]
    [InlineData("http", "127.0.0.1:5189", "http://127.0.0.1:5190/other-port")]
    [InlineData("http", "127.0.0.1:5189", "http://evil.example/")]
    [InlineData("https", "dashboard.example", "https://panel.example:8083/fm/")]
    [InlineData("https", "dashboard.example", "ftp://dashboard.example/")]
    [InlineData("https", "dashboard.example", "")]
    public void ToRelative_AnythingElse_LeavesItAlone(string scheme, string host, string location) =>
        Assert.Null(RelativeRedirects.ToRelative(location, Request(scheme, host)));
}
