namespace HestiaFtp.Core.Hestia;

/// <summary>
/// What every client of one HestiaCP server shares: the gate that serializes mutations (HestiaCP has no locking and
/// rewrites whole colon lists and sshd_config), and the credentials breaker that stops calls after an authentication
/// failure (fail2ban bans the dashboard's IP after 5).
/// </summary>
internal sealed class HestiaServerState
{
    private readonly Lock _lock = new();
    private DateTimeOffset _refusedUntil;
    private HestiaReturnCode _refusedCode;

    public SemaphoreSlim MutationGate { get; } = new(1, 1);

    public bool TryGetOpenBreaker(DateTimeOffset now, out HestiaReturnCode code)
    {
        lock (_lock)
        {
            code = _refusedCode;
            return now < _refusedUntil;
        }
    }

    public void OpenBreaker(HestiaReturnCode code, DateTimeOffset until)
    {
        lock (_lock)
        {
            _refusedCode = code;
            _refusedUntil = until;
        }
    }
}
