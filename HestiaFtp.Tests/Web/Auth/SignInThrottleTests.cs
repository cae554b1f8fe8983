using HestiaFtp.Web.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Auth;

public class SignInThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private SignInThrottle Create(int perAccount = 3, int perIp = 5) => new(Options.Create(new DashboardOptions
    {
        MaxFailuresPerAccount = perAccount,
        MaxFailuresPerIp = perIp,
        SignInWindow = TimeSpan.FromMinutes(15),
    }), _clock);

    [Fact]
    public void IsBlocked_NoFailures_False()
    {
        Assert.False(Create().IsBlocked("web1", "alice", "203.0.113.1"));
    }

    [Fact]
    public void IsBlocked_AccountFailuresBelowLimit_False_AtLimit_TrueFromAnyIp()
    {
        var throttle = Create(perAccount: 3, perIp: 100);
        throttle.RecordFailure("web1", "alice", "203.0.113.1");
        throttle.RecordFailure("web1", "alice", "203.0.113.2");
        Assert.False(throttle.IsBlocked("web1", "alice", "203.0.113.3"));

        throttle.RecordFailure("web1", "alice", "203.0.113.3");

        Assert.True(throttle.IsBlocked("web1", "alice", "198.51.100.1"));
        Assert.True(throttle.IsBlocked("web1", "ALICE", "198.51.100.1"));
        Assert.False(throttle.IsBlocked("web1", "carol", "198.51.100.1"));
        Assert.False(throttle.IsBlocked("web2", "alice", "198.51.100.1"));
    }

    [Fact]
    public void IsBlocked_IpFailuresAtLimit_TrueForEveryAccountFromThatIp()
    {
        var throttle = Create(perAccount: 100, perIp: 5);
        foreach (var user in new[] { "a", "b", "c", "d" })
        {
            throttle.RecordFailure("web1", user, "203.0.113.1");
        }
        Assert.False(throttle.IsBlocked("web1", "e", "203.0.113.1"));

        throttle.RecordFailure("web1", "e", "203.0.113.1");

        Assert.True(throttle.IsBlocked("web1", "zed", "203.0.113.1"));
        Assert.True(throttle.IsBlocked("web2", "zed", "203.0.113.1"));
        Assert.False(throttle.IsBlocked("web1", "zed", "203.0.113.2"));
    }

    [Fact]
    public void IsBlocked_WindowSlides_OldFailuresExpireOneByOne()
    {
        var throttle = Create(perAccount: 3, perIp: 100);
        throttle.RecordFailure("web1", "alice", "203.0.113.1");
        _clock.Advance(TimeSpan.FromMinutes(5));
        throttle.RecordFailure("web1", "alice", "203.0.113.1");
        throttle.RecordFailure("web1", "alice", "203.0.113.1");
        Assert.True(throttle.IsBlocked("web1", "alice", "203.0.113.1"));

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.True(throttle.IsBlocked("web1", "alice", "203.0.113.1"));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsBlocked("web1", "alice", "203.0.113.1"));
    }

    [Fact]
    public void RecordSuccess_ClearsTheAccountButNotTheIp()
    {
        var throttle = Create(perAccount: 2, perIp: 2);
        throttle.RecordFailure("web1", "alice", "203.0.113.1");
        throttle.RecordFailure("web1", "alice", "203.0.113.1");

        throttle.RecordSuccess("web1", "Alice");

        Assert.False(throttle.IsBlocked("web1", "alice", "198.51.100.1"));
        Assert.True(throttle.IsBlocked("web1", "alice", "203.0.113.1"));
    }
}
