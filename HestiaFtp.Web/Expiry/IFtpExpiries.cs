using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Expiry;

/// <summary>
/// What screens may do with ends, authorized like <see cref="Dashboard.IFtpDashboard"/> against the circuit's signed-in
/// user: customers read and set the ends of their own accounts only, support staff read every end and set none. Faults:
/// <see cref="DashboardAccessException"/> (not allowed, unknown login), <see cref="ArgumentOutOfRangeException"/> (an end
/// not in the future).
/// </summary>
public interface IFtpExpiries
{
    /// <summary>The ends of one HestiaCP user's accounts.</summary>
    Task<IReadOnlyList<FtpExpiry>> ListAsync(AccountKey key, CancellationToken cancellationToken);

    /// <summary>Support only: every end, soonest first.</summary>
    Task<IReadOnlyList<FtpExpiry>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onChange"/> whenever <paramref name="key"/>'s ends change (every account's for support when null).</summary>
    Task<IDisposable> WatchAsync(AccountKey? key, Func<Task> onChange);

    /// <summary>
    /// Sets, moves or (with <see cref="SetFtpExpiryRequest.EndsAt"/> null) removes an account's end; records the account's
    /// folder as it is now (for the match check) and writes the activity log. Returns the stored end, or null when removed.
    /// </summary>
    Task<FtpExpiry?> SetAsync(SetFtpExpiryRequest request, CancellationToken cancellationToken);
}

/// <summary>An account's new end (a UTC instant, null to remove it) and the IANA zone the customer chose it in.</summary>
public sealed record SetFtpExpiryRequest(string User, string Domain, string Login, DateTimeOffset? EndsAt, string Zone);
