using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// What the pages of every instance watch, so the one watcher of a server (the lease holder) polls for all of them. Each
/// instance keeps its own registrations in process and writes them to Redis on every heartbeat (one key per instance that
/// expires when the instance stops beating); the heartbeat also reads what the others watch. While Redis is unreachable
/// only this instance's own registrations count.
/// </summary>
public sealed class RedisWatchRegistry : IWatchRegistry
{
    private readonly InProcessWatchRegistry _local = new();
    private readonly RedisConnection _redis;
    private readonly RedisOptions _options;
    private readonly IReadOnlyList<string> _servers;
    private volatile Watched _others = Watched.None;

    public RedisWatchRegistry(RedisConnection redis, IOptions<RedisOptions> options, IOptions<HestiaOptions> hestia)
    {
        _redis = redis;
        _options = options.Value;
        _servers = hestia.Value.Servers.Select(s => s.Name).ToList();
    }

    public bool StaffWatching => _local.StaffWatching || (_redis.Available && _others.Staff);

    public IWatchRegistration Register(AccountKey? key) => _local.Register(key);

    public IReadOnlySet<string> WatchedUsers(string server)
    {
        var own = _local.WatchedUsers(server);
        if (!_redis.Available || !_others.Users.TryGetValue(server, out var others) || others.Count == 0)
        {
            return own;
        }

        var all = new HashSet<string>(own, StringComparer.Ordinal);
        all.UnionWith(others);
        return all;
    }

    /// <summary>What this instance's own pages watch (to re-read after a reconnect, and to tell the others).</summary>
    public Watched Own() =>
        new(_servers.ToDictionary(s => s, s => (IReadOnlyCollection<string>)_local.WatchedUsers(s).ToList(), StringComparer.Ordinal), _local.StaffWatching);

    /// <summary>
    /// One heartbeat: writes this instance's registrations (expiring after three heartbeats) and reads every other live
    /// instance's. Instances whose key expired are dropped from the index.
    /// </summary>
    public async Task HeartbeatAsync()
    {
        var database = _redis.Database;
        var index = _redis.Key("watchers");
        var ttl = 3 * _options.WatchHeartbeat;
        await database.StringSetAsync(_redis.Key("watch:" + _redis.InstanceId), ScaleOutJson.Serialize(Own()), ttl).ConfigureAwait(false);
        await database.SetAddAsync(index, _redis.InstanceId).ConfigureAwait(false);

        var instances = (await database.SetMembersAsync(index).ConfigureAwait(false))
            .Select(v => v.ToString())
            .Where(id => !string.Equals(id, _redis.InstanceId, StringComparison.Ordinal))
            .ToList();
        var values = await database.StringGetAsync(instances.Select(id => _redis.Key("watch:" + id)).ToArray()).ConfigureAwait(false);
        var users = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var staff = false;
        for (var i = 0; i < instances.Count; i++)
        {
            if (values[i].IsNull)
            {
                await database.SetRemoveAsync(index, instances[i]).ConfigureAwait(false);
                continue;
            }

            var watched = ScaleOutJson.Deserialize<Watched>(values[i].ToString());
            if (watched is null)
            {
                continue;
            }

            staff |= watched.Staff;
            foreach (var (server, names) in watched.Users)
            {
                if (!users.TryGetValue(server, out var set))
                {
                    users[server] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(names);
            }
        }

        _others = new Watched(users.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)p.Value, StringComparer.Ordinal), staff);
    }

    /// <summary>Leaves the index at shutdown, so the watcher stops polling for this instance's pages at once.</summary>
    public async Task LeaveAsync()
    {
        await _redis.Database.KeyDeleteAsync(_redis.Key("watch:" + _redis.InstanceId)).ConfigureAwait(false);
        await _redis.Database.SetRemoveAsync(_redis.Key("watchers"), _redis.InstanceId).ConfigureAwait(false);
    }

    /// <summary>Watched users per server, and whether staff watch everything.</summary>
    public sealed record Watched(IReadOnlyDictionary<string, IReadOnlyCollection<string>> Users, bool Staff)
    {
        public static Watched None { get; } = new(new Dictionary<string, IReadOnlyCollection<string>>(), false);
    }
}
