namespace HestiaFtp.Web.Dashboard;

/// <summary>
/// Which servers have a change in flight that a person made (through <see cref="FtpDashboard"/>), so background work (the
/// expiry job) can let it go first: <see cref="WhenIdleAsync"/> waits until no person's change runs on that server.
/// In-process; with several instances, each instance's own changes go first there, and the per-server mutation lock
/// still serializes everything.
/// </summary>
public sealed class InteractiveMutations
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Count, TaskCompletionSource Idle)> _servers = new(StringComparer.Ordinal);

    /// <summary>Marks a person's change on <paramref name="server"/> as running until the handle is disposed.</summary>
    public IDisposable Enter(string server)
    {
        lock (_gate)
        {
            _servers[server] = _servers.TryGetValue(server, out var entry)
                ? (entry.Count + 1, entry.Idle)
                : (1, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        return new Handle(this, server);
    }

    /// <summary>Completes when no person's change runs on <paramref name="server"/> (at once when none does).</summary>
    public Task WhenIdleAsync(string server, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _servers.TryGetValue(server, out var entry) ? entry.Idle.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
        }
    }

    private void Exit(string server)
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            var entry = _servers[server];
            if (entry.Count == 1)
            {
                _servers.Remove(server);
                idle = entry.Idle;
            }
            else
            {
                _servers[server] = (entry.Count - 1, entry.Idle);
            }
        }
        idle?.TrySetResult();
    }

    private sealed class Handle(InteractiveMutations owner, string server) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Exit(server);
            }
        }
    }
}
