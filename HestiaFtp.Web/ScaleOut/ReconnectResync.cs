using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// Pub/sub drops what is published while an instance is disconnected, so when Redis is back this instance re-reads what its
/// own pages watch (forced reads through <see cref="AccountReader"/>: a recent read may be older than what was missed; the
/// reader applies them and tells the pages what changed), and the
/// user lists of the servers while staff watch everything.
/// </summary>
public sealed class ReconnectResync(RedisConnection redis, RedisWatchRegistry registry, AccountReader reader, ILogger<ReconnectResync> logger) : IHostedService
{
    private int _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.Restored += OnRestored;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Restored -= OnRestored;
        return Task.CompletedTask;
    }

    /// <summary>Re-reads what this instance's pages watch. Public for tests.</summary>
    public async Task ResyncAsync()
    {
        var own = registry.Own();
        var reads = new List<Task>();
        foreach (var (server, users) in own.Users)
        {
            reads.AddRange(users.Select(user => reader.ReadAsync(new AccountKey(server, user), CancellationToken.None, force: true)));
            if (own.Staff)
            {
                reads.Add(reader.ReadUserListAsync(server, CancellationToken.None));
            }
        }

        try
        {
            await Task.WhenAll(reads).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Server health has been told by the client; the poller's next tick reads again.
            logger.LogWarning("Re-reading after the Redis outage failed for some accounts: {Error}", ex.GetType().Name);
        }

        logger.LogInformation("Re-read {Count} watched account(s) after Redis came back", reads.Count);
    }

    private void OnRestored()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await ResyncAsync().ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Exchange(ref _running, 0);
            }
        });
    }
}
