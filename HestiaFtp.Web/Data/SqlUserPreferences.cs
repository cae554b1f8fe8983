using Dapper;

namespace HestiaFtp.Web.Data;

/// <summary>
/// <see cref="IUserPreferences"/> in the dashboard database's <c>user_preferences</c> table (migration 0003). The upsert
/// is the same statement on SQLite and PostgreSQL.
/// </summary>
public sealed class SqlUserPreferences(IDashboardDatabase database, TimeProvider time) : IUserPreferences
{
    public async Task<string?> GetAsync(string server, string user, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT value FROM user_preferences WHERE server = @server AND account = @user AND name = @name",
            new { server, user, name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task SetAsync(string server, string user, string name, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO user_preferences (server, account, name, value, updated_ms) VALUES (@server, @user, @name, @value, @at)
            ON CONFLICT (server, account, name) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms
            """,
            new { server, user, name, value, at = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
