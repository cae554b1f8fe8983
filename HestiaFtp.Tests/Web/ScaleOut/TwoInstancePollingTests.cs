using HestiaFtp.Tests.TestSupport.Engines;
using HestiaFtp.Tests.Web.E2E;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>
/// Two dashboard processes with pages open on both (<see cref="PollingInstances"/>: 1 s polls, 3 s lease): the emulator's
/// per-key counters show that exactly one instance polls, and that the other takes over within two lease periods of the
/// first one's death. Redis expires the lease on its own clock, so this is bounded in wall time, not faked.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TwoInstancePollingTests(PollingInstances two) : IClassFixture<PollingInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesOpenOnBoth_ExactlyOneInstancePolls_TheOtherTakesOverWithinTwoLeasePeriodsOfItsDeath()
    {
        two.Require();
        var cluster = two.Cluster;
        foreach (var instance in new[] { cluster.A, cluster.B })
        {
            var page = await two.NewPageAsync(instance);
            await TwoInstances.SignInAsync(page, "alice", "Alice-Demo-2026");
            await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();
        }

        // Five poll intervals with both pages open and idle: every call now is the watcher's.
        cluster.Emulator.Calls.Reset();
        await Task.Delay(PollingInstances.PollInterval * 5, Ct);
        var calls = cluster.Emulator.Calls.CallsByAccessKey;
        var a = calls.GetValueOrDefault(cluster.AccessKeyA);
        var b = calls.GetValueOrDefault(cluster.AccessKeyB);
        Assert.True((a > 0) != (b > 0), $"exactly one instance polls: A made {a} calls, B {b}");

        var (holder, other, otherKey) = a > 0 ? (cluster.A, cluster.B, cluster.AccessKeyB) : (cluster.B, cluster.A, cluster.AccessKeyA);
        await holder.KillAsync();
        var killed = DateTime.UtcNow;
        var deadline = killed + PollingInstances.LeaseDuration * 2 + PollingInstances.PollInterval;
        while (cluster.Emulator.Calls.CallsByAccessKey.GetValueOrDefault(otherKey) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(cluster.Emulator.Calls.CallsByAccessKey.GetValueOrDefault(otherKey) > 0,
            $"instance {other.Name} did not poll within two lease periods (+ one poll interval) of {holder.Name}'s death");
        Assert.Contains(other.Output, l => l.Contains("now watches HestiaCP server", StringComparison.Ordinal));
    }
}
