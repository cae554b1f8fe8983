using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Auth;

/// <summary>The throttle over the real SQLite store, on a fake clock.</summary>
public sealed class SignInThrottleTests : IDisposable
{
    private const string Server = "web1";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hestiaftp-throttle-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_root, "audit.db");

    private SignInThrottle Create(Action<DashboardOptions>? configure = null)
    {
        var options = new DashboardOptions();
        configure?.Invoke(options);
        return new SignInThrottle(new SqliteSignInStore(new SqliteDatabase(DatabasePath)), Options.Create(options), _clock, NullLogger<SignInThrottle>.Instance);
    }

    /// <summary>One attempt that HestiaCP refuses; false when the throttle did not let it through.</summary>
    private static async Task<bool> FailAsync(SignInThrottle throttle, string user, string address, string? device = null)
    {
        var attempt = await throttle.ReserveAsync(Server, user, address, device, Ct);
        if (attempt is null)
        {
            return false;
        }
        await attempt.FailedAsync();
        return true;
    }

    private static async Task<bool> SucceedAsync(SignInThrottle throttle, string user, string address, string? device = null)
    {
        var attempt = await throttle.ReserveAsync(Server, user, address, device, Ct);
        if (attempt is null)
        {
            return false;
        }
        await attempt.ReleaseAsync();
        return true;
    }

    [Fact]
    public async Task ReserveAsync_FourFailuresFromOneAddress_FifthRefusedForEveryAccountThere()
    {
        var throttle = Create();
        foreach (var user in new[] { "a", "b", "c", "d" })
        {
            Assert.True(await FailAsync(throttle, user, "203.0.113.1"));
        }

        Assert.Null(await throttle.ReserveAsync(Server, "zed", "203.0.113.1", null, Ct));
        Assert.Null(await throttle.ReserveAsync("web2", "zed", "203.0.113.1", null, Ct));
        Assert.True(await SucceedAsync(throttle, "zed", "203.0.113.2"));
    }

    [Fact]
    public async Task ReserveAsync_AccountFailedFromFourAddresses_NewDeviceRefused_TrustedDeviceReserved()
    {
        var throttle = Create();
        for (var i = 1; i <= 4; i++)
        {
            Assert.True(await FailAsync(throttle, "alice", $"203.0.113.{i}"));
        }

        Assert.Null(await throttle.ReserveAsync(Server, "ALICE", "198.51.100.1", null, Ct));
        Assert.True(await SucceedAsync(throttle, "carol", "198.51.100.1"));
        var trusted = await throttle.ReserveAsync(Server, "alice", "198.51.100.1", "device-hash-1", Ct);
        Assert.NotNull(trusted);
        Assert.True(trusted.TrustedDevice);
        await trusted.ReleaseAsync();
    }

    [Fact]
    public async Task ReserveAsync_DeviceFailedFourTimes_CountsAsANewDeviceFromThen()
    {
        var throttle = Create(o => o.MaxFailuresPerAddress = 100);
        for (var i = 1; i <= 4; i++)
        {
            Assert.True(await FailAsync(throttle, "alice", $"203.0.113.{i}", "device-hash-1"));
        }

        var attempt = await throttle.ReserveAsync(Server, "alice", "203.0.113.9", "device-hash-1", Ct);

        Assert.NotNull(attempt);
        Assert.False(attempt.TrustedDevice);
        await attempt.FailedAsync();
        Assert.Equal(1, await throttle.CountAsync($"account|{Server}|alice", Ct));
    }

    [Fact]
    public async Task ReserveAsync_SuccessesAreReleased_OnlyFailuresCount()
    {
        var throttle = Create();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await SucceedAsync(throttle, "alice", "203.0.113.1"));
        }
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await FailAsync(throttle, "alice", "203.0.113.1"));
        }

        Assert.False(await FailAsync(throttle, "alice", "203.0.113.1"));
    }

    [Fact]
    public async Task ReserveAsync_WindowSlides_EachFailureExpiresTenMinutesAfterIt()
    {
        var throttle = Create();
        Assert.True(await FailAsync(throttle, "alice", "203.0.113.1"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await FailAsync(throttle, "alice", "203.0.113.1"));
        }
        Assert.Null(await throttle.ReserveAsync(Server, "alice", "203.0.113.1", null, Ct));

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Null(await throttle.ReserveAsync(Server, "alice", "203.0.113.1", null, Ct));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await FailAsync(throttle, "alice", "203.0.113.1"));
        Assert.False(await FailAsync(throttle, "alice", "203.0.113.1"));
    }

    [Fact]
    public async Task ReserveAsync_FiftyInParallelThatAllFail_ExactlyFourReserved()
    {
        var throttle = Create();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => FailAsync(throttle, "alice", "203.0.113.1"), Ct)));

        Assert.Equal(4, results.Count(r => r));
    }

    [Fact]
    public async Task ReserveAsync_KeyFullOfAttemptsInFlight_WaitsForThemAndFollowsTheirOutcome()
    {
        var throttle = Create();
        var inFlight = new List<SignInAttempt>();
        for (var i = 0; i < 4; i++)
        {
            inFlight.Add((await throttle.ReserveAsync(Server, $"user{i}", "203.0.113.1", null, Ct))!);
        }

        var fifth = throttle.ReserveAsync(Server, "user4", "203.0.113.1", null, Ct);
        await inFlight[0].ReleaseAsync(); // a success gives its slot back: the waiting attempt gets it
        var reserved = await fifth;
        Assert.NotNull(reserved);

        var sixth = throttle.ReserveAsync(Server, "user5", "203.0.113.1", null, Ct);
        foreach (var attempt in inFlight.Skip(1))
        {
            await attempt.FailedAsync();
        }
        await reserved.FailedAsync(); // four failures now: the waiting attempt is refused
        Assert.Null(await sixth);
    }

    [Fact]
    public async Task ReserveAsync_AttemptsInFlightNeverEnd_RefusedAfterTheQueueTimeout()
    {
        var throttle = Create();
        for (var i = 0; i < 4; i++)
        {
            Assert.NotNull(await throttle.ReserveAsync(Server, $"user{i}", "203.0.113.1", null, Ct));
        }

        var waiting = throttle.ReserveAsync(Server, "user4", "203.0.113.1", null, Ct);
        for (var i = 0; i < 120 && !waiting.IsCompleted; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, Ct);
        }

        Assert.Null(await waiting);
    }

    [Fact]
    public async Task DisposeAsync_AttemptNeverCompleted_CountsAsFailed()
    {
        var throttle = Create();
        await using (await throttle.ReserveAsync(Server, "alice", "203.0.113.1", null, Ct))
        {
        }

        Assert.Equal(1, await throttle.CountAsync("address|203.0.113.1", Ct));
    }

    [Fact]
    public async Task ReserveAsync_NewThrottleOverTheSameFile_FailuresSurviveTheRestart()
    {
        var before = Create();
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await FailAsync(before, "alice", "203.0.113.1"));
        }

        var after = Create();

        Assert.Null(await after.ReserveAsync(Server, "alice", "203.0.113.1", null, Ct));
        Assert.Equal(4, await after.CountAsync($"account|{Server}|alice", Ct));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void AddressKey_IPv6_GroupsItsSlash64(string address, string key)
    {
        Assert.Equal(key, SignInThrottle.AddressKey(address));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
