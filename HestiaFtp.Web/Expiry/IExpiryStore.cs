namespace HestiaFtp.Web.Expiry;

/// <summary>
/// Where ends live: the dashboard database (migration 0004), so they survive restarts and several instances share them.
/// Every write is one statement; <see cref="TryClaimAsync"/> is a conditional update, so of several instances only one
/// works on an end at a time.
/// </summary>
public interface IExpiryStore
{
    /// <summary>Sets or moves an end (insert or replace); clears any claim and problem.</summary>
    Task SetAsync(FtpExpiry expiry, CancellationToken cancellationToken);

    /// <summary>Removes an end; true when there was one.</summary>
    Task<bool> RemoveAsync(ExpiryKey key, CancellationToken cancellationToken);

    /// <summary>The ends of one HestiaCP user's accounts.</summary>
    Task<IReadOnlyList<FtpExpiry>> ListAsync(string server, string user, CancellationToken cancellationToken);

    /// <summary>Every end of every account, soonest first, at most <paramref name="take"/> (support's overview).</summary>
    Task<IReadOnlyList<FtpExpiry>> ListAllAsync(int take, CancellationToken cancellationToken);

    /// <summary>Ends at or before <paramref name="now"/> that no instance holds (no claim, or its lease ran out), soonest first.</summary>
    Task<IReadOnlyList<FtpExpiry>> ListDueAsync(DateTimeOffset now, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a due end for <paramref name="owner"/> until <paramref name="until"/>, with one conditional update: true only
    /// when the end is still due, unchanged since it was listed (<paramref name="endsAt"/>) and held by nobody.
    /// </summary>
    Task<bool> TryClaimAsync(ExpiryKey key, DateTimeOffset endsAt, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a claim back with why the attempt waits (<see cref="ExpiryProblems"/>); the end is not listed as due again before
    /// <paramref name="notBefore"/>. Only the owner's claim.
    /// </summary>
    Task ReleaseAsync(ExpiryKey key, string owner, string? problem, DateTimeOffset notBefore, CancellationToken cancellationToken);
}
