using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;

namespace HestiaFtp.Tests.Web.Auth;

/// <summary>Sign-in against the real client and the demo emulator over loopback HTTP.</summary>
public class SignInServiceTests
{
    private const string Ip = "203.0.113.77";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<DashboardStack> StartAsync(int perAccount = 3, int perIp = 4) => DashboardStack.StartAsync(s =>
    {
        s["Dashboard:MaxFailuresPerAccount"] = perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s["Dashboard:MaxFailuresPerAddress"] = perIp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s["Dashboard:MaxFailuresPerAccountAndAddress"] = "100";
        s["Dashboard:SignInWindow"] = "00:10:00";
    });

    public static TheoryData<string, string, DashboardRole> RightPasswords() => new()
    {
        { "alice", "Alice-Demo-2026", DashboardRole.Customer },
        { "carol", "Carol-Demo-2026", DashboardRole.Customer },
        { "support", "Support-Demo-2026", DashboardRole.Support },
        { EmulatorDemoSeed.AdminUser, EmulatorDemoSeed.AdminPassword, DashboardRole.Support },
    };

    [Theory]
    [MemberData(nameof(RightPasswords))]
    public async Task SignInAsync_RightPassword_SucceedsWithRole(string user, string password, DashboardRole role)
    {
        await using var stack = await StartAsync();

        var result = await stack.SignIn.SignInAsync(DashboardStack.ServerName, user, password, Ip, Ct);

        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.Equal(new DashboardUser(DashboardStack.ServerName, user, role), result.User);
    }

    [Fact]
    public async Task SignInAsync_NoServerNamed_UsesTheFirstServer()
    {
        await using var stack = await StartAsync();

        var result = await stack.SignIn.SignInAsync(null, " alice ", "Alice-Demo-2026", Ip, Ct);

        Assert.Equal(new DashboardUser(DashboardStack.ServerName, "alice", DashboardRole.Customer), result.User);
    }

    [Fact]
    public async Task SignInAsync_SupportUserNotConfigured_IsCustomer()
    {
        await using var stack = await DashboardStack.StartAsync(s => s.Remove("Dashboard:SupportUsers:0"));

        var result = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "support", "Support-Demo-2026", Ip, Ct);

