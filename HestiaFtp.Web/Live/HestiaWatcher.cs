using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Live;

/// <summary>
/// One polling loop per configured HestiaCP server, shared by every circuit. Each loop wakes every
/// <see cref="LiveOptions.PollInterval"/> and polls only when someone watches (otherwise it makes no call at all).
/// After a connection failure or an unexpected answer it backs off (BackoffBase, doubled per failure, up to MaxBackoff)
/// and recovers by itself; after an authentication failure (exit 9/10/21) it stops calling the server until
/// <see cref="ILiveAccounts.RefreshNowAsync"/> succeeds, because fail2ban counts every refused call.
/// </summary>
public sealed class HestiaWatcher : BackgroundService
{
    private readonly LiveAccounts _live;
    private readonly TimeProvider _time;
    private readonly ILogger<HestiaWatcher> _logger;
    private readonly Dictionary<string, TickProbe> _probes;

    public HestiaWatcher(LiveAccounts live, TimeProvider time, ILogger<HestiaWatcher> logger)
    {
        _live = live;
        _time = time;
        _logger = logger;
        _probes = live.Servers.ToDictionary(s => s, _ => new TickProbe(), StringComparer.Ordinal);
    }

    /// <summary>How many times the loop of <paramref name="server"/> has woken up (polled or found nobody watching). For tests and the benchmark.</summary>
    public long GetTicks(string server) => _probes[server].Ticks;

    /// <summary>
    /// Completes when the loop of <paramref name="server"/> has finished at least <paramref name="minTicks"/> ticks and is
    /// waiting for its next one, so a fake clock can be advanced without racing the loop. For tests and the benchmark.
    /// </summary>
    public Task WaitForIdleAsync(string server, long minTicks, CancellationToken cancellationToken) =>
        _probes[server].WaitAsync(minTicks, cancellationToken);

    /// <summary>The wait before the next poll after <paramref name="failures"/> consecutive failures.</summary>
    public static TimeSpan Backoff(LiveOptions options, int failures)
    {
        if (failures <= 0)
        {
            return options.PollInterval;
        }

        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(options.BackoffBase.Ticks * factor, options.MaxBackoff.Ticks));
        return wait < options.PollInterval ? options.PollInterval : wait;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_live.Servers.Select(server => RunAsync(server, stoppingToken)));

    private async Task RunAsync(string server, CancellationToken stoppingToken)
    {
        var probe = _probes[server];
        var delay = _live.Options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            _live.SetNextCheck(server, _time.GetUtcNow() + delay);
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

            try
            {
                await _live.PollAsync(server, force: false, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // PollAsync maps every failure to a status; this is a last line so one server can never stop the host.
                _logger.LogError(ex, "Watcher loop of {Server} failed", server);
            }
            finally
            {
                probe.Tick();
            }

            delay = Backoff(_live.Options, _live.GetStatus(server).ConsecutiveFailures);
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
