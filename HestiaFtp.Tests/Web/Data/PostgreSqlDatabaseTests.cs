using Dapper;
using HestiaFtp.Tests.TestSupport.Engines;
using HestiaFtp.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HestiaFtp.Tests.Web.Data;

/// <summary>Migrations on a real PostgreSQL started by the test run (<see cref="PostgreSqlFixture"/>).</summary>
public sealed class PostgreSqlDatabaseTests(PostgreSqlFixture postgres) : IClassFixture<PostgreSqlFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrateAsync_TwoInstancesStartTogetherOnAFreshDatabase_BothSucceedAndEachScriptRunsOnce()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var a = new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance);
        await using var b = new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance);

        await Task.WhenAll(Task.Run(() => a.MigrateAsync(Ct), Ct), Task.Run(() => b.MigrateAsync(Ct), Ct));

        Assert.Equal(DatabaseMigrations.ScriptNames(DatabaseProvider.PostgreSql), await JournalAsync(connectionString));
        Assert.Equal(["audit_entries", "devices", "ftp_expiries", "schema_versions", "sessions", "sign_in_attempts", "user_preferences"], await TablesAsync(connectionString));
    }

    [Fact]
    public async Task MigrateAsync_AnotherInstanceHoldsTheMigrationLock_WaitsForItBeforeTouchingTheSchema()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync(Ct);
        await other.ExecuteAsync("SELECT pg_advisory_lock(@Key)", new { Key = PostgreSqlDatabase.MigrationLockKey });
        await using var database = new PostgreSqlDatabase(connectionString, NullLogger<PostgreSqlDatabase>.Instance);

        var migrating = database.MigrateAsync(Ct);
        // The migration's session is queued on the lock the "other instance" holds.
        while (await other.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0)
        {
            Assert.False(migrating.IsCompleted, "MigrateAsync finished without waiting for the migration lock.");
            await Task.Delay(20, Ct);
        }
        var tablesWhileWaiting = await TablesAsync(connectionString);
        await other.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key = PostgreSqlDatabase.MigrationLockKey });
        await migrating;

        Assert.Empty(tablesWhileWaiting);
        Assert.Equal(DatabaseMigrations.ScriptNames(DatabaseProvider.PostgreSql), await JournalAsync(connectionString));
    }

    [Fact]
    public void ScriptNames_BothProviders_SameNumberedScripts()
    {
        static IEnumerable<string> Files(DatabaseProvider p) => DatabaseMigrations.ScriptNames(p).Select(Path.GetFileName)!;

        Assert.Equal(Files(DatabaseProvider.Sqlite), Files(DatabaseProvider.PostgreSql));
    }

    private static async Task<IReadOnlyList<string>> JournalAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return [.. await connection.QueryAsync<string>($"SELECT scriptname FROM {DatabaseMigrations.JournalTable} ORDER BY schemaversionsid")];
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return [.. await connection.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")];
    }
}
