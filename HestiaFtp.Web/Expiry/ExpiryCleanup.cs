using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Expiry;

/// <summary>
/// Drops ends whose account a read showed gone: whenever any read (a page, the poller, a mutation's read-back, the job)
/// finds an FTP account, its domain or its user removed, the live feed says so and the matching ends are removed. HestiaCP
/// has no rename, so a login seen gone and later seen again is a new account, which must not inherit the old end.
/// </summary>
public sealed class ExpiryCleanup(IChangeFeed feed, IExpiryStore expiries, ExpiryChanges changes, ILogger<ExpiryCleanup> logger) : IHostedService
{
    private ILiveSubscription? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.SubscribeAll(OnEventAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Handles one live event (public for tests that drive it without a host).</summary>
    public async Task OnEventAsync(LiveEvent item)
    {
        if (item.Change is not { } change || change.Kind is not (ChangeKind.FtpRemoved or ChangeKind.DomainRemoved or ChangeKind.UserRemoved))
        {
            return;
        }
        try
        {
            var key = change.Key;
            var gone = (await expiries.ListAsync(key.Server, key.User, CancellationToken.None).ConfigureAwait(false))
                .Where(e => change.Kind switch
                {
                    ChangeKind.FtpRemoved => e.Key.Domain == change.Domain && e.Key.Login == change.Login,
                    ChangeKind.DomainRemoved => e.Key.Domain == change.Domain,
                    _ => true,
                })
                .ToList();
            foreach (var end in gone)
            {
                await expiries.RemoveAsync(end.Key, CancellationToken.None).ConfigureAwait(false);
                logger.LogInformation("End of {Expiry} dropped: a read shows the account gone ({Kind})", end.Key, change.Kind);
            }
            if (gone.Count > 0)
            {
                changes.Publish(key);
            }
        }
        catch (Exception ex)
        {
            // The job drops such an end itself when it reads the domain at the end.
            logger.LogWarning(ex, "Could not drop the ends of {Account} after {Kind}", change.Key, change.Kind);
        }
    }
}
