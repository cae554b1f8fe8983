using System.Globalization;
using Dapper;
using HestiaFtp.Web.Data;

namespace HestiaFtp.Web.Audit;

/// <summary>
/// <see cref="IAuditLog"/> in the dashboard database, SQLite or PostgreSQL (<see cref="IDashboardDatabase"/>; the schema
/// comes from the versioned migrations): one set of statements both engines run, so the two keep the same log. Times are
/// stored as UTC ISO-8601 text so they sort and read back exactly. With the database unreachable
/// <see cref="RecordAsync"/> throws, and the boundary refuses the change.
/// </summary>
public sealed class SqlAuditLog(IDashboardDatabase database) : IAuditLog
{
    /// <summary>A log over its own SQLite database at <paramref name="path"/> (tests, tools); the app shares one database.</summary>
    public static SqlAuditLog OnSqlite(string path) => new(new SqliteDatabase(path));

    public Task InitializeAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public async Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO audit_entries (at_utc, actor, server, account, domain, login, action, detail, outcome, actor_kind)
            VALUES (@At, @Actor, @Server, @Account, @Domain, @Login, @Action, @Detail, @Outcome, @ActorKind)
            RETURNING id;
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
                entry.ActorKind,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task CompleteAsync(long id, string outcome, string? login, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE audit_entries SET outcome = @Outcome, login = COALESCE(@Login, login) WHERE id = @Id;",
            new { Id = id, Outcome = outcome, Login = login },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // CAST: PostgreSQL cannot tell the type of a parameter that is only compared with NULL.
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, at_utc AS AtUtc, actor AS Actor, server AS Server, account AS Account, domain AS Domain,
                   login AS Login, action AS Action, detail AS Detail, outcome AS Outcome, actor_kind AS ActorKind
            FROM audit_entries
            WHERE (CAST(@Server AS TEXT) IS NULL OR server = @Server) AND (CAST(@Account AS TEXT) IS NULL OR account = @Account)
            ORDER BY id DESC
            LIMIT @Take;
            """,
            new { query.Server, query.Account, Take = Math.Clamp(query.Take, 0, 10_000) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new AuditEntry(
            r.Id,
            new DateTimeOffset(DateTime.Parse(r.AtUtc, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
            r.Actor, r.Server, r.Account, r.Domain, r.Login, r.Action, r.Detail, r.Outcome, r.ActorKind)).ToList();
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

        public string ActorKind { get; set; } = AuditActorKinds.User;
    }
}
