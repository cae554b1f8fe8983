using System.Globalization;
using Dapper;
using HestiaFtp.Web.Data;

namespace HestiaFtp.Web.Audit;

/// <summary>
/// <see cref="IAuditLog"/> in the dashboard's PostgreSQL database: one log for every dashboard instance. Same table, same
/// text times and same statements as <see cref="SqliteAuditLog"/>, except that the new id comes back through
/// <c>RETURNING</c>. With the database unreachable <see cref="RecordAsync"/> throws, and the boundary refuses the change.
/// </summary>
public sealed class PostgreSqlAuditLog(PostgreSqlDatabase database) : IAuditLog
{
    public async Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
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
        await using var connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE audit_entries SET outcome = @Outcome, login = COALESCE(@Login, login) WHERE id = @Id;",
            new { Id = id, Outcome = outcome, Login = login },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, string AtUtc, string Actor, string Server, string Account, string? Domain,
            string? Login, string Action, string Detail, string Outcome, string ActorKind)>(new CommandDefinition(
            """
            SELECT id, at_utc, actor, server, account, domain, login, action, detail, outcome, actor_kind
            FROM audit_entries
            WHERE (@Server::text IS NULL OR server = @Server) AND (@Account::text IS NULL OR account = @Account)
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
}
