using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Live;

/// <summary>
/// One polling loop per configured HestiaCP server, so out-of-band changes reach open pages within
/// <see cref="LiveOptions.PollInterval"/>. A tick reads only what is watched (<see cref="IWatchRegistry"/>): nothing at all
/// when nobody watches. User state (suspension) comes from one <c>v-list-users</c> or from one <c>v-list-user</c> per
/// watched account, whichever the cost model says is cheaper (always the list while staff watch everything); then one
/// <c>v-list-web-domains</c> per watched account (shared with page reads through <see cref="AccountReader"/>), and for
/// staff a bounded sweep of the other accounts. When a tick needs more calls than the budget allows, the next waits
/// longer. While the server is unreachable, one probe per <see cref="LiveOptions.ProbeInterval"/>.
/// </summary>
public sealed class HestiaPoller : BackgroundService
{
    private readonly AccountReader _reader;
    private readonly IAccountStore _store;
    private readonly IWatchRegistry _registry;
    private readonly IServerHealth _health;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HestiaPoller> _logger;
    private readonly Dictionary<string, TickProbe> _probes;
    private readonly IWatcherLease _lease;

    public HestiaPoller(IHestiaClientProvider clients, AccountReader reader, IAccountStore store, IWatchRegistry registry, IServerHealth health,
        IOptions<LiveOptions> options, TimeProvider time, ILogger<HestiaPoller> logger, IWatcherLease? lease = null)
    {
        _lease = lease ?? SingleInstanceWatcher.Instance;
        _reader = reader;
        _store = store;
        _registry = registry;
        _health = health;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _probes = clients.Servers.ToDictionary(s => s.Name, _ => new TickProbe(), StringComparer.Ordinal);
    }

    /// <summary>How many times the loop of <paramref name="server"/> has woken up. For tests and the benchmark.</summary>
    public long GetTicks(string server) => _probes[server].Ticks;

    /// <summary>
    /// Completes when the loop of <paramref name="server"/> has finished at least <paramref name="minTicks"/> ticks and is
    /// waiting for its next one, so a fake clock can be advanced without racing the loop. For tests and the benchmark.
    /// </summary>
    public Task WaitForIdleAsync(string server, long minTicks, CancellationToken cancellationToken) =>
        _probes[server].WaitAsync(minTicks, cancellationToken);

    /// <summary>
    /// Whether to read users with one <c>v-list-user</c> per watched account rather than one <c>v-list-users</c> listing
    /// <paramref name="knownUsers"/> users (0 when the server was never listed): only while a tick of per-user reads (two
    /// calls per account) fits the call budget of one interval, and then when it costs the panel less time.
    /// </summary>
    public static bool PerUserReadsAreCheaper(LiveOptions options, int watchedAccounts, int knownUsers) =>
        2 * watchedAccounts <= options.CallBudgetPerSecond * options.PollInterval.TotalSeconds
        && watchedAccounts * options.CostPerCall <= options.CostPerCall + knownUsers * options.CostPerListedUser;

    /// <summary>The wait after a tick that made <paramref name="calls"/> calls: the interval, stretched to keep within the budget.</summary>
    public static TimeSpan NextDelay(LiveOptions options, int calls)
    {
        var needed = TimeSpan.FromSeconds(calls / options.CallBudgetPerSecond);
        return needed > options.PollInterval ? needed : options.PollInterval;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_probes.Keys.Select(server => RunAsync(server, stoppingToken)));

