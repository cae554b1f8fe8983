using Dapper;
using HestiaFtp.Web.Data;
using Npgsql;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// The sign-in counters, devices and sessions in the dashboard's PostgreSQL database, shared by every dashboard instance:
/// the limits hold across instances, a session ended on one is refused by all, and nothing is lost on a restart. A
/// reservation is one transaction under a transaction-level advisory lock, so two instances reserving at once count each
/// other's attempts (the SQLite store gets the same from its immediate transaction). Same statements as
/// <see cref="SqliteSignInStore"/> otherwise.
/// </summary>
public sealed class PostgreSqlSignInStore(PostgreSqlDatabase database) : ISignInAttemptStore, IDeviceStore, ISessionStore
{
    /// <summary>The advisory lock reservations take ("HestiaSi" in ASCII).</summary>
    public const long ReservationLockKey = 0x4865737469615369;

    public async Task<AttemptReservation> TryReserveAsync(IReadOnlyList<ThrottleLimit> limits, DateTimeOffset now, TimeSpan window,
        CancellationToken cancellationToken)
    {
        var since = (now - window).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@Lock); DELETE FROM sign_in_attempts WHERE at_ms <= @Since;",
            new { Lock = ReservationLockKey, Since = since }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var counts = (await connection.QueryAsync<(string Key, long Failed, long Total)>(new CommandDefinition(
            """
            SELECT throttle_key, SUM(failed)::bigint, COUNT(*)
            FROM sign_in_attempts WHERE throttle_key = ANY(@Keys) AND at_ms > @Since GROUP BY throttle_key;
            """,
            new { Keys = limits.Select(l => l.Key).ToArray(), Since = since }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(c => c.Key, StringComparer.Ordinal);

        string? busy = null;
        foreach (var limit in limits)
        {
            if (!counts.TryGetValue(limit.Key, out var count))
            {
                continue;
            }
            if (count.Failed >= limit.Limit)
            {
                return new AttemptReservation(ReservationStatus.Refused, LimitedKey: limit.Key);
            }
            if (count.Total >= limit.Limit)
            {
                busy ??= limit.Key;
            }
        }
        if (busy is not null)
        {
            return new AttemptReservation(ReservationStatus.Busy, LimitedKey: busy);
        }

        var reservation = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sign_in_attempts (reservation, throttle_key, at_ms, failed) VALUES (@Reservation, @Key, @At, 0);",
            limits.Select(l => new { Reservation = reservation, l.Key, At = now.ToUnixTimeMilliseconds() }).ToArray(),
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AttemptReservation(ReservationStatus.Reserved, reservation);
    }

    public Task CompleteAsync(string reservation, bool failed, CancellationToken cancellationToken) => WriteAsync(
        failed ? "UPDATE sign_in_attempts SET failed = 1 WHERE reservation = @Reservation;" : "DELETE FROM sign_in_attempts WHERE reservation = @Reservation;",
        new { Reservation = reservation }, cancellationToken);

    public async Task<int> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sign_in_attempts WHERE throttle_key = @Key AND at_ms > @Since;",
            new { Key = key, Since = (now - window).ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task AddDeviceAsync(string idHash, string server, string account, DateTimeOffset issued, DateTimeOffset expires, CancellationToken cancellationToken) =>
        WriteAsync(
            """
            DELETE FROM devices WHERE expires_ms <= @Issued;
            INSERT INTO devices (id_hash, server, account, issued_ms, expires_ms) VALUES (@IdHash, @Server, @Account, @Issued, @Expires);
            """,
            new { IdHash = idHash, Server = server, Account = account, Issued = issued.ToUnixTimeMilliseconds(), Expires = expires.ToUnixTimeMilliseconds() },
            cancellationToken);

    public async Task<bool> IsDeviceTrustedAsync(string idHash, string server, string account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM devices
            WHERE id_hash = @IdHash AND server = @Server AND account = @Account AND revoked_ms IS NULL AND expires_ms > @Now;
            """,
            new { IdHash = idHash, Server = server, Account = account, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public Task RevokeDeviceAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken) => WriteAsync(
        "UPDATE devices SET revoked_ms = @Now WHERE id_hash = @IdHash AND revoked_ms IS NULL;",
        new { IdHash = idHash, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<int> RevokeDevicesAsync(string server, string account, DateTimeOffset now, CancellationToken cancellationToken) => WriteAsync(
        "UPDATE devices SET revoked_ms = @Now WHERE server = @Server AND account = @Account AND revoked_ms IS NULL AND expires_ms > @Now;",
        new { Server = server, Account = account, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task AddSessionAsync(string idHash, string server, string account, DateTimeOffset created, DateTimeOffset expires, CancellationToken cancellationToken) =>
        WriteAsync(
            """
            DELETE FROM sessions WHERE expires_ms <= @Created;
            INSERT INTO sessions (id_hash, server, account, created_ms, expires_ms) VALUES (@IdHash, @Server, @Account, @Created, @Expires);
            """,
            new { IdHash = idHash, Server = server, Account = account, Created = created.ToUnixTimeMilliseconds(), Expires = expires.ToUnixTimeMilliseconds() },
            cancellationToken);

    public async Task<bool> IsSessionActiveAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sessions WHERE id_hash = @IdHash AND ended_ms IS NULL AND expires_ms > @Now;",
            new { IdHash = idHash, Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public Task EndSessionAsync(string idHash, string reason, DateTimeOffset now, CancellationToken cancellationToken) => WriteAsync(
        "UPDATE sessions SET ended_ms = @Now, end_reason = @Reason WHERE id_hash = @IdHash AND ended_ms IS NULL;",
        new { IdHash = idHash, Reason = reason, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    public Task<int> EndSessionsAsync(string server, string account, string reason, DateTimeOffset now, CancellationToken cancellationToken) => WriteAsync(
        "UPDATE sessions SET ended_ms = @Now, end_reason = @Reason WHERE server = @Server AND account = @Account AND ended_ms IS NULL AND expires_ms > @Now;",
        new { Server = server, Account = account, Reason = reason, Now = now.ToUnixTimeMilliseconds() }, cancellationToken);

    private async Task<int> WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenNpgsqlAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