        Assert.Equal(DashboardRole.Customer, result.User?.Role);
    }

    [Theory]
    [InlineData("alice", "alice-demo-2026")]
    [InlineData("alice", "Carol-Demo-2026")]
    [InlineData("carol", "Alice-Demo-2026")]
    [InlineData("ghost", "Alice-Demo-2026")]
    [InlineData("bob", "Bob-Demo-2026")]
    [InlineData("alice_shop", "Shop-Ftp-2026")]
    public async Task SignInAsync_WrongPasswordOrSuspendedOrUnknown_InvalidCredentials(string user, string password)
    {
        await using var stack = await StartAsync();

        var result = await stack.SignIn.SignInAsync(DashboardStack.ServerName, user, password, Ip, Ct);

        Assert.Equal(new SignInResult(SignInOutcome.InvalidCredentials), result);
        Assert.Equal(1, stack.CallsOf(HestiaCommands.CheckUserPassword));
    }

    [Theory]
    [InlineData("demo", "../admin", "x")]
    [InlineData("demo", "alice", "")]
    [InlineData("demo", "", "Alice-Demo-2026")]
    [InlineData("nowhere", "alice", "Alice-Demo-2026")]
    [InlineData("demo", "alice;id", "Alice-Demo-2026")]
    public async Task SignInAsync_MalformedInput_InvalidCredentialsWithoutAnyCall(string server, string user, string password)
    {
        await using var stack = await StartAsync();

        var result = await stack.SignIn.SignInAsync(server, user, password, Ip, Ct);

        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
        Assert.Empty(stack.Requests.All);
    }

    [Fact]
    public async Task SignInAsync_OverlongPassword_InvalidCredentialsWithoutAnyCall()
    {
        await using var stack = await StartAsync();

        var result = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", new string('a', 257), Ip, Ct);

        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
        Assert.Empty(stack.Requests.All);
    }

    [Fact]
    public async Task SignInAsync_Any_PassesTheClientIpToHestia()
    {
        await using var stack = await StartAsync();

        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "Alice-Demo-2026", Ip, Ct);
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", "wrong-password", "2001:db8::7", Ct);

        var checks = stack.Requests.All.Where(r => r.Command == HestiaCommands.CheckUserPassword).ToList();
        Assert.Equal(2, checks.Count);
        Assert.Equal(("alice", Ip), (checks[0].Form["arg1"], checks[0].Form["arg3"]));
        Assert.Equal(("carol", "2001:db8::7"), (checks[1].Form["arg1"], checks[1].Form["arg3"]));
    }

    [Fact]
    public async Task SignInAsync_FailuresPerAccountReachLimit_ThrottledWithoutCallingHestiaUntilWindowPasses()
    {
        await using var stack = await StartAsync(perAccount: 3, perIp: 100);
        for (var i = 0; i < 3; i++)
        {
            var failed = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "wrong-" + i, $"203.0.113.{i + 1}", Ct);
            Assert.Equal(SignInOutcome.InvalidCredentials, failed.Outcome);
        }
        var calls = stack.CallsOf(HestiaCommands.CheckUserPassword);

        // Even the right password, from a fresh IP and a new device (no device cookie), is refused here: HestiaCP is not asked.
        var throttled = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "ALICE", "Alice-Demo-2026", "198.51.100.9", Ct);
        var other = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", "Carol-Demo-2026", "198.51.100.9", Ct);

        Assert.Equal(SignInOutcome.Throttled, throttled.Outcome);
        Assert.Null(throttled.User);
        Assert.Equal(SignInOutcome.Success, other.Outcome);
        Assert.Equal(calls + 1, stack.CallsOf(HestiaCommands.CheckUserPassword));

        stack.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var again = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "Alice-Demo-2026", "198.51.100.9", Ct);
        Assert.Equal(SignInOutcome.Success, again.Outcome);
    }

    [Fact]
    public async Task SignInAsync_FailuresPerIpReachLimit_ThrottledWithoutCallingHestiaUntilWindowPasses()
    {
        await using var stack = await StartAsync(perAccount: 100, perIp: 4);
        foreach (var user in new[] { "alice", "carol", "support", "ghost" })
        {
            Assert.Equal(SignInOutcome.InvalidCredentials, (await stack.SignIn.SignInAsync(DashboardStack.ServerName, user, "guess", Ip, Ct)).Outcome);
        }
        var calls = stack.CallsOf(HestiaCommands.CheckUserPassword);

        var throttled = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", "Carol-Demo-2026", Ip, Ct);
        var elsewhere = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", "Carol-Demo-2026", "198.51.100.9", Ct);

        Assert.Equal(SignInOutcome.Throttled, throttled.Outcome);
        Assert.Equal(SignInOutcome.Success, elsewhere.Outcome);
        Assert.Equal(calls + 1, stack.CallsOf(HestiaCommands.CheckUserPassword));

        stack.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(SignInOutcome.Throttled, (await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", "Carol-Demo-2026", Ip, Ct)).Outcome);
        stack.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.Success, (await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", "Carol-Demo-2026", Ip, Ct)).Outcome);
    }

    [Fact]
    public async Task SignInAsync_SuccessesBetweenFailures_DoNotCount_TheDeviceCookieOutlastsTheLimit()
    {
        await using var stack = await StartAsync(perAccount: 3, perIp: 100);
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "wrong-1", Ip, Ct);
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "wrong-2", Ip, Ct);
        SignInResult? success = null;
        for (var i = 0; i < 5; i++)
        {
            success = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "Alice-Demo-2026", Ip, Ct);
            Assert.Equal(SignInOutcome.Success, success.Outcome);
        }

        // Seven attempts, two failed: a third failure is still allowed, then new devices are held back.
        Assert.Equal(SignInOutcome.InvalidCredentials, (await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "wrong-3", Ip, Ct)).Outcome);
        Assert.Equal(SignInOutcome.Throttled, (await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "Alice-Demo-2026", Ip, Ct)).Outcome);
        var device = success!.Device!;
        var withCookie = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "Alice-Demo-2026", Ip,
            name => name == device.Name ? device.Value : null, Ct);
        Assert.Equal(SignInOutcome.Success, withCookie.Outcome);
    }

    [Fact]
    public async Task SignInAsync_HestiaRefusesTheApiKey_UnavailableNotInvalid()
    {
        await using var stack = await StartAsync();
        stack.Control.SetApiAllowedIp("192.0.2.1");

        var result = await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "Alice-Demo-2026", Ip, Ct);

        Assert.Equal(SignInOutcome.Unavailable, result.Outcome);
        Assert.Equal(0, await stack.Throttle.CountAsync($"address|{Ip}", Ct));
    }

    [Fact]
    public async Task SignInAsync_AnyOutcome_NeverLogsThePasswordOrApiSecret()
    {
        await using var stack = await StartAsync(perAccount: 2, perIp: 100);
        const string wrong = "Wrong-Sign-In-Pw-9917";
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "alice", "Alice-Demo-2026", Ip, Ct);
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", wrong, Ip, Ct);
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", wrong, Ip, Ct);
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "carol", wrong, Ip, Ct);
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "bob", "Bob-Demo-2026", Ip, Ct);
        stack.Control.SetApiAllowedIp("192.0.2.1");
        await stack.SignIn.SignInAsync(DashboardStack.ServerName, "support", "Support-Demo-2026", Ip, Ct);

        Assert.Contains(stack.Logs.Entries, l => l.Message.Contains("carol", StringComparison.Ordinal));
        foreach (var secret in new[] { "Alice-Demo-2026", wrong, "Bob-Demo-2026", "Support-Demo-2026", stack.SecretKey })
        {
            Assert.DoesNotContain(stack.Logs.Entries, l => l.Contains(secret));
            Assert.All(stack.Requests.All, r => Assert.DoesNotContain(secret, r.Url.ToString(), StringComparison.Ordinal));
        }
    }
}
