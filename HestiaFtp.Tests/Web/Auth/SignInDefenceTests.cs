using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Auth;

/// <summary>
/// The sign-in defence against the real stack (emulator, client, SQLite store), with the default limits: figures of
/// calls that reached HestiaCP, not timings. Issue 8 measured on the old throttle: 50 parallel wrong passwords for one
/// account, 14 reached HestiaCP; 30 parallel from one address, 22.
/// </summary>
public sealed class SignInDefenceTests
{
    private const string Check = HestiaCommands.CheckUserPassword;
    private const string AlicePassword = "Alice-Demo-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<string, string?> Cookie(IssuedDeviceCookie device) => name => name == device.Name ? device.Value : null;

    private static Task<SignInResult> SignInAsync(DashboardStack stack, string user, string password, string address, IssuedDeviceCookie? device = null) =>
        stack.SignIn.SignInAsync(DashboardStack.ServerName, user, password, address, device is null ? null : Cookie(device), Ct);

    private static Task<SignInResult[]> InParallel(int count, Func<int, Task<SignInResult>> signIn) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => signIn(i), Ct)));

    /// <summary>Password checks HestiaCP received with <paramref name="address"/> as the client address (what its fail2ban counts).</summary>
    private static int ChecksFrom(DashboardStack stack, string address) =>
        stack.Requests.All.Count(r => r.Command == Check && r.Form.GetValueOrDefault("arg3") == address);

    private static int Count(SignInResult[] results, SignInOutcome outcome) => results.Count(r => r.Outcome == outcome);

    [Fact]
    public async Task FiftyParallelWrongPasswords_OneAccountOneAddress_FourReachHestia()
    {
        await using var stack = await DashboardStack.StartAsync();

        var results = await InParallel(50, i => SignInAsync(stack, "alice", $"wrong-{i}", "203.0.113.10"));

        Assert.Equal(4, stack.CallsOf(Check));
        Assert.Equal(4, ChecksFrom(stack, "203.0.113.10"));
        Assert.Equal((4, 46), (Count(results, SignInOutcome.InvalidCredentials), Count(results, SignInOutcome.Throttled)));
    }

    [Fact]
    public async Task FiftyParallelWrongPasswords_OneAccountFiftyAddresses_FourReachHestia()
    {
        await using var stack = await DashboardStack.StartAsync();

        var results = await InParallel(50, i => SignInAsync(stack, "alice", $"wrong-{i}", $"203.0.113.{i + 1}"));

        Assert.Equal(4, stack.CallsOf(Check));
        Assert.Equal(46, Count(results, SignInOutcome.Throttled));
    }

    [Fact]
    public async Task FiftyParallelWrongPasswords_OneAddressFiftyAccounts_FourReachHestia_BelowFail2ban()
    {
        await using var stack = await DashboardStack.StartAsync();

        var results = await InParallel(50, i => SignInAsync(stack, $"guess{i:00}", "wrong", "203.0.113.20"));

        // HestiaCP's fail2ban bans an address at 5 failures in 10 minutes: it sees 4 from this one.
        Assert.Equal(4, ChecksFrom(stack, "203.0.113.20"));
        Assert.Equal(4, stack.CallsOf(Check));
        Assert.Equal(46, Count(results, SignInOutcome.Throttled));
    }

    [Fact]
    public async Task FiftyParallelSignIns_FiftyAccounts_AllReachHestiaTogether()
    {
        await using var stack = await DashboardStack.StartAsync(s =>
        {
            // The checks are held until all 50 are in flight at once; no attempt may time out meanwhile.
            s["Hestia:Servers:0:ReadTimeout"] = "00:01:00";
            s["Hestia:Servers:0:ReadDeadline"] = "00:01:00";
        });
        for (var i = 0; i < 50; i++)
        {
            stack.Control.AddUser($"cust{i:00}", $"Cust-Pass-{i:00}-2026");
        }
        var inFlight = 0;
        var mostInFlight = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.Requests.BeforeSend = async request =>
        {
            if (request.Command != Check)
            {
                return;
            }
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            if (now == 50)
            {
                allArrived.TrySetResult();
            }
            // A global lock would hold the others back: this wait would then end by its bound, with fewer in flight.
            await Task.WhenAny(allArrived.Task, Task.Delay(TimeSpan.FromSeconds(20), Ct));
            Interlocked.Decrement(ref inFlight);
        };

        var results = await InParallel(50, i => SignInAsync(stack, $"cust{i:00}", $"Cust-Pass-{i:00}-2026", $"198.51.100.{i + 1}"));

        Assert.Equal(50, Count(results, SignInOutcome.Success));
        Assert.Equal(50, stack.CallsOf(Check));
        Assert.Equal(50, mostInFlight);
    }

    [Fact]
    public async Task FiftyParallelRightPasswords_OneAddress_AllSucceed_SuccessesAreNotFailures()
    {
        await using var stack = await DashboardStack.StartAsync();
        for (var i = 0; i < 50; i++)
        {
            stack.Control.AddUser($"office{i:00}", $"Office-Pass-{i:00}-2026");
        }

        // One office behind one address: attempts in flight hold its 4 slots, the rest wait for them instead of failing.
        var results = await InParallel(50, i => SignInAsync(stack, $"office{i:00}", $"Office-Pass-{i:00}-2026", "203.0.113.30"));

        Assert.Equal(50, Count(results, SignInOutcome.Success));
        Assert.Equal(50, ChecksFrom(stack, "203.0.113.30"));
        Assert.Equal(SignInOutcome.InvalidCredentials, (await SignInAsync(stack, "office00", "wrong", "203.0.113.30")).Outcome);
    }

    [Fact]
    public async Task HundredWrongFromTenAddresses_OwnerWithDeviceCookieSignsInFirstTry_NewDeviceHeldBackForTheWindow()
    {
        await using var stack = await DashboardStack.StartAsync();
        var home = await SignInAsync(stack, "alice", AlicePassword, "192.0.2.50");
        Assert.Equal(SignInOutcome.Success, home.Outcome);
        stack.Emulator.ResetCallCounts();

        var attack = await InParallel(100, i => SignInAsync(stack, "alice", $"guess-{i}", $"203.0.113.{(i % 10) + 1}"));

        Assert.Equal(4, stack.CallsOf(Check));
        Assert.Equal(96, Count(attack, SignInOutcome.Throttled));

        // The owner's browser, from a new address (travelling), at the first try.
        var owner = await SignInAsync(stack, "alice", AlicePassword, "198.51.100.77", home.Device);
        Assert.Equal(SignInOutcome.Success, owner.Outcome);
        Assert.Equal(5, stack.CallsOf(Check));

        // A browser that never signed in to alice is held back while the attack fills the account's window (documented).
        var newDevice = await SignInAsync(stack, "alice", AlicePassword, "198.51.100.78");
        Assert.Equal(SignInOutcome.Throttled, newDevice.Outcome);
        Assert.Equal(5, stack.CallsOf(Check));

        stack.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(SignInOutcome.Success, (await SignInAsync(stack, "alice", AlicePassword, "198.51.100.78")).Outcome);
    }

    [Fact]
    public async Task DeviceCookie_OfAnotherAccountTamperedOrReplacedOrRevoked_NotTrusted()
    {
        await using var stack = await DashboardStack.StartAsync();
        var alice = (await SignInAsync(stack, "alice", AlicePassword, "192.0.2.50")).Device!;
        var carolFirst = (await SignInAsync(stack, "carol", "Carol-Demo-2026", "192.0.2.51")).Device!;
        var carolNow = (await SignInAsync(stack, "carol", "Carol-Demo-2026", "192.0.2.51", carolFirst)).Device!;
        await LockAsync(stack, "carol");
        var calls = stack.CallsOf(Check);

        var otherAccount = carolNow with { Value = alice.Value };
        var tampered = carolNow with { Value = carolNow.Value[..^4] + "AAAA" };
        Assert.Equal(SignInOutcome.Throttled, (await SignInAsync(stack, "carol", "Carol-Demo-2026", "198.51.100.1", otherAccount)).Outcome);
        Assert.Equal(SignInOutcome.Throttled, (await SignInAsync(stack, "carol", "Carol-Demo-2026", "198.51.100.1", tampered)).Outcome);
        // Every sign-in replaces the device id: the cookie it replaced is no longer trusted.
        Assert.Equal(SignInOutcome.Throttled, (await SignInAsync(stack, "carol", "Carol-Demo-2026", "198.51.100.1", carolFirst)).Outcome);
        Assert.Equal(calls, stack.CallsOf(Check));

        stack.Auth.SignIn(DashboardStack.SupportStaff);
        await stack.AccountSessions.EndAllAsync(new AccountKey(DashboardStack.ServerName, "carol"), Ct);
        Assert.Equal(SignInOutcome.Throttled, (await SignInAsync(stack, "carol", "Carol-Demo-2026", "198.51.100.1", carolNow)).Outcome);
        Assert.Equal(calls, stack.CallsOf(Check));
    }

    [Fact]
    public async Task DeviceCookie_FailsFourTimesItself_ThenCountsAsANewDevice()
    {
        await using var stack = await DashboardStack.StartAsync();
        var device = (await SignInAsync(stack, "alice", AlicePassword, "192.0.2.50")).Device!;
        await LockAsync(stack, "alice");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.InvalidCredentials, (await SignInAsync(stack, "alice", $"stolen-cookie-guess-{i}", $"198.51.100.{i + 1}", device)).Outcome);
        }
        var calls = stack.CallsOf(Check);

        var fifth = await SignInAsync(stack, "alice", AlicePassword, "198.51.100.9", device);

        Assert.Equal(SignInOutcome.Throttled, fifth.Outcome);
        Assert.Equal(calls, stack.CallsOf(Check));
    }

    [Fact]
    public async Task DeviceCookie_AfterItsLifetime_NotTrusted()
    {
        await using var stack = await DashboardStack.StartAsync();
        var device = (await SignInAsync(stack, "alice", AlicePassword, "192.0.2.50")).Device!;
        Assert.Equal(stack.Clock.GetUtcNow() + TimeSpan.FromDays(90), device.Expires);

        Assert.NotNull(await stack.Devices.TrustedDeviceAsync(device.Value, DashboardStack.ServerName, "alice", Ct));
        Assert.Null(await stack.Devices.TrustedDeviceAsync(device.Value, DashboardStack.ServerName, "carol", Ct));
        stack.Clock.Advance(TimeSpan.FromDays(90));
        Assert.Null(await stack.Devices.TrustedDeviceAsync(device.Value, DashboardStack.ServerName, "alice", Ct));
    }

    [Fact]
    public async Task Failures_NewStackOverTheSameDatabase_StillThrottledAfterTheRestart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hestiaftp-restart-{Guid.NewGuid():N}.db");
        try
        {
            await using (var before = await DashboardStack.StartAsync(s => s["Audit:Path"] = path))
            {
                await InParallel(10, i => SignInAsync(before, "alice", $"wrong-{i}", "203.0.113.40"));
                Assert.Equal(4, before.CallsOf(Check));
            }

            await using var after = await DashboardStack.StartAsync(s => s["Audit:Path"] = path);
            after.Clock.Advance(TimeSpan.FromMinutes(9)); // both stacks start at the same fake time

            Assert.Equal(SignInOutcome.Throttled, (await SignInAsync(after, "alice", AlicePassword, "203.0.113.40")).Outcome);
            Assert.Equal(SignInOutcome.Throttled, (await SignInAsync(after, "alice", AlicePassword, "198.51.100.40")).Outcome);
            Assert.Equal(0, after.CallsOf(Check));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task SignInAsync_EverySuccess_StartsAFreshSessionThatNoLogShows()
    {
        await using var stack = await DashboardStack.StartAsync();

        var first = await SignInAsync(stack, "alice", AlicePassword, "192.0.2.50");
        var second = await SignInAsync(stack, "alice", AlicePassword, "192.0.2.50", first.Device);

        Assert.NotEqual(first.Session!.Id, second.Session!.Id);
        Assert.Equal(stack.Clock.GetUtcNow() + TimeSpan.FromHours(8), second.Session.Expires);
        Assert.True(await stack.Sessions.IsActiveAsync(DashboardStack.Alice.ToPrincipal(first.Session.Expires, first.Session.Id), Ct));
        Assert.True(await stack.Sessions.IsActiveAsync(DashboardStack.Alice.ToPrincipal(second.Session.Expires, second.Session.Id), Ct));
        foreach (var secret in new[] { first.Session.Id, second.Session.Id, first.Device!.Value, second.Device!.Value })
        {
            Assert.DoesNotContain(stack.Logs.Entries, l => l.Contains(secret));
            Assert.DoesNotContain(secret, first.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Fills the account's window for new devices: 4 wrong passwords from 4 other addresses.</summary>
    private static async Task LockAsync(DashboardStack stack, string user)
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.InvalidCredentials, (await SignInAsync(stack, user, $"attacker-{i}", $"203.0.113.{100 + i}")).Outcome);
        }
        Assert.Equal(SignInOutcome.Throttled, (await SignInAsync(stack, user, "attacker-5", "203.0.113.199")).Outcome);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
