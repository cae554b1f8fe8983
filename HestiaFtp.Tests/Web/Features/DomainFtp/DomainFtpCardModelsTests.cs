using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Features.DomainFtp;

namespace HestiaFtp.Tests.Web.Features.DomainFtp;

public sealed class DomainFtpCardModelsTests
{
    private static readonly HashSet<string> None = [];

    private readonly DomainFtpCardModels _builder = new();

    [Fact]
    public void Build_MapsEveryAccountOfTheDomainInOrder()
    {
        var web = FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", "/public_html/uploads"), ("alice_logs", "")]);

        var cards = _builder.Build(web, readOnly: false, "suspended", null, new HashSet<string> { "alice_logs" });

        Assert.Equal(
        [
            new DomainFtpCardModel
            {
                Login = "alice_web", Domain = "example.com", Folder = "/public_html/uploads",
                AbsoluteFolder = "/home/alice/web/example.com/public_html/uploads", EditDisabledReason = "suspended",
            },
            new DomainFtpCardModel
            {
                Login = "alice_logs", Domain = "example.com", Folder = "", AbsoluteFolder = "/home/alice/web/example.com",
                EditDisabledReason = "suspended", Highlight = true,
            },
        ], cards);
        Assert.True(cards[1].IsDomainRoot);
    }

    [Fact]
    public void Build_ForSupport_IsReadOnly()
    {
        var web = FakeFtpDashboard.Domain("example.com", accounts: ("alice_web", ""));

        Assert.True(_builder.Build(web, readOnly: true, null, null, None)[0].ReadOnly);
    }

    [Fact]
    public void Build_WithEqualDataInNewObjects_ReturnsTheSameInstances()
    {
        var first = _builder.Build(FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", ""), ("alice_logs", "/logs")]), false, null, null, None);

        var second = _builder.Build(FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", ""), ("alice_logs", "/logs")]), false, null, null, None);

        Assert.Same(first[0], second[0]);
        Assert.Same(first[1], second[1]);
    }

    [Fact]
    public void Build_WhenOneAccountMoved_ReturnsANewInstanceForItOnly()
    {
        var first = _builder.Build(FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", ""), ("alice_logs", "/logs")]), false, null, null, None);

        var second = _builder.Build(FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", ""), ("alice_logs", "/old")]), false, null, null, None);

        Assert.Same(first[0], second[0]);
        Assert.NotSame(first[1], second[1]);
        Assert.Equal("/old", second[1].Folder);
    }
}
