using System.Data.Common;
using Npgsql;

namespace HestiaFtp.Web.Data;

/// <summary>
/// The dashboard database on PostgreSQL, for running several dashboard instances against one store. Today it migrates
/// and opens connections; the stores that use it come with the scale-out work (the app registers SQLite).
/// </summary>
public sealed class PostgreSqlDatabase(string connectionString, ILogger<PostgreSqlDatabase> logger) : IDashboardDatabase, IAsyncDisposable
{
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
                await Task.Run(() => DatabaseMigrations.Upgrade(Provider, connectionString, logger), cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrate.Release();
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
