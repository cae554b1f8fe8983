using System.Data.Common;
using Dapper;
using Npgsql;

namespace HestiaFtp.Web.Data;

/// <summary>
/// The dashboard database on PostgreSQL, shared by several dashboard instances. Instances starting together migrate one
/// after the other: each takes a session-level advisory lock before DbUp looks at the journal, so the second finds the
/// scripts already applied instead of racing the first to create the same tables.
/// </summary>
public sealed class PostgreSqlDatabase(string connectionString, ILogger<PostgreSqlDatabase> logger) : IDashboardDatabase, IAsyncDisposable
{
    /// <summary>The advisory lock key migrations run under ("HestiaFt" in ASCII); any other user of the database must avoid it.</summary>
    public const long MigrationLockKey = 0x4865737469614674;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _migrate = new(1, 1);
    private volatile bool _migrated;

    public DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }
        await _migrate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key);", new { Key = MigrationLockKey },
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                try
                {
                    await Task.Run(() => DatabaseMigrations.Upgrade(Provider, connectionString, logger), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@Key);", new { Key = MigrationLockKey })).ConfigureAwait(false);
                }
                _migrated = true;
            }
        }
        finally
        {
            _migrate.Release();
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><see cref="OpenAsync"/> typed for Npgsql.</summary>
    public async Task<NpgsqlConnection> OpenNpgsqlAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
