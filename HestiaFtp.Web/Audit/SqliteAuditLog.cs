using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace HestiaFtp.Web.Audit;

/// <summary>
/// <see cref="IAuditLog"/> in a SQLite file. The folder, file and schema are created on first use (and at host start
/// through <see cref="AuditLogInitializer"/>). Times are stored as UTC ISO-8601 text so they sort and read back exactly.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at_utc TEXT NOT NULL,
            actor TEXT NOT NULL,
            server TEXT NOT NULL,
            account TEXT NOT NULL,
            domain TEXT NULL,
            login TEXT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            outcome TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_audit_entries_account ON audit_entries (server, account, id);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _init = new(1, 1);
    private volatile bool _initialized;

    public SqliteAuditLog(string path)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
    }

    public string FilePath { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _init.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
                await using var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;" + Schema, cancellationToken: cancellationToken)).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _init.Release();
        }
    }

    public async Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO audit_entries (at_utc, actor, server, account, domain, login, action, detail, outcome)
            VALUES (@At, @Actor, @Server, @Account, @Domain, @Login, @Action, @Detail, @Outcome);
            SELECT last_insert_rowid();
            """,
            new
            {
                At = entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                entry.Actor,
                entry.Server,
                entry.Account,
                entry.Domain,
                entry.Login,
                entry.Action,
                entry.Detail,
                entry.Outcome,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task CompleteAsync(long id, string outcome, string? login, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE audit_entries SET outcome = @Outcome, login = COALESCE(@Login, login) WHERE id = @Id;",
            new { Id = id, Outcome = outcome, Login = login },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, at_utc AS AtUtc, actor AS Actor, server AS Server, account AS Account, domain AS Domain,
                   login AS Login, action AS Action, detail AS Detail, outcome AS Outcome
            FROM audit_entries
            WHERE (@Server IS NULL OR server = @Server) AND (@Account IS NULL OR account = @Account)
            ORDER BY id DESC
            LIMIT @Take;
            """,
            new { query.Server, query.Account, Take = Math.Clamp(query.Take, 0, 10_000) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new AuditEntry(
            r.Id,
            new DateTimeOffset(DateTime.Parse(r.AtUtc, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
            r.Actor, r.Server, r.Account, r.Domain, r.Login, r.Action, r.Detail, r.Outcome)).ToList();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public string AtUtc { get; set; } = "";

        public string Actor { get; set; } = "";

        public string Server { get; set; } = "";

        public string Account { get; set; } = "";

        public string? Domain { get; set; }

        public string? Login { get; set; }

        public string Action { get; set; } = "";

        public string Detail { get; set; } = "";

        public string Outcome { get; set; } = "";
    }
}

/// <summary>Creates the audit database at host start, so a broken path fails the start, not the first change.</summary>
public sealed class AuditLogInitializer(SqliteAuditLog log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => log.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
