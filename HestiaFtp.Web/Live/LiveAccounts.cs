using System.Collections.Concurrent;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Live;

/// <inheritdoc cref="ILiveAccounts"/>
public sealed class LiveAccounts(
    IHestiaClientProvider clients,
    AccountReader reader,
    IAccountStore store,
    IChangeFeed feed,
    IWatchRegistry registry,
    IServerHealth health,
    IOptions<LiveOptions> options,
    TimeProvider time) : ILiveAccounts
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _overviewReads = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Servers { get; } = [.. clients.Servers.Select(s => s.Name)];

    public IReadOnlyList<LiveEvent> RecentEvents => feed.RecentEvents;

    public Task<AccountSnapshot> GetAsync(AccountKey key, CancellationToken cancellationToken) => reader.ReadAsync(key, cancellationToken);

    public Task<AccountSnapshot> RefreshNowAsync(AccountKey key, CancellationToken cancellationToken) => reader.ReadAsync(key, cancellationToken, force: true);

    public async Task<AccountSnapshot> ReadForOverviewAsync(AccountKey key, CancellationToken cancellationToken)
    {
        RequireServer(key.Server);
        var turn = _overviewReads.GetOrAdd(key.Server, _ => new SemaphoreSlim(options.Value.ConcurrentReadsPerServer));
        await turn.WaitAsync(cancellationToken);
        try
        {
            // Not cancelled once started: the turn is held until the call to HestiaCP ends, so a page that leaves cannot
            // let a third read start beside two still running.
            return await reader.ReadAsync(key, CancellationToken.None);
        }
        finally
        {
            turn.Release();
        }
    }

    public ILiveSubscription Watch(AccountKey key, Func<AccountUpdate, Task> onUpdate)
    {
        RequireServer(key.Server);
        return new WatchedSubscription(feed.Subscribe(key, onUpdate), registry.Register(key));
    }

    public ILiveSubscription WatchAll(Func<LiveEvent, Task> onEvent) =>
        new WatchedSubscription(feed.SubscribeAll(onEvent), registry.Register(null));

    public ServerStatus GetStatus(string server) => health.Get(server);

    public async Task<ServerOverview> GetOverviewAsync(string server, CancellationToken cancellationToken)
    {
        RequireServer(server);
        var (_, listedAt) = store.GetServer(server);
        if (listedAt is null || time.GetUtcNow() - listedAt > options.Value.PollInterval)
        {
            try
            {
                await reader.ReadUserListAsync(server, cancellationToken);
            }
            catch (HestiaException) when (listedAt is not null)
            {
                // Health shows the outage; the overview shows what was last read.
            }
        }

        var (accounts, usersAsOf) = store.GetServer(server);
        return new ServerOverview(health.Get(server), accounts, usersAsOf);
    }

    public async Task<ServerStatus> RefreshNowAsync(string server, CancellationToken cancellationToken)
    {
        RequireServer(server);
        try
        {
            await reader.ReadUserListAsync(server, cancellationToken);
        }
        catch (HestiaException)
        {
            // The status says what happened.
        }

        return health.Get(server);
    }

    private void RequireServer(string server)
    {
        if (!Servers.Contains(server, StringComparer.Ordinal))
        {
            throw new KeyNotFoundException($"No HestiaCP server named '{server}' is configured.");
        }
    }

    /// <summary>A feed subscription and the interest it registers, paused and ended together.</summary>
    private sealed class WatchedSubscription(ILiveSubscription subscription, IWatchRegistration registration) : ILiveSubscription
    {
        public bool IsPaused => subscription.IsPaused;

        public long Missed => subscription.Missed;

        public void Pause()
        {
            registration.IsPaused = true;
            subscription.Pause();
        }

        public void Resume()
        {
            registration.IsPaused = false;
            subscription.Resume();
        }

        public void Dispose()
        {
            registration.Dispose();
            subscription.Dispose();
        }
    }
}
