using Dapper;
using HestiaFtp.Web.Data;

namespace HestiaFtp.Web.Expiry;

/// <summary>
/// <see cref="IExpiryStore"/> in the dashboard database's <c>ftp_expiries</c> table. Instants are Unix milliseconds; the
/// statements are the same on SQLite and PostgreSQL.
/// </summary>
public sealed class SqlExpiryStore(IDashboardDatabase database) : IExpiryStore
{
    private const string Columns =
        "server AS Server, account AS Account, domain AS Domain, login AS Login, folder AS Folder, ends_ms AS EndsMs, zone AS Zone, " +
        "set_by AS SetBy, updated_ms AS UpdatedMs, last_problem AS LastProblem";

    public async Task SetAsync(FtpExpiry expiry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ftp_expiries (server, account, domain, login, folder, ends_ms, zone, set_by, updated_ms, claimed_by, claimed_until_ms, last_problem)
            VALUES (@Server, @User, @Domain, @Login, @Folder, @EndsMs, @Zone, @SetBy, @UpdatedMs, NULL, NULL, NULL)
            ON CONFLICT (server, account, domain, login) DO UPDATE SET folder = excluded.folder, ends_ms = excluded.ends_ms,
                zone = excluded.zone, set_by = excluded.set_by, updated_ms = excluded.updated_ms, claimed_by = NULL,
                claimed_until_ms = NULL, last_problem = NULL
            """,
            new
            {
                expiry.Key.Server, expiry.Key.User, expiry.Key.Domain, expiry.Key.Login, expiry.Folder,
                EndsMs = expiry.EndsAt.ToUnixTimeMilliseconds(), expiry.Zone, expiry.SetBy,
                UpdatedMs = expiry.UpdatedAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(ExpiryKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ftp_expiries WHERE server = @Server AND account = @User AND domain = @Domain AND login = @Login",
            key, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public Task<IReadOnlyList<FtpExpiry>> ListAsync(string server, string user, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM ftp_expiries WHERE server = @server AND account = @user ORDER BY ends_ms, login",
            new { server, user }, cancellationToken);

    public Task<IReadOnlyList<FtpExpiry>> ListAllAsync(int take, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM ftp_expiries ORDER BY ends_ms, server, account, login LIMIT @take",
            new { take }, cancellationToken);

    public Task<IReadOnlyList<FtpExpiry>> ListDueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {Columns} FROM ftp_expiries
            WHERE ends_ms <= @now AND (claimed_until_ms IS NULL OR claimed_until_ms < @now)
            ORDER BY ends_ms, server, account, domain, login LIMIT @take
            """, new { now = now.ToUnixTimeMilliseconds(), take }, cancellationToken);

    public async Task<bool> TryClaimAsync(ExpiryKey key, DateTimeOffset endsAt, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ftp_expiries SET claimed_by = @owner, claimed_until_ms = @until
            WHERE server = @Server AND account = @User AND domain = @Domain AND login = @Login
              AND ends_ms = @endsMs AND ends_ms <= @now AND (claimed_until_ms IS NULL OR claimed_until_ms < @now)
            """,
            new
            {
                key.Server, key.User, key.Domain, key.Login, owner, endsMs = endsAt.ToUnixTimeMilliseconds(),
                now = now.ToUnixTimeMilliseconds(), until = until.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseAsync(ExpiryKey key, string owner, string? problem, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE ftp_expiries SET claimed_by = NULL, claimed_until_ms = @notBefore, last_problem = @problem
            WHERE server = @Server AND account = @User AND domain = @Domain AND login = @Login AND claimed_by = @owner
            """,
            new { key.Server, key.User, key.Domain, key.Login, owner, problem, notBefore = notBefore.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<FtpExpiry>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new FtpExpiry(new ExpiryKey(r.Server, r.Account, r.Domain, r.Login), r.Folder,
            DateTimeOffset.FromUnixTimeMilliseconds(r.EndsMs), r.Zone, r.SetBy, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedMs),
            r.LastProblem)).ToList();
    }

    private sealed class Row
    {
        public string Server { get; set; } = "";

        public string Account { get; set; } = "";

        public string Domain { get; set; } = "";

        public string Login { get; set; } = "";

        public string Folder { get; set; } = "";

        public long EndsMs { get; set; }

        public string Zone { get; set; } = "";

        public string SetBy { get; set; } = "";

        public long UpdatedMs { get; set; }

        public string? LastProblem { get; set; }
    }
}
