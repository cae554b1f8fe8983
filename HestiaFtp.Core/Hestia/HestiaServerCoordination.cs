namespace HestiaFtp.Core.Hestia;

/// <summary>
/// The per-server lock that serializes mutations: HestiaCP has no locking of its own, and two concurrent FTP changes
/// rewrite the same <c>web.conf</c> line and <c>sshd_config</c> and lose one update. A seam for scale-out: several
/// dashboard instances must share one lock per server (the in-process one is <see cref="InProcessMutationLock"/>).
/// </summary>
public interface IHestiaMutationLock
{
    /// <summary>
    /// Waits in arrival order for <paramref name="server"/>'s lock, at most <paramref name="maxWait"/>; the handle releases
    /// it. Null when the wait ran out (nothing may be sent then).
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string server, TimeSpan maxWait, CancellationToken cancellationToken);
}

/// <summary>
/// The credentials breaker: after HestiaCP refused the dashboard's own API credentials (exit 9, 10, 21), no call goes to
/// that server for a while, because fail2ban bans the dashboard's address after 5 failures. There is one breaker per
/// server for the whole dashboard (the client's); a seam so several instances can share it and cannot add up to a ban.
/// </summary>
public interface IHestiaCredentialsBreaker
{
    /// <summary>True while the breaker of <paramref name="server"/> is open; <paramref name="code"/> is the refusal.</summary>
    bool IsOpen(string server, DateTimeOffset now, out HestiaReturnCode code);

    void Open(string server, HestiaReturnCode code, DateTimeOffset until);
}

/// <inheritdoc cref="IHestiaMutationLock"/>
public sealed class InProcessMutationLock : IHestiaMutationLock
{
    private readonly Dictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string server, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            if (!_locks.TryGetValue(server, out gate!))
            {
                _locks[server] = gate = new SemaphoreSlim(1, 1);
            }
        }

        return await gate.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false) ? new Held(gate) : null;
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <inheritdoc cref="IHestiaCredentialsBreaker"/>
public sealed class InProcessCredentialsBreaker : IHestiaCredentialsBreaker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (HestiaReturnCode Code, DateTimeOffset Until)> _open = new(StringComparer.Ordinal);

    public bool IsOpen(string server, DateTimeOffset now, out HestiaReturnCode code)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(server, out var entry) && now < entry.Until)
            {
                code = entry.Code;
                return true;
            }

            code = default;
            return false;
        }
    }

    public void Open(string server, HestiaReturnCode code, DateTimeOffset until)
    {
        lock (_gate)
        {
            _open[server] = (code, until);
        }
    }
}
