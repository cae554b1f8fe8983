using HestiaFtp.Web.Hosting;

namespace HestiaFtp.Tests.Web.Hosting;

public sealed class LocalUrlTests
{
    [Fact]
    public void HostileTable_HasMoreThanThirtyCases() => Assert.True(HostileReturnUrls.All.Length >= 30, $"{HostileReturnUrls.All.Length} cases");

    [Theory]
    [MemberData(nameof(HostileReturnUrls.Hostile), MemberType = typeof(HostileReturnUrls))]
    public void OrRoot_WithHostileUrl_ReturnsRoot(string url)
    {
        Assert.False(LocalUrl.IsSafe(url));
        Assert.Equal("/", LocalUrl.OrRoot(url));
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls.LocalPaths), MemberType = typeof(HostileReturnUrls))]
    public void OrRoot_WithLocalPath_ReturnsItUnchanged(string url)
    {
        Assert.True(LocalUrl.IsSafe(url));
        Assert.Equal(url, LocalUrl.OrRoot(url));
    }

    [Fact]
    public void OrRoot_WithNull_ReturnsRoot() => Assert.Equal("/", LocalUrl.OrRoot(null));

    [Fact]
    public void IsSafe_AtTheLengthLimit_AcceptsAndOneMoreRefuses()
    {
        Assert.True(LocalUrl.IsSafe("/" + new string('a', LocalUrl.MaxLength - 1)));
        Assert.False(LocalUrl.IsSafe("/" + new string('a', LocalUrl.MaxLength)));
    }

    [Fact]
    public void Safe_UrlsAreWhatAspNetCallsLocal()
    {
        foreach (var url in HostileReturnUrls.Local)
        {
            Assert.True(Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(url), url);
        }
    }
}