    /// <summary>One tick of one server; returns how long to wait before the next. Internal for tests and the benchmark.</summary>
    internal async Task<TimeSpan> TickAsync(string server, CancellationToken cancellationToken)
    {
        if (!_lease.MayPoll(server))
        {
            // Another dashboard instance holds this server's watcher lease and polls for every instance.
            return _options.PollInterval;
        }

        var watched = _registry.WatchedUsers(server);
        var staff = _registry.StaffWatching;
        if (watched.Count == 0 && !staff)
        {
            return _options.PollInterval;
        }

        if (!_health.Get(server).Reachable)
        {
            await ProbeAsync(server, watched, staff, cancellationToken).ConfigureAwait(false);
            return _options.ProbeInterval;
        }

        var calls = 0;
        try
        {
            var knownUsers = _store.GetServer(server).Accounts.Count;
            if (staff || !PerUserReadsAreCheaper(_options, watched.Count, knownUsers))
            {
                await _reader.ReadUserListAsync(server, cancellationToken).ConfigureAwait(false);
                calls++;
            }
            else
            {
                calls += await ForEachAsync(server, watched, user => _reader.ReadUserAsync(new AccountKey(server, user), cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            var reads = watched.Order(StringComparer.Ordinal).ToList();
            if (staff)
            {
                var (changed, stalest) = _store.PlanSweep(server, watched, _options.ChangedReadsPerTick, _options.SweepReadsPerTick);
                reads.AddRange(changed);
                reads.AddRange(stalest);
            }

            calls += await ForEachAsync(server, reads, user => _reader.ReadAsync(new AccountKey(server, user), cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (HestiaException ex)
        {
            // Server health has already been told by the client; the next tick (or probe) tries again.
            _logger.LogWarning("Polling HestiaCP server {Server} failed: {Code}", server, ex.Code);
        }
        catch (ServerUnavailableException)
        {
        }

        // A tick that found the server unreachable is followed by a probe, not a whole interval later.
        var delay = _health.Get(server).Reachable ? NextDelay(_options, calls) : _options.ProbeInterval;
        _health.MarkChecked(server, _time.GetUtcNow() + delay);
        return delay;
    }

    private async Task ProbeAsync(string server, IReadOnlySet<string> watched, bool staff, CancellationToken cancellationToken)
    {
        if (!_health.TryReserveCall(server))
        {
            return;
        }

        try
        {
            if (staff || watched.Count == 0)
            {
                await _reader.ReadUserListAsync(server, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _reader.ReadAsync(new AccountKey(server, watched.Order(StringComparer.Ordinal).First()), cancellationToken, force: true).ConfigureAwait(false);
            }
        }
        catch (HestiaException ex)
        {
            _logger.LogInformation("Probe of HestiaCP server {Server} failed: {Code}", server, ex.Code);
        }

        _health.MarkChecked(server, _time.GetUtcNow() + _options.ProbeInterval);
    }

    /// <summary>
    /// Runs reads with at most <see cref="LiveOptions.ConcurrentReadsPerServer"/> at once, each only while this instance may
    /// poll <paramref name="server"/>; returns how many ran.
    /// </summary>
    private async Task<int> ForEachAsync<T>(string server, IEnumerable<string> users, Func<string, Task<T>> read, CancellationToken cancellationToken)
    {
        var count = 0;
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = _options.ConcurrentReadsPerServer, CancellationToken = cancellationToken },
            async (user, _) =>
            {
                if (!_lease.MayPoll(server))
                {
                    // The watcher lease fenced itself during a long tick: another instance may poll now.
                    return;
                }

                await read(user).ConfigureAwait(false);
                Interlocked.Increment(ref count);
            }).ConfigureAwait(false);
        return count;
    }

    private async Task RunAsync(string server, CancellationToken stoppingToken)
    {
        var probe = _probes[server];
        var delay = _options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Task.Delay(delay, _time, stoppingToken);
            probe.Park();
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var started = _time.GetTimestamp();
            try
            {
                // Ticks start at a fixed rate: the tick's own reads are taken off the wait, so a change is seen within
                // one interval (plus the read that shows it), however long the tick's reads took.
                var next = await TickAsync(server, stoppingToken).ConfigureAwait(false);
                var elapsed = _time.GetElapsedTime(started);
                delay = next > elapsed ? next - elapsed : TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // TickAsync maps every HestiaCP failure to health; this is a last line so one server can never stop the host.
                _logger.LogError(ex, "Poller loop of {Server} failed", server);
                delay = _options.PollInterval;
            }
            finally
            {
                probe.Tick();
            }
        }
    }

    private sealed class TickProbe
    {
        private readonly Lock _gate = new();
        private readonly List<(long MinTicks, TaskCompletionSource Done)> _waiters = [];
        private long _ticks;
        private bool _parked;

        public long Ticks
        {
            get
            {
                lock (_gate)
                {
                    return _ticks;
                }
            }
        }

        public void Tick()
        {
            lock (_gate)
            {
                _ticks++;
                _parked = false;
            }
        }

        public void Park()
        {
            List<TaskCompletionSource> done;
            lock (_gate)
            {
                _parked = true;
                done = _waiters.Where(w => w.MinTicks <= _ticks).Select(w => w.Done).ToList();
                _waiters.RemoveAll(w => w.MinTicks <= _ticks);
            }

            done.ForEach(d => d.TrySetResult());
        }

        public Task WaitAsync(long minTicks, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_parked && _ticks >= minTicks)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((minTicks, done));
                return done.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
