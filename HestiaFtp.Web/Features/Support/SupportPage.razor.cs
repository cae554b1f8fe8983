using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Web.Features.Support;

/// <summary>
/// Staff overview of every account of every configured server, live. Read-only towards HestiaCP by construction: it only
/// reads from <see cref="ILiveAccounts"/> (overviews, status, recent events) and asks for a poll; it calls nothing that
/// changes HestiaCP. The one action, ending an account's dashboard sessions, goes through <see cref="IAccountSessions"/>.
/// </summary>
public partial class SupportPage
{
    private const int MaxEvents = 200;

    private readonly List<ServerState> _servers = [];
    private readonly List<LiveEvent> _events = [];
    private readonly HashSet<AccountKey> _expanded = [];
    private readonly CancellationTokenSource _cts = new();
    private List<SupportRow> _rows = [];
    private List<AccountKey> _accountKeys = [];
    private int _allCount;
    private ILiveSubscription? _subscription;
    private ITimer? _missedTimer;
    private bool _loading = true;
    private bool _denied;
    private bool _paused;
    private bool _disposed;
    private long _missedAtPause;
    private long _ignoredWhilePaused;
    private string _filter = "";
    private bool _suspendedOnly;
    private bool _problemsOnly;
    private string _announcement = "";
    private MudTable<SupportRow>? _table;

    /// <summary>Accounts this page asked to read for their FTP counts (asked once; the poller's sweep reads them later too).</summary>
    private readonly HashSet<AccountKey> _requested = [];

    /// <summary>Of those, the reads still running.</summary>
    private readonly HashSet<AccountKey> _reading = [];

    [Inject]
    private ReaderTimeZone ReaderTimeZone { get; set; } = default!;

    [Inject]
    private ILiveAccounts Live { get; set; } = default!;

    [Inject]
    private CurrentUser CurrentUser { get; set; } = default!;

