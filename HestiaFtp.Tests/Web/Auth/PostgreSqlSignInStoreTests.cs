using HestiaFtp.Tests.TestSupport.Engines;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace HestiaFtp.Tests.Web.Auth;

/// <summary>
/// The sign-in store on a real PostgreSQL, as two dashboard instances use it: two stores (two instances) over one database.
/// </summary>
public sealed class PostgreSqlSignInStoreTests(PostgreSqlFixture postgres) : IClassFixture<PostgreSqlFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(PostgreSqlSignInStore A, PostgreSqlSignInStore B)> TwoInstancesAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        return (new PostgreSqlSignInStore(new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance)),
            new PostgreSqlSignInStore(new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance)));
    }

    [Fact]
    public async Task TryReserveAsync_FailuresThroughBothInstances_CountTogetherUntilTheLimit()
    {
        var (a, b) = await TwoInstancesAsync();
        ThrottleLimit[] limits = [new("account:web1/alice", 3), new("address:203.0.113.9", 10)];

        foreach (var store in new[] { a, b, a })
        {
            var reservation = await store.TryReserveAsync(limits, Now, Window, Ct);
            Assert.Equal(ReservationStatus.Reserved, reservation.Status);
            await store.CompleteAsync(reservation.Id!, failed: true, Ct);
        }
        var refused = await b.TryReserveAsync(limits, Now, Window, Ct);

        Assert.Equal((ReservationStatus.Refused, "account:web1/alice"), (refused.Status, refused.LimitedKey));
        Assert.Equal(3, await a.CountAsync("account:web1/alice", Now, Window, Ct));
    }

    [Fact]
    public async Task TryReserveAsync_ManyAtOnceOnBothInstances_NeverMoreInFlightThanTheLimit()
    {
        var (a, b) = await TwoInstancesAsync();
        ThrottleLimit[] limits = [new("account:web1/carol", 4)];

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).TryReserveAsync(limits, Now, Window, Ct), Ct)));

        Assert.Equal(4, results.Count(r => r.Status == ReservationStatus.Reserved));
        Assert.Equal(16, results.Count(r => r.Status == ReservationStatus.Busy));
    }

    [Fact]
    public async Task EndSessionAsync_OnA_SessionInactiveOnB()
    {
        var (a, b) = await TwoInstancesAsync();
        await a.AddSessionAsync("hash-1", "web1", "alice", Now, Now.AddHours(8), Ct);
        Assert.True(await b.IsSessionActiveAsync("hash-1", Now, Ct));

        await a.EndSessionAsync("hash-1", SessionEndReasons.SignedOut, Now, Ct);

        Assert.False(await b.IsSessionActiveAsync("hash-1", Now, Ct));
    }

    [Fact]
    public async Task RevokeDevicesAsync_OnB_DeviceAddedOnANoLongerTrusted()
    {
        var (a, b) = await TwoInstancesAsync();
        await a.AddDeviceAsync("device-1", "web1", "alice", Now, Now.AddDays(90), Ct);
        Assert.True(await b.IsDeviceTrustedAsync("device-1", "web1", "alice", Now, Ct));

        Assert.Equal(1, await b.RevokeDevicesAsync("web1", "alice", Now, Ct));

        Assert.False(await a.IsDeviceTrustedAsync("device-1", "web1", "alice", Now, Ct));
    }
}
