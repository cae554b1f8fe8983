using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.ScaleOut;

public sealed class RedisCredentialsBreakerTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Server = ScaleOutCluster.ServerName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_AfterHestiaRefusedAsCredentials_BSendsNothingEither()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance();
        var b = cluster.AddInstance();
        var bBreaker = b.Services.GetRequiredService<IHestiaCredentialsBreaker>();
        cluster.Emulator.Control.RemoveAccessKey(cluster.KeyId);

        var refused = await Assert.ThrowsAsync<HestiaException>(() => a.Clients.Get(Server).ListUsersAsync(Ct));
        Assert.True(refused.Code.IsAuthenticationFailure());
        await Until.TrueAsync(() => bBreaker.IsOpen(Server, DateTimeOffset.UtcNow, out _), "B's breaker to open");
        var paused = await Assert.ThrowsAsync<HestiaException>(() => b.Clients.Get(Server).ListUsersAsync(Ct));

        Assert.Equal(refused.Code, paused.Code);
        Assert.Empty(b.Requests.All);
        Assert.Equal(1, cluster.Emulator.CallCounts.Values.Sum());
    }

    [Fact]
    public async Task Constructor_OfAnInstanceStartedWhileABreakerIsOpen_LoadsIt()
    {
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        var a = cluster.AddInstance();
        cluster.Emulator.Control.RemoveAccessKey(cluster.KeyId);
        await Assert.ThrowsAsync<HestiaException>(() => a.Clients.Get(Server).ListUsersAsync(Ct));

        var late = cluster.AddInstance();

        Assert.True(late.Services.GetRequiredService<IHestiaCredentialsBreaker>().IsOpen(Server, DateTimeOffset.UtcNow, out _));
        await Assert.ThrowsAsync<HestiaException>(() => late.Clients.Get(Server).ListUsersAsync(Ct));
        Assert.Empty(late.Requests.All);
    }
}
