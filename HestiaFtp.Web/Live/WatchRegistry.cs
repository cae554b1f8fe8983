namespace HestiaFtp.Web.Live;

/// <summary>
/// Which accounts open pages watch, and whether staff watch everything: what the poller reads each tick. A seam for
/// scale-out: a distributed registry (Redis with heartbeats) tells one poller what the pages of every instance watch.
/// The in-process implementation is <see cref="InProcessWatchRegistry"/>.
/// </summary>
public interface IWatchRegistry
{
    /// <summary>Registers interest in one account (<paramref name="key"/>) or, with null, staff interest in every account.</summary>
    IWatchRegistration Register(AccountKey? key);

    /// <summary>The users of <paramref name="server"/> with at least one active (unpaused) registration.</summary>
    IReadOnlySet<string> WatchedUsers(string server);

    /// <summary>Whether at least one active staff registration exists.</summary>
    bool StaffWatching { get; }
}

/// <summary>One page's interest. Paused interest does not count; dispose to end it.</summary>
public interface IWatchRegistration : IDisposable
{
    bool IsPaused { get; set; }
}

/// <inheritdoc cref="IWatchRegistry"/>
public sealed class InProcessWatchRegistry : IWatchRegistry
{
    private readonly Lock _gate = new();
    private readonly List<Registration> _registrations = [];

    public bool StaffWatching
    {
        get
        {
            lock (_gate)
            {
                return _registrations.Any(r => r.Key is null && !r.IsPaused);
            }
        }
    }

    public IWatchRegistration Register(AccountKey? key)
    {
        var registration = new Registration(this, key);
        lock (_gate)
        {
            _registrations.Add(registration);
        }

        return registration;
    }

    public IReadOnlySet<string> WatchedUsers(string server)
    {
        lock (_gate)
        {
            return _registrations
                .Where(r => r.Key is not null && !r.IsPaused && string.Equals(r.Key.Server, server, StringComparison.Ordinal))
                .Select(r => r.Key!.User)
                .ToHashSet(StringComparer.Ordinal);
        }
    }

    private void Remove(Registration registration)
    {
        lock (_gate)
        {
            _registrations.Remove(registration);
        }
    }

    private sealed class Registration(InProcessWatchRegistry owner, AccountKey? key) : IWatchRegistration
    {
        private volatile bool _paused;
        private int _disposed;

        public AccountKey? Key { get; } = key;

        public bool IsPaused
        {
            get => _paused;
            set => _paused = value;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