    [Inject]
    private IAccountSessions AccountSessions { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Strings> L { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<SupportPage> Logger { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private long MissedCount => (_subscription is null ? 0 : Math.Max(0, _subscription.Missed - _missedAtPause)) + _ignoredWhilePaused;

    protected override async Task OnInitializedAsync()
    {
        // The router already refuses customers ([Authorize(Roles = "Support")]); this second check keeps staff-only data
        // out of any other way the page might be rendered.
        var user = await CurrentUser.GetAsync();
        if (user is not { IsSupport: true })
        {
            _denied = true;
            _loading = false;
            return;
        }

        foreach (var server in Live.Servers)
        {
            _servers.Add(new ServerState(server, Live.GetStatus(server)));
        }

        _subscription = Live.WatchAll(OnLiveEventAsync);
        MergeEvents(Live.RecentEvents);
        await Task.WhenAll(_servers.Select(LoadAsync));
        _loading = false;
        RebuildRows();
    }

    private Task OnLiveEventAsync(LiveEvent e) => InvokeAsync(() =>
    {
        if (_disposed)
        {
            return;
        }

        if (_paused)
        {
            // Delivered just before the pause took effect: counted, shown after resume through the reload.
            _ignoredWhilePaused++;
            StateHasChanged();
            return;
        }

        var server = _servers.Find(s => s.Name == e.Server);
        if (e.Status is { } status && server is not null)
        {
            server.Status = status;
        }

        if (e.Kind != LiveEventKind.Checked)
        {
            MergeEvents([e]);
            _announcement = EventTexts.Describe(e, L, ReaderTimeZone.Current);
        }

        StateHasChanged();
        if (server is not null)
        {
            _ = ReloadAsync(server);
        }
    });

    /// <summary>Reads a server's overview, coalescing bursts: while a read runs, further requests make one more read.</summary>
    private async Task ReloadAsync(ServerState server)
    {
        if (server.Loading)
        {
            server.ReloadQueued = true;
            return;
        }

        await LoadAsync(server);
        RebuildRows();
        StateHasChanged();
    }

    private async Task LoadAsync(ServerState server)
    {
        server.Loading = true;
        try
        {
            do
            {
                server.ReloadQueued = false;
                try
                {
                    var overview = await Live.GetOverviewAsync(server.Name, _cts.Token);
                    server.Overview = overview;
                    server.Status = overview.Status;
                    server.Error = null;
                }
                catch (OperationCanceledException) when (_cts.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Logger.LogWarning(ex, "Support overview of server {Server} could not be read", server.Name);
                    server.Error = DashboardErrors.Describe(ex, L).Message;
                    server.Status = Live.GetStatus(server.Name);
                }
            }
            while (server.ReloadQueued && !_disposed);
        }
        finally
        {
            server.Loading = false;
        }
    }

    private async Task RefreshNowAsync(ServerState server)
    {
        server.Refreshing = true;
        server.Error = null;
        try
        {
            server.Status = await Live.RefreshNowAsync(server.Name, _cts.Token);
            _announcement = L["Support.Server.Checked", server.Name];
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // Keep the error in view: a reload now would only show the cached list and hide why the check failed.
            Logger.LogWarning(ex, "Refresh of server {Server} failed", server.Name);
            server.Error = DashboardErrors.Describe(ex, L).Message;
            server.Status = Live.GetStatus(server.Name);
            _announcement = server.Error;
            return;
        }
        finally
        {
            server.Refreshing = false;
        }

        await ReloadAsync(server);
    }

    private async Task SetPausedAsync(bool paused)
    {
        if (_subscription is null || paused == _paused)
        {
            return;
        }

        if (paused)
        {
            _missedAtPause = _subscription.Missed;
            _ignoredWhilePaused = 0;
            _subscription.Pause();
            _paused = true;
            // Nothing arrives while paused, so the "N updates missed" count is re-read now and then.
            _missedTimer = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
            _announcement = L["Support.Live.PausedAnnouncement"];
            return;
        }

        _missedTimer?.Dispose();
        _missedTimer = null;
        _subscription.Resume();
        _paused = false;
        _ignoredWhilePaused = 0;
        _announcement = L["Support.Live.ResumedAnnouncement"];
        MergeEvents(Live.RecentEvents);
        foreach (var server in _servers)
        {
            server.Status = Live.GetStatus(server.Name);
        }

        await Task.WhenAll(_servers.Select(ReloadAsync));
    }

    private void MergeEvents(IEnumerable<LiveEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Kind != LiveEventKind.Checked && !_events.Contains(e))
            {
                _events.Add(e);
            }
        }

        _events.Sort((a, b) => b.At.CompareTo(a.At));
        if (_events.Count > MaxEvents)
        {
            _events.RemoveRange(MaxEvents, _events.Count - MaxEvents);
        }
    }

    private void RebuildRows()
    {
        // What needs attention first: suspended users, then suspended domains, then logins or changes that do not work.
        var all = _servers.Where(s => s.Overview is not null).SelectMany(s => s.Overview!.Accounts.Select(a => new SupportRow(a)))
            .OrderBy(r => r.AttentionRank)
            .ThenBy(r => r.User, StringComparer.Ordinal)
            .ThenBy(r => r.Server, StringComparer.Ordinal)
            .ToList();
        _allCount = all.Count;
        _accountKeys = all.Select(r => r.Key).ToList();
        _rows = all.Where(r => (!_suspendedOnly || r.IsSuspended) && (!_problemsOnly || r.HasProblem) && r.Matches(_filter)).ToList();
    }

    protected override void OnAfterRender(bool firstRender) => ReadVisibleCounts();

    private void VisibleRowsChanged(int _) => ReadVisibleCounts();

    /// <summary>
    /// The rows on screen whose domains were never listed get read now, in the order shown, through the shared store (which
    /// runs at most <see cref="LiveOptions.ConcurrentReadsPerServer"/> reads per server at once); rows further down wait for
    /// their page or for the poller's sweep.
    /// </summary>
    private void ReadVisibleCounts()
    {
        if (_table is null || _disposed || _paused)
        {
            return;
        }

        var visible = _table.FilteredItems.Skip(_table.CurrentPage * _table.RowsPerPage).Take(_table.RowsPerPage);
        var started = false;
        foreach (var row in visible)
        {
            if (row.FtpAccountCount is null && _requested.Add(row.Key))
            {
                _reading.Add(row.Key);
                _ = ReadCountAsync(row.Key);
                started = true;
            }
        }

        if (started)
        {
            // Show "reading…" on those rows; the next render finds nothing new to start.
            StateHasChanged();
        }
    }

    private async Task ReadCountAsync(AccountKey key)
    {
        try
        {
            await Live.ReadForOverviewAsync(key, _cts.Token);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The count stays "not read yet"; the server card shows an outage, and the poller's sweep tries again.
            Logger.LogInformation(ex, "Reading the domains of {Account} for the support overview failed", key);
        }

        await InvokeAsync(async () =>
        {
            _reading.Remove(key);
            if (_disposed)
            {
                return;
            }

            if (_servers.Find(s => s.Name == key.Server) is { } server)
            {
                await ReloadAsync(server);
            }

            StateHasChanged();
        });
    }

    /// <summary>How old an FTP count is, in words ("read 3 min ago").</summary>
    private string AgeText(DateTimeOffset readAt)
    {
        var age = Time.GetUtcNow() - readAt;
        return age < TimeSpan.FromMinutes(1) ? L["Support.Ftp.ReadJustNow"]
            : age < TimeSpan.FromHours(1) ? L["Support.Ftp.ReadMinutesAgo", (int)age.TotalMinutes]
            : age < TimeSpan.FromDays(1) ? L["Support.Ftp.ReadHoursAgo", (int)age.TotalHours]
            : L["Support.Ftp.ReadAt", TimeText.Short(readAt, ReaderTimeZone.Current)];
    }

    private void OnFilterChanged(string? value)
    {
        _filter = value ?? "";
        RebuildRows();
    }

    private void ToggleSuspendedOnly()
    {
        _suspendedOnly = !_suspendedOnly;
        RebuildRows();
    }

    private void ToggleProblemsOnly()
    {
        _problemsOnly = !_problemsOnly;
        RebuildRows();
    }

    private void ClearFilters()
    {
        _filter = "";
        _suspendedOnly = false;
        _problemsOnly = false;
        RebuildRows();
    }

    private void OpenAccount(AccountKey? key)
    {
        if (key is not null)
        {
            Navigation.NavigateTo(SupportLinks.Account(key));
        }
    }

    private async Task EndSessionsAsync(AccountKey key)
    {
        try
        {
            var ended = await AccountSessions.EndAllAsync(key, _cts.Token);
            _announcement = L.Plural("Support.SessionsEnded", ended, key.User);
            Snackbar.Add(_announcement, Severity.Success);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogWarning(ex, "Ending the sessions of {Account} failed", key);
            _announcement = L["Support.EndSessionsFailed", key.User, DashboardErrors.Describe(ex, L).Message];
            Snackbar.Add(_announcement, Severity.Error);
        }
    }

    private bool IsExpanded(SupportRow row) => _expanded.Contains(row.Key);

    private void ToggleExpanded(SupportRow row)
    {
        if (!_expanded.Remove(row.Key))
        {
            _expanded.Add(row.Key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _missedTimer?.Dispose();
        _subscription?.Dispose();
        // Not disposed: a read still finishing may read the token; cancelling is what matters.
        await _cts.CancelAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class ServerState(string name, ServerStatus status)
    {
        public string Name { get; } = name;

        public ServerStatus Status { get; set; } = status;

        public ServerOverview? Overview { get; set; }

        public bool Loading { get; set; }

        public bool ReloadQueued { get; set; }

        public bool Refreshing { get; set; }

        public string? Error { get; set; }
    }
}
