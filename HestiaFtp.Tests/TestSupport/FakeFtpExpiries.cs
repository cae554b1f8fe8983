using HestiaFtp.Web.Expiry;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// An in-memory <see cref="IFtpExpiries"/> for component tests: keeps the ends set, records each call, and tells the
/// watchers like the real change notices. Authorization is tested against the real <see cref="FtpExpiries"/>.
/// </summary>
public sealed class FakeFtpExpiries(TimeProvider time) : IFtpExpiries
{
    private readonly List<Func<Task>> _watchers = [];

    public Dictionary<(string Domain, string Login), FtpExpiry> Ends { get; } = [];

    public List<SetFtpExpiryRequest> Sets { get; } = [];

    /// <summary>The next set fails with this.</summary>
    public Exception? NextFailure { get; set; }

    public string Server { get; set; } = "demo";

    public Task<IReadOnlyList<FtpExpiry>> ListAsync(AccountKey key, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FtpExpiry>>(Ends.Values.OrderBy(e => e.EndsAt).ToList());

    public Task<IReadOnlyList<FtpExpiry>> ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FtpExpiry>>(Ends.Values.OrderBy(e => e.EndsAt).ToList());

    public Task<IDisposable> WatchAsync(AccountKey? key, Func<Task> onChange)
    {
        _watchers.Add(onChange);
        return Task.FromResult<IDisposable>(new Unwatch(() => _watchers.Remove(onChange)));
    }

    public async Task<FtpExpiry?> SetAsync(SetFtpExpiryRequest request, CancellationToken cancellationToken)
    {
        Sets.Add(request);
        if (NextFailure is { } failure)
        {
            NextFailure = null;
            throw failure;
        }
        FtpExpiry? stored = null;
        if (request.EndsAt is { } endsAt)
        {
            stored = new FtpExpiry(new ExpiryKey(Server, request.User, request.Domain, request.Login), "", endsAt, request.Zone, request.User, time.GetUtcNow());
            Ends[(request.Domain, request.Login)] = stored;
        }
        else
        {
            Ends.Remove((request.Domain, request.Login));
        }
        await NotifyAsync();
        return stored;
    }

    /// <summary>Adds an end directly (as if set earlier or in another tab) and tells the watchers.</summary>
    public Task AddAsync(string user, string domain, string login, DateTimeOffset endsAt, string? problem = null)
    {
        Ends[(domain, login)] = new FtpExpiry(new ExpiryKey(Server, user, domain, login), "", endsAt, "UTC", user, time.GetUtcNow(), problem);
        return NotifyAsync();
    }

    public async Task NotifyAsync()
    {
        foreach (var watcher in _watchers.ToList())
        {
            await watcher();
        }
    }

    private sealed class Unwatch(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
