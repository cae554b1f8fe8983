using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Live;

/// <summary>
/// The one owner of each HestiaCP server's health, fed by every call the dashboard makes (polls, page reads, mutations,
/// sign-ins) through <see cref="IHestiaCallObserver"/>. The first call that fails at the transport marks the server
/// unreachable and every open page of it is told at once; any answer from HestiaCP (even an error or an HTTP 500) is not
/// an outage and clears it. While unreachable, <see cref="TryReserveCall"/> lets one call through per probe interval, so
/// pages do not pile up calls that would only time out. A seam for scale-out (shared health across instances).
/// </summary>
public interface IServerHealth
{
    ServerStatus Get(string server);

    /// <summary>
    /// Whether a read may be sent now: always while the server is reachable; while unreachable, once per
    /// <see cref="LiveOptions.ProbeInterval"/> (the caller that gets true is the probe).
    /// </summary>
    bool TryReserveCall(string server);

    /// <summary>The poller finished a tick: "last checked" moves for staff, and the next check time is shown.</summary>
    void MarkChecked(string server, DateTimeOffset? nextCheck);
}

/// <inheritdoc cref="IServerHealth"/>
public sealed class ServerHealth : IServerHealth, IHestiaCallObserver
{
    private readonly IChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly LiveOptions _options;
    private readonly ILogger<ServerHealth> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _servers;

    public ServerHealth(IOptions<HestiaOptions> hestia, IChangeFeed feed, TimeProvider time, IOptions<LiveOptions> options, ILogger<ServerHealth> logger)
    {
        _feed = feed;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _servers = hestia.Value.Servers.ToDictionary(s => s.Name, s => new Entry(ServerStatus.Initial(s.Name)), StringComparer.Ordinal);
    }

    public ServerStatus Get(string server)
    {
        lock (_gate)
        {
            return Find(server).Status;
        }
    }

    public bool TryReserveCall(string server)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var entry = Find(server);
            if (entry.Status.Reachable)
            {
                return true;
            }

            if (entry.LastProbe is { } last && now - last < _options.ProbeInterval)
            {
                return false;
            }

            entry.LastProbe = now;
            return true;
        }
    }

    public void MarkChecked(string server, DateTimeOffset? nextCheck)
    {
        ServerStatus status;
        lock (_gate)
        {
            var entry = Find(server);
            entry.Status = status = entry.Status with { LastChecked = _time.GetUtcNow(), NextCheck = nextCheck };
        }

        _feed.PublishStatus(status, announce: false);
    }

    public void OnCallCompleted(HestiaCallRecord call)
    {
        var now = _time.GetUtcNow();
        ServerStatus status;
        bool announce;
        lock (_gate)
        {
            if (!_servers.TryGetValue(call.Server, out var entry))
            {
                return;
            }

            var old = entry.Status;
            switch (call.Outcome)
            {
                case HestiaCallOutcome.Answered:
                    status = old with
                    {
                        Reachable = true, UnreachableSince = null, LastSuccess = now, LastError = null, CredentialsRefused = false,
                        ConsecutiveFailures = 0,
                    };
                    announce = !old.Reachable || old.CredentialsRefused;
                    break;
                case HestiaCallOutcome.CredentialsRefused:
                    status = old with
                    {
                        Reachable = false, UnreachableSince = old.UnreachableSince ?? now, LastError = call.Error, CredentialsRefused = true,
                        ConsecutiveFailures = old.ConsecutiveFailures + 1,
                    };
                    announce = !old.CredentialsRefused;
                    break;
                default:
                    status = old with
                    {
                        Reachable = false, UnreachableSince = old.UnreachableSince ?? now, LastError = call.Error,
                        ConsecutiveFailures = old.ConsecutiveFailures + 1,
                    };
                    announce = old.Reachable;
                    if (old.Reachable)
                    {
                        // The call that found the outage counts as the first attempt; a failed probe does not push the
                        // next one back (it was reserved when sent), so probes stay one per interval.
                        entry.LastProbe = now;
                    }
                    break;
            }

            entry.Status = status;
        }

        if (announce)
        {
            _logger.LogWarning("HestiaCP server {Server} is now {State} ({Command}: {Error})", call.Server,
                status.Reachable ? "reachable" : status.CredentialsRefused ? "refusing the dashboard's credentials" : "unreachable",
                call.Command, call.Error ?? "answered");
            _feed.PublishStatus(status, announce: true);
        }
    }

    /// <summary>
    /// Scale-out: another dashboard instance's view of a server, taken over without a call or an announcement of this
    /// instance's own (the change feed delivers it to this instance's pages). An announced status replaces ours; a
    /// poller's "checked" only moves the last and next check times.
    /// </summary>
    public void Adopt(ServerStatus status, bool announced)
    {
        lock (_gate)
        {
            if (_servers.TryGetValue(status.Server, out var entry))
            {
                if (announced && entry.Status.Reachable && !status.Reachable)
                {
                    // The other instance's call that found the outage was this interval's probe for all of them.
                    entry.LastProbe = _time.GetUtcNow();
                }

                entry.Status = announced ? status : entry.Status with { LastChecked = status.LastChecked, NextCheck = status.NextCheck };
            }
        }
    }

    private Entry Find(string server) =>
        _servers.TryGetValue(server, out var entry)
            ? entry
            : throw new KeyNotFoundException($"No HestiaCP server named '{server}' is configured.");

    private sealed class Entry(ServerStatus status)
    {
        public ServerStatus Status { get; set; } = status;

        public DateTimeOffset? LastProbe { get; set; }
    }
}
