namespace HestiaFtp.Core.Hestia;

/// <summary>What a client of one server uses of the shared seams: that server's mutation lock and credentials breaker.</summary>
internal sealed class HestiaServerState(string server, IHestiaMutationLock mutations, IHestiaCredentialsBreaker breaker)
{
    /// <summary>A state of its own (in-process lock and breaker), for a client built alone.</summary>
    public HestiaServerState()
        : this("default", new InProcessMutationLock(), new InProcessCredentialsBreaker())
    {
    }

    public Task<IAsyncDisposable?> TryEnterMutationAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        mutations.TryAcquireAsync(server, maxWait, cancellationToken);

    public bool TryGetOpenBreaker(DateTimeOffset now, out HestiaReturnCode code) => breaker.IsOpen(server, now, out code);

    public void OpenBreaker(HestiaReturnCode code, DateTimeOffset until) => breaker.Open(server, code, until);
}
