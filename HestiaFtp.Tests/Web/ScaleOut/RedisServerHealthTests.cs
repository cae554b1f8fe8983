using HestiaFtp.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.ScaleOut;

public sealed class RedisServerHealthTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Server = ScaleOutCluster.ServerName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OutageFoundByA_IsAdoptedByB_AndBothShareOneProbePerInterval()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        // Health paces probes on its clock (faked here); Redis expires the shared reservation after the same ten minutes.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        void Slow(IDictionary<string, string?> s) => s["Live:ProbeInterval"] = "00:10:00";
        void OnClock(IServiceCollection s) => s.AddSingleton(sp => ActivatorUtilities.CreateInstance<ServerHealth>(sp, (TimeProvider)clock));
        var a = cluster.AddInstance(Slow, OnClock);
        var b = cluster.AddInstance(Slow, OnClock);
        var aHealth = a.Services.GetRequiredService<IServerHealth>();
        var bHealth = b.Services.GetRequiredService<IServerHealth>();
        _ = b.Feed;
        await cluster.Server.SetOutageAsync(EmulatorOutage.RefuseConnections, Ct);

        await Assert.ThrowsAsync<HestiaException>(() => a.Clients.Get(Server).ListUsersAsync(Ct));
        await Until.TrueAsync(() => !bHealth.Get(Server).Reachable, "B to adopt A's finding");

        Assert.Empty(b.Requests.All);
        Assert.NotNull(bHealth.Get(Server).UnreachableSince);
        // The call that found the outage was this interval's probe for both instances.
        Assert.False(aHealth.TryReserveCall(Server));
        Assert.False(bHealth.TryReserveCall(Server));
        clock.Advance(TimeSpan.FromMinutes(10));
        // The next interval's probe belongs to one instance only.
        Assert.True(bHealth.TryReserveCall(Server));
        Assert.False(aHealth.TryReserveCall(Server));
        Assert.False(bHealth.TryReserveCall(Server));
    }
}
