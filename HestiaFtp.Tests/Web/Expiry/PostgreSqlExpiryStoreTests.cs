using HestiaFtp.Tests.TestSupport.Engines;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Data;
using HestiaFtp.Web.Expiry;
using Microsoft.Extensions.Logging.Abstractions;

namespace HestiaFtp.Tests.Web.Expiry;

/// <summary>
/// Ends on a real PostgreSQL (<c>Audit:ConnectionString</c>), the store several dashboard instances share: what one instance
/// sets the other lists, and of concurrent claims from two instances exactly one wins (the conditional update).
/// </summary>
public sealed class PostgreSqlExpiryStoreTests(PostgreSqlFixture postgres) : IClassFixture<PostgreSqlFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly ExpiryKey Media = new("web1", "alice", "alice-shop.com", "alice_media");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryClaimAsync_TwoInstancesOnOneDatabase_ExactlyOneClaimWins()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var databaseA = new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance);
        await using var databaseB = new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance);
        var a = new SqlExpiryStore(databaseA);
        var b = new SqlExpiryStore(databaseB);
        var end = new FtpExpiry(Media, "/public_html/media", Now - TimeSpan.FromMinutes(1), "Europe/Berlin", "alice", Now - TimeSpan.FromDays(1));

        await a.SetAsync(end, Ct);
        var due = Assert.Single(await b.ListDueAsync(Now, 10, Ct));
        Assert.Equal(end.Key, due.Key);
        Assert.Equal("Europe/Berlin", due.Zone);
        Assert.Equal(end.EndsAt, due.EndsAt);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? a : b).TryClaimAsync(due.Key, due.EndsAt, $"instance-{i}", Now, Now + TimeSpan.FromMinutes(5), Ct)));

        Assert.Equal(1, claims.Count(c => c));
        Assert.Empty(await a.ListDueAsync(Now, 10, Ct));
        Assert.Single(await b.ListDueAsync(Now + TimeSpan.FromMinutes(6), 10, Ct));
    }

    [Fact]
    public async Task RemoveAsync_OnOneInstance_TheOtherNoLongerListsIt()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var databaseA = new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance);
        await using var databaseB = new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance);
        var a = new SqlExpiryStore(databaseA);
        var b = new SqlExpiryStore(databaseB);
        await a.SetAsync(new FtpExpiry(Media, "/public_html/media", Now + TimeSpan.FromDays(7), "UTC", "alice", Now), Ct);
        Assert.Single(await b.ListAsync("web1", "alice", Ct));

        Assert.True(await b.RemoveAsync(Media, Ct));

        Assert.Empty(await a.ListAsync("web1", "alice", Ct));
        Assert.False(await a.RemoveAsync(Media, Ct));
    }

    [Fact]
    public async Task AuditLog_AnAutomaticDeletion_KeepsItsActorKindOnPostgreSql()
    {
        await using var database = new PostgreSqlDatabase(await postgres.Server.CreateDatabaseAsync(), NullLogger<PostgreSqlDatabase>.Instance);
        var log = new SqlAuditLog(database);
        await log.RecordAsync(new AuditEntry(0, Now, "alice", "web1", "alice", "alice-shop.com", "alice_media", AuditActions.DeleteFtpAccount,
            "expired", AuditOutcomes.Succeeded, AuditActorKinds.Dashboard), Ct);
        await log.RecordAsync(new AuditEntry(0, Now, "alice", "web1", "alice", "alice-shop.com", "alice_shop", AuditActions.DeleteFtpAccount,
            "", AuditOutcomes.Succeeded), Ct);

        var entries = await log.QueryAsync(new AuditQuery(), Ct);

        Assert.Equal([AuditActorKinds.User, AuditActorKinds.Dashboard], entries.Select(e => e.ActorKind));
    }
}
