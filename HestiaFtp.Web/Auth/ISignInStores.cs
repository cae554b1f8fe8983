namespace HestiaFtp.Web.Auth;

/// <summary>
/// Where the sign-in defence keeps its counters. Reserving is atomic across every key of one attempt: either each key is
/// below its limit, counting the attempts still in flight, and one attempt is added to each, or nothing changes. A store
/// shared by several dashboard instances (PostgreSQL, Redis) implements the same contract.
/// </summary>
public interface ISignInAttemptStore
{
    /// <summary>
    /// Reserves one attempt on every key of <paramref name="limits"/>, counting the key's failed and in-flight attempts
    /// newer than <paramref name="now"/> − <paramref name="window"/>. Refused when a key's failures alone reach its limit;
    /// busy when only attempts still in flight do (they may yet succeed and be released).
    /// </summary>
    Task<AttemptReservation> TryReserveAsync(IReadOnlyList<ThrottleLimit> limits, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Completes a reservation: a failure keeps counting until it leaves the window; anything else releases it.</summary>
    Task CompleteAsync(string reservation, bool failed, CancellationToken cancellationToken);

    /// <summary>Failed and in-flight attempts of one key within the window (diagnostics and tests).</summary>
    Task<int> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>Browsers trusted for one account through a device cookie; the cookie carries the id, the store its hash.</summary>
public interface IDeviceStore
{
    Task AddDeviceAsync(string idHash, string server, string account, DateTimeOffset issued, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>True when the device was issued for exactly this account and is neither revoked nor expired.</summary>
    Task<bool> IsDeviceTrustedAsync(string idHash, string server, string account, DateTimeOffset now, CancellationToken cancellationToken);

    Task RevokeDeviceAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every device of the account; returns how many were still trusted.</summary>
    Task<int> RevokeDevicesAsync(string server, string account, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Server-side sessions: the auth cookie carries the id, the store its hash and whether it has ended.</summary>
public interface ISessionStore
{
    Task AddSessionAsync(string idHash, string server, string account, DateTimeOffset created, DateTimeOffset expires, CancellationToken cancellationToken);

    /// <summary>True when the session exists, has not ended and has not expired.</summary>
    Task<bool> IsSessionActiveAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken);

    Task EndSessionAsync(string idHash, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends every active session of the account; returns how many were active.</summary>
    Task<int> EndSessionsAsync(string server, string account, string reason, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>One throttle key and the most attempts it may hold within the window.</summary>
public sealed record ThrottleLimit(string Key, int Limit);

public enum ReservationStatus
{
    Reserved,

    /// <summary>Refused only because attempts still in flight fill a key: worth waiting for them to end.</summary>
    Busy,

    /// <summary>A key's failures reached its limit.</summary>
    Refused,
}

/// <param name="Id">The reservation to complete, when <see cref="Status"/> is <see cref="ReservationStatus.Reserved"/>.</param>
/// <param name="LimitedKey">The key that was full, otherwise.</param>
public sealed record AttemptReservation(ReservationStatus Status, string? Id = null, string? LimitedKey = null);
