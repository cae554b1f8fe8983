using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace HestiaFtp.Web.Data;

/// <summary>
/// The dashboard database in one SQLite file (WAL mode). The folder and file are created on first use; every store over
/// the same path should share one instance (the DI registration does), so the schema is brought up to date once.
/// </summary>
public sealed class SqliteDatabase : IDashboardDatabase
{
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _migrate = new(1, 1);
    private volatile bool _migrated;

    public SqliteDatabase(string path, ILogger<SqliteDatabase>? logger = null)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string FilePath { get; }

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
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
                await using (var connection = new SqliteConnection(_connectionString))
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    // Outside any transaction: SQLite cannot switch the journal mode inside one.
                    await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: cancellationToken)).ConfigureAwait(false);
                }
                await Task.Run(() => DatabaseMigrations.Upgrade(Provider, _connectionString, _logger), cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrate.Release();
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenSqliteAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><see cref="OpenAsync"/> typed for SQLite (immediate transactions).</summary>
    public async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
