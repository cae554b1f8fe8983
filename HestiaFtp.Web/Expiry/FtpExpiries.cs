using HestiaFtp.Core.Validation;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Expiry;

/// <inheritdoc cref="IFtpExpiries"/>
public sealed class FtpExpiries(
    CurrentUser currentUser,
    IExpiryStore store,
    ExpiryChanges changes,
    IAccountStore accounts,
    AccountReader reader,
    IAuditLog audit,
    TimeProvider time,
    ILogger<FtpExpiries> logger) : IFtpExpiries
{
    /// <summary>The furthest end a customer may choose.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(3660);

    public async Task<IReadOnlyList<FtpExpiry>> ListAsync(AccountKey key, CancellationToken cancellationToken)
    {
        await AuthorizeReadAsync(key);
        return await store.ListAsync(key.Server, key.User, cancellationToken);
    }

    public async Task<IReadOnlyList<FtpExpiry>> ListAllAsync(CancellationToken cancellationToken)
    {
        var user = await currentUser.RequireAsync();
        if (!user.IsSupport)
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
        return await store.ListAllAsync(10_000, cancellationToken);
    }

    public async Task<IDisposable> WatchAsync(AccountKey? key, Func<Task> onChange)
    {
        if (key is null)
        {
            if (!(await currentUser.RequireAsync()).IsSupport)
            {
                throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
            }
        }
        else
        {
            await AuthorizeReadAsync(key);
        }
        return changes.Subscribe(key, onChange);
    }

    public async Task<FtpExpiry?> SetAsync(SetFtpExpiryRequest request, CancellationToken cancellationToken)
    {
        var user = await currentUser.RequireAsync();
        if (user.IsSupport)
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.ReadOnly);
        }
        if (!string.Equals(request.User, user.Name, StringComparison.Ordinal))
        {
            logger.LogWarning("{Actor} on {Server} tried to set an end on {Account}: refused", user.Name, user.Server, request.User);
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }

        var key = new AccountKey(user.Server, user.Name);
        var now = time.GetUtcNow();
        if (request.EndsAt is { } end && (end <= now || end - now > MaxAhead))
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The end must be in the future and within ten years.");
        }

        var snapshot = accounts.Get(key) ?? await reader.ReadAsync(key, cancellationToken);
        var domain = snapshot.Domains.FirstOrDefault(d => string.Equals(d.Name, request.Domain, StringComparison.Ordinal))
            ?? throw new DashboardAccessException(DashboardAccessException.Reason.UnknownDomain);
        var account = domain.FtpAccounts.FirstOrDefault(a => string.Equals(a.Login, request.Login, StringComparison.Ordinal));
        var expiryKey = new ExpiryKey(key.Server, key.User, domain.Name, request.Login);

        FtpExpiry? stored = null;
        string detail;
        if (request.EndsAt is { } endsAt)
        {
            if (account is null)
            {
                throw new DashboardAccessException(DashboardAccessException.Reason.UnknownLogin);
            }
            var zone = ZoneName(request.Zone);
            stored = new FtpExpiry(expiryKey, FtpFolders.Normalize(account.Folder), endsAt.ToUniversalTime(), zone, user.Name, now);
            await store.SetAsync(stored, cancellationToken);
            detail = AuditDetails.End(stored.EndsAt, zone);
        }
        else
        {
            if (!await store.RemoveAsync(expiryKey, cancellationToken))
            {
                return null;
            }
            detail = AuditDetails.EndRemoved;
        }

        try
        {
            await audit.RecordAsync(new AuditEntry(0, now, user.Name, key.Server, key.User, domain.Name, request.Login,
                AuditActions.SetFtpExpiry, detail, AuditOutcomes.Succeeded), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Activity log entry for the end of {Expiry} could not be written", expiryKey);
        }
        changes.Publish(key);
        return stored;
    }

    /// <summary>An IANA zone this server knows, else "UTC" (the zone is only for showing the end; the instant is what counts).</summary>
    private static string ZoneName(string zone)
    {
        if (string.IsNullOrWhiteSpace(zone) || zone.Length > 64)
        {
            return "UTC";
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone.Trim()).Id;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return "UTC";
        }
    }

    private async Task AuthorizeReadAsync(AccountKey key)
    {
        var user = await currentUser.RequireAsync();
        if (!user.IsSupport && (key.Server != user.Server || key.User != user.Name))
        {
            logger.LogWarning("{Actor} on {ActorServer} tried to read the ends of {Account}: refused", user.Name, user.Server, key);
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
    }
}
