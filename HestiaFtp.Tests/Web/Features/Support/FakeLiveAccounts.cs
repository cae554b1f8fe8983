using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Features.Support;

/// <summary>
/// A scripted <see cref="ILiveAccounts"/> for the staff pages: overviews per server, recent events, and a feed the test
/// pushes into. Records every call; the members a staff page has no business calling throw.
/// </summary>
public sealed class FakeLiveAccounts : ILiveAccounts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public List<string> ServerNames { get; } = [];

    public Dictionary<string, List<AccountOverview>> Accounts { get; } = [];

    public Dictionary<string, ServerStatus> Statuses { get; } = [];

    public List<LiveEvent> Recent { get; } = [];

    public List<string> Calls { get; } = [];

    public Dictionary<string, Exception> OverviewFailures { get; } = [];

    public Exception? RefreshFailure { get; set; }

    public FakeSubscription? Subscription { get; private set; }

    public IReadOnlyList<string> Servers => ServerNames;

    public IReadOnlyList<LiveEvent> RecentEvents => Recent.OrderByDescending(e => e.At).ToList();

    public static ServerStatus Reachable(string server) => new(server, true, null, Now, null, Now);

    public void AddServer(string server, params AccountOverview[] accounts)
    {
        ServerNames.Add(server);
        Statuses[server] = Reachable(server);
        Accounts[server] = [.. accounts];
    }

    public void Replace(AccountOverview account)
    {
        var list = Accounts[account.Key.Server];
        list[list.FindIndex(a => a.Key == account.Key)] = account;
    }

    /// <summary>An account with its domains (name, suspended, FTP count) and the health the real rules derive.</summary>
    public static AccountOverview Account(string server, string user, bool suspended = false, params (string Name, bool Suspended, int Ftp)[] domains)
    {
        var hestiaUser = new HestiaUser(user, "user", suspended, domains.Count(d => d.Suspended), domains.Length, $"Contact {user}", "default");
        var webDomains = domains.Select(d => new WebDomain(d.Name, user, "203.0.113.10", $"/home/{user}/web/{d.Name}/public_html/", [], false, false, d.Suspended, [])).ToList();
        var overviews = domains.Select((d, i) => new DomainOverview(d.Name, d.Suspended, d.Ftp, FtpHealthRules.ForDomain(hestiaUser, webDomains[i]))).ToList();
        return new AccountOverview(new AccountKey(server, user), hestiaUser, overviews, Now, FtpHealthRules.ForAccount(hestiaUser, webDomains));
    }

    /// <summary>An account whose domains the watcher has not listed yet.</summary>
    public static AccountOverview Unlisted(string server, string user, int domains, int suspendedDomains = 0)
    {
        var hestiaUser = new HestiaUser(user, "user", false, suspendedDomains, domains, "", "default");
        return new AccountOverview(new AccountKey(server, user), hestiaUser, null, null, FtpHealthRules.ForAccount(hestiaUser, null));
    }

    public Task<ServerOverview> GetOverviewAsync(string server, CancellationToken cancellationToken)
    {
        Calls.Add($"overview {server}");
        if (OverviewFailures.TryGetValue(server, out var failure))
        {
            return Task.FromException<ServerOverview>(failure);
        }

        return Task.FromResult(new ServerOverview(Statuses[server], Accounts[server].ToList(), Now));
    }

    public ServerStatus GetStatus(string server)
    {
        Calls.Add($"status {server}");
        return Statuses[server];
    }

    public Task<AccountSnapshot> RefreshNowAsync(AccountKey key, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The support page refreshes servers, not accounts.");

    public Task<ServerStatus> RefreshNowAsync(string server, CancellationToken cancellationToken)
    {
        Calls.Add($"refresh-now {server}");
        if (RefreshFailure is { } failure)
        {
            RefreshFailure = null;
            return Task.FromException<ServerStatus>(failure);
        }

        return Task.FromResult(Statuses[server]);
    }

    public ILiveSubscription WatchAll(Func<LiveEvent, Task> onEvent)
    {
        Calls.Add("watch-all");
        Subscription = new FakeSubscription(onEvent);
        return Subscription;
    }

    /// <summary>What the real feed does: a paused or disposed subscription receives nothing and counts a miss.</summary>
    public Task PushAsync(LiveEvent e)
    {
        if (e.Kind != LiveEventKind.Checked)
        {
            Recent.Add(e);
        }

        return Subscription!.DeliverAsync(e);
    }

    /// <summary>What a read for the overview finds: the account listed; a read of an account not here fails.</summary>
    public Dictionary<AccountKey, AccountOverview> ReadResults { get; } = [];

    /// <summary>Holds every read for the overview until set.</summary>
    public TaskCompletionSource? ReadGate { get; set; }

    /// <summary>The accounts read for the overview, in the order asked.</summary>
    public List<AccountKey> OverviewReads { get; } = [];

    public async Task<AccountSnapshot> ReadForOverviewAsync(AccountKey key, CancellationToken cancellationToken)
    {
        Calls.Add($"read-overview {key}");
        OverviewReads.Add(key);
        if (ReadGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (!ReadResults.TryGetValue(key, out var listed))
        {
            throw new InvalidOperationException($"No read result scripted for {key}.");
        }

        Replace(listed);
        return new AccountSnapshot(key, listed.User, [], Now);
    }

    public Task<AccountSnapshot> GetAsync(AccountKey key, CancellationToken cancellationToken) => Refuse<AccountSnapshot>($"get {key}");

    public Task<AccountSnapshot> RefreshAsync(AccountKey key, ChangeSource source, CancellationToken cancellationToken) => Refuse<AccountSnapshot>($"refresh {key}");

    public Task<AccountSnapshot> RefreshDomainAsync(AccountKey key, string domain, ChangeSource source, CancellationToken cancellationToken) =>
        Refuse<AccountSnapshot>($"refresh-domain {key} {domain}");

    public Task PublishAsync(AccountChange change, CancellationToken cancellationToken) => Refuse<bool>($"publish {change.Key}");

    public ILiveSubscription Watch(AccountKey key, Func<AccountUpdate, Task> onUpdate)
    {
        Calls.Add($"watch {key}");
        throw new NotSupportedException("The staff overview watches everything through WatchAll.");
    }

    private Task<T> Refuse<T>(string call)
    {
        Calls.Add(call);
        throw new NotSupportedException($"The staff overview must not call {call}.");
    }

    public sealed class FakeSubscription(Func<LiveEvent, Task> handler) : ILiveSubscription
    {
        public bool IsPaused { get; private set; }

        public bool IsDisposed { get; private set; }

        public long Missed { get; set; }

        public int PauseCount { get; private set; }

        public int ResumeCount { get; private set; }

        public void Pause()
        {
            IsPaused = true;
            PauseCount++;
        }

        public void Resume()
        {
            IsPaused = false;
            ResumeCount++;
        }

        public void Dispose() => IsDisposed = true;

        public Task DeliverAsync(LiveEvent e)
        {
            if (IsPaused || IsDisposed)
            {
                Missed++;
                return Task.CompletedTask;
            }

            return handler(e);
        }

        /// <summary>An item the pump had already taken off the queue when the page paused.</summary>
        public Task DeliverInFlightAsync(LiveEvent e) => handler(e);
    }
}
