using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// The state of "a page that watches an account", shared by the FTP accounts page and the domain page: it subscribes to the
/// account's live updates before reading it (so nothing between the read and the subscription is missed), keeps the
/// snapshot, the server status and links, announces and highlights changes (in the reader's language, through
/// <see cref="ChangeTexts"/>), and runs "Retry now" / "Refresh now" with visible progress. Pages never reload themselves
/// after a dialog: the mutation's read-back reaches them through the feed.
/// </summary>
public sealed class AccountWatch : IAsyncDisposable
{
    private static readonly TimeSpan HighlightDuration = TimeSpan.FromSeconds(3);

    private readonly IFtpDashboard _dashboard;
    private readonly IStringLocalizer<Strings> _l;
    private readonly TimeProvider _time;
    private readonly Func<ReaderZone> _zone;
    private readonly Func<Func<Task>, Task> _invoke;
    private readonly Func<AccountChange, bool> _relevant;
    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<string> _highlighted = new(StringComparer.Ordinal);
    private ILiveSubscription? _subscription;

    /// <param name="invoke">The page's <c>InvokeAsync</c> wrapped around its <c>StateHasChanged</c>: runs an update on the circuit and renders.</param>
    /// <param name="relevant">Which changes this page announces and highlights (the domain page: its own domain's).</param>
    /// <param name="zone">The reader's time zone for the times it words (UTC when not given).</param>
    public AccountWatch(IFtpDashboard dashboard, IStringLocalizer<Strings> l, TimeProvider time, Func<Func<Task>, Task> invoke,
        Func<AccountChange, bool>? relevant = null, Func<ReaderZone>? zone = null)
    {
        _zone = zone ?? (() => ReaderZone.Utc);
        _dashboard = dashboard;
        _l = l;
        _time = time;
        _invoke = invoke;
        _relevant = relevant ?? (_ => true);
    }

    public AccountKey? Key { get; private set; }

    public AccountSnapshot? Snapshot { get; private set; }

    public ServerStatus? Status { get; private set; }

    public ServerLinks? Links { get; private set; }

    /// <summary>Why the account could not be read (shown when there is no snapshot to show).</summary>
    public string? LoadError { get; private set; }

    /// <summary>The last changes in words, for an <c>aria-live</c> region.</summary>
    public string Announcement { get; private set; } = "";

    /// <summary>"Refresh now" / "Retry now" is reading.</summary>
    public bool Refreshing { get; private set; }

    /// <summary>What the last "Refresh now" came to, in words; null before the first.</summary>
    public string? RefreshMessage { get; private set; }

    public bool IsUnreachable => Status is { Reachable: false };

    /// <summary>Logins changed in the last few seconds (highlighted).</summary>
    public IReadOnlySet<string> Highlighted => _highlighted;

    /// <summary>Counts every snapshot or status the page received; card models use it to rebuild only on change.</summary>
    public long Version { get; private set; }

    /// <summary>Watches <paramref name="key"/> (subscribing first) and reads it; errors end in <see cref="LoadError"/>.</summary>
    public async Task OpenAsync(AccountKey key)
    {
        _subscription?.Dispose();
        _subscription = null;
        Key = key;
        Snapshot = null;
        LoadError = null;
        Version++;
        try
        {
            Links = await _dashboard.GetLinksAsync(key.Server);
            _subscription = await _dashboard.WatchAsync(key, update => _invoke(() => ApplyAsync(update)));
            Snapshot = await _dashboard.LoadAsync(key, _disposed.Token);
        }
        catch (Exception ex) when (!_disposed.IsCancellationRequested)
        {
            LoadError = LoadFailed(ex);
        }
        Status = await StatusOrNullAsync(key.Server) ?? Status;
        Version++;
    }

    /// <summary>"Refresh now" / "Retry now": reads at once, even while the server is marked unreachable, and says what came of it.</summary>
    public async Task RefreshAsync(Action rendered)
    {
        if (Key is not { } key || Refreshing)
        {
            return;
        }
        Refreshing = true;
        RefreshMessage = null;
        rendered();
        try
        {
            Snapshot = await _dashboard.RefreshAsync(key, _disposed.Token);
            LoadError = null;
            Status = await StatusOrNullAsync(key.Server) ?? Status;
            RefreshMessage = Status is { Reachable: false }
                ? _l["Live.RefreshFailed", TimeText.Clock(_time.GetUtcNow(), _zone())]
                : _l["Live.RefreshDone", TimeText.Clock(Snapshot.AsOf, _zone())];
        }
        catch (Exception ex) when (!_disposed.IsCancellationRequested)
        {
            RefreshMessage = _l["Live.RefreshFailedBecause", DashboardErrors.Describe(ex, _l).Message];
            if (Snapshot is null)
            {
                // Nothing was ever shown: the load error is where the page says what happened (the refresh result has no place yet).
                LoadError = LoadFailed(ex);
            }
            Status = await StatusOrNullAsync(key.Server) ?? Status;
        }
        finally
        {
            Refreshing = false;
            Version++;
        }
    }

    private string LoadFailed(Exception ex) => $"{_l["Accounts.LoadFailed"]} {DashboardErrors.Describe(ex, _l).Message}";

    private async Task<ServerStatus?> StatusOrNullAsync(string server)
    {
        try
        {
            return await _dashboard.GetStatusAsync(server);
        }
        catch (Exception) when (!_disposed.IsCancellationRequested)
        {
            return null;
        }
    }

    private Task ApplyAsync(AccountUpdate update)
    {
        if (update.Key != Key)
        {
            return Task.CompletedTask;
        }
        Status = update.Status;
        if (update.Snapshot is not null)
        {
            Snapshot = update.Snapshot;
            LoadError = null;
        }
        var mine = update.Changes.Where(_relevant).ToList();
        if (mine.Count > 0)
        {
            Announcement = string.Join(" ", mine.Select(c => ChangeTexts.Describe(c, _l)));
            var logins = mine.Where(c => c.Login is not null).Select(c => c.Login!).Distinct(StringComparer.Ordinal).ToList();
            foreach (var login in logins)
            {
                _highlighted.Add(login);
            }
            _ = ClearHighlightsLaterAsync(logins);
        }
        Version++;
        return Task.CompletedTask;
    }

    private async Task ClearHighlightsLaterAsync(IReadOnlyList<string> logins)
    {
        if (logins.Count == 0)
        {
            return;
        }
        try
        {
            await Task.Delay(HighlightDuration, _time, _disposed.Token);
            await _invoke(() =>
            {
                foreach (var login in logins)
                {
                    _highlighted.Remove(login);
                }
                Version++;
                return Task.CompletedTask;
            });
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }
}
