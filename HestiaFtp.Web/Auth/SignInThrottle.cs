using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// Counts failed sign-ins per account and per client IP in a sliding window. HestiaCP's fail2ban bans an IP after 5
/// failures in 10 minutes; we stop earlier so a guessing client is refused here before HestiaCP sees the attempt.
/// </summary>
public sealed class SignInThrottle(IOptions<DashboardOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public bool IsBlocked(string server, string user, string ip)
    {
        var o = options.Value;
        return Count(AccountKey(server, user)) >= o.MaxFailuresPerAccount || Count(IpKey(ip)) >= o.MaxFailuresPerIp;
    }

    public void RecordFailure(string server, string user, string ip)
    {
        Add(AccountKey(server, user));
        Add(IpKey(ip));
    }

    public void RecordSuccess(string server, string user) => _failures.TryRemove(AccountKey(server, user), out _);

    private static string AccountKey(string server, string user) => $"a:{server}:{user.ToLowerInvariant()}";

    private static string IpKey(string ip) => $"i:{ip}";

    private int Count(string key)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return 0;
        }
        lock (queue)
        {
            Prune(queue);
            return queue.Count;
        }
    }

    private void Add(string key)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Prune(queue);
            queue.Enqueue(time.GetUtcNow());
        }
    }

    private void Prune(Queue<DateTimeOffset> queue)
    {
        var cutoff = time.GetUtcNow() - options.Value.SignInWindow;
        while (queue.Count > 0 && queue.Peek() <= cutoff)
        {
            queue.Dequeue();
        }
    }
}
