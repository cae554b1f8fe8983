using HestiaFtp.Web.Expiry;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// A page's view of one account's ends: reads them, reads them again whenever they change (any tab, the job), and keeps
/// <see cref="Now"/> stepping once a minute with one timer for the whole page, so countdowns move together and only the
/// cards whose text changed render again. Failures to read leave the last ends shown (an end is informative on screen;
/// the job does not depend on it).
/// </summary>
public sealed class PageEnds(IFtpExpiries expiries, TimeProvider time, Func<Action, Task> onChanged) : IAsyncDisposable
{
    private IReadOnlyDictionary<(string Domain, string Login), FtpExpiry> _ends = new Dictionary<(string, string), FtpExpiry>();
    private IDisposable? _subscription;
    private ITimer? _timer;
    private AccountKey? _key;

    /// <summary>The page's "now", moved on by the minute tick.</summary>
    public DateTimeOffset Now { get; private set; } = time.GetUtcNow();

    public int Count => _ends.Count;

    public IEnumerable<FtpExpiry> All => _ends.Values;

    public FtpExpiry? Of(string domain, string login) => _ends.GetValueOrDefault((domain, login));

    public async Task OpenAsync(AccountKey key)
    {
        if (key == _key)
        {
            return;
        }
        _key = key;
        _subscription?.Dispose();
        _subscription = null;
        try
        {
            _ends = Index(await expiries.ListAsync(key, CancellationToken.None));
            _subscription = await expiries.WatchAsync(key, ReloadAsync);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _ends = Index([]);
        }
        _timer ??= time.CreateTimer(_ => _ = onChanged(() => Now = time.GetUtcNow()), null, UntilNextMinute(), TimeSpan.FromMinutes(1));
    }

    private async Task ReloadAsync()
    {
        if (_key is not { } key)
        {
            return;
        }
        var ends = Index(await expiries.ListAsync(key, CancellationToken.None));
        await onChanged(() =>
        {
            _ends = ends;
            Now = time.GetUtcNow();
        });
    }

    private TimeSpan UntilNextMinute()
    {
        var now = time.GetUtcNow();
        return TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerMinute);
    }

    private static Dictionary<(string, string), FtpExpiry> Index(IEnumerable<FtpExpiry> ends) =>
        ends.ToDictionary(e => (e.Key.Domain, e.Key.Login));

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
    }
}
