using System.Net;
using HestiaFtp.Emulator;

namespace HestiaFtp.Tests.Emulator;

/// <summary>The latency model (<see cref="EmulatorControl.SetLatency"/>): one timer on the emulator's clock per answer.</summary>
public sealed class EmulatorControlTests
{
    private const string Dir = "/home/alice/web/example.com";
    private static readonly TimeSpan PerCall = TimeSpan.FromMilliseconds(75);
    private static readonly TimeSpan PerRecord = TimeSpan.FromMilliseconds(12);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>alice has three domains; example.com/docs holds two files.</summary>
    private static EmulatorTestHost LatencyHost() => new(c =>
    {
        c.AddWebDomain("alice", "two.example");
        c.AddWebDomain("alice", "three.example");
        c.AddFolder("alice", "example.com", "docs");
        c.AddFile("alice", "example.com", "docs/a.txt");
        c.AddFile("alice", "example.com", "docs/b.txt");
        c.SetLatency(PerCall, PerRecord);
    }, recordTimers: true);

    [Theory]
    [InlineData(3, 200, "v-list-web-domains", "alice", "json")]
    [InlineData(3, 200, "v-list-web-domains", "alice", "plain")]
    [InlineData(1, 200, "v-list-web-domain", "alice", "two.example", "json")]
    [InlineData(2, 200, "v-list-users", "json")]
    [InlineData(3, 200, "v-list-fs-directory", "alice", Dir + "/docs")] // the directory itself and its two files
    [InlineData(0, 200, "v-list-user", "alice", "json")]
    [InlineData(0, 204, "v-add-web-domain-ftp", "alice", "example.com", "lat", "Passw0rd-1")]
    [InlineData(0, 400, "v-list-web-domains", "nobody", "json")] // fails: nothing listed
    public async Task SetLatency_Command_WaitsPerCallPlusPerRecordListed(int records, int status, string cmd, params string[] args)
    {
        var host = LatencyHost();

        var pending = host.Emulator.HandleAsync(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, cmd, args), Ct);
        var due = await host.Timers!.NextTimerAsync(Ct);
        host.Time.Advance(due - TimeSpan.FromTicks(1));
        var completedEarly = pending.IsCompleted;
        host.Time.Advance(TimeSpan.FromTicks(1));
        var response = await pending;

        Assert.Equal(PerCall + records * PerRecord, due);
        Assert.False(completedEarly);
        Assert.Equal(status, response.Status);
        Assert.False(host.Timers.HasUnreadTimer);
    }

    [Fact]
    public async Task SetLatency_WithDelayFault_WaitsForBothInOneTimer()
    {
        var host = LatencyHost();
        host.Control.FailNext("v-list-users", EmulatorFault.Delay, delay: TimeSpan.FromSeconds(2));

        var pending = host.Emulator.HandleAsync(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-users", "json"), Ct);
        var due = await host.Timers!.NextTimerAsync(Ct);
        host.Time.Advance(due);

        Assert.Equal(PerCall + 2 * PerRecord + TimeSpan.FromSeconds(2), due);
        Assert.Equal(200, (await pending).Status);
    }

    [Fact]
    public async Task SetLatency_CommandTakesEffectBeforeTheAnswer_OtherCallersAreNotBlocked()
    {
        var host = LatencyHost();

        var pending = host.Emulator.HandleAsync(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-add-web-domain-ftp", "alice", "example.com", "early", "Passw0rd-1"), Ct);
        var due = await host.Timers!.NextTimerAsync(Ct);

        // The lock is free while the answer waits: the control surface and other requests get through.
        Assert.Equal("alice_early", Assert.Single(host.Control.GetFtpAccounts("alice", "example.com")).Login);
        var other = host.Emulator.HandleAsync(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-user", "alice", "json"), Ct);
        var otherDue = await host.Timers.NextTimerAsync(Ct);
        Assert.False(pending.IsCompleted);
        host.Time.Advance(due > otherDue ? due : otherDue);
        Assert.Equal(204, (await pending).Status);
        Assert.Equal(200, (await other).Status);
    }

    [Fact]
    public async Task SetLatency_OverHttp_AnswersWhenTheClockReachesPerCallPlusPerDomain()
    {
        var host = LatencyHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var post = http.PostAsync("api/", new FormUrlEncodedContent(
            [new("access_key", host.KeyId), new("secret_key", host.Secret), new("cmd", "v-list-web-domains"), new("arg1", "alice"), new("arg2", "json")]), Ct);
        var due = await host.Timers!.NextTimerAsync(Ct);
        Assert.Equal(1, host.Emulator.CallCounts["v-list-web-domains"]); // counted on arrival
        host.Time.Advance(due - TimeSpan.FromTicks(1));
        Assert.False(post.IsCompleted);
        host.Time.Advance(TimeSpan.FromTicks(1));
        using var response = await post;

        Assert.Equal(TimeSpan.FromMilliseconds(75 + 3 * 12), due);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("three.example", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearLatency_AfterSetLatency_AnswersWithoutWaiting()
    {
        var host = LatencyHost();
        host.Control.ClearLatency();

        var pending = host.Emulator.HandleAsync(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-web-domains", "alice", "json"), Ct);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal(200, (await pending).Status);
        Assert.False(host.Timers!.HasUnreadTimer);
    }

    [Fact]
    public void SetLatency_SynchronousHandle_IgnoresIt()
    {
        var host = LatencyHost();

        Assert.Equal(200, host.Call("v-list-users", "json").Status);
        Assert.False(host.Timers!.HasUnreadTimer);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void SetLatency_Negative_Throws(int perCallMs, int perRecordMs)
    {
        var host = new EmulatorTestHost();

        Assert.Throws<ArgumentOutOfRangeException>(() => host.Control.SetLatency(TimeSpan.FromMilliseconds(perCallMs), TimeSpan.FromMilliseconds(perRecordMs)));
    }
}
