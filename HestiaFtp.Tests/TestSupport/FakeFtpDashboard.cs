using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// A scripted <see cref="IFtpDashboard"/> for component tests: holds one account's domains in memory, records every call,
/// throws whatever a test puts in <see cref="NextFailure"/>, answers the next mutation with <see cref="NextRefusal"/> (not
/// done) or <see cref="NextCannotTell"/>, and after a mutation pushes the new state to the watching page as the live feed
/// does with the real read-back. Authorization itself is tested against the real service.
/// </summary>
public sealed class FakeFtpDashboard : IFtpDashboard
{
    public DashboardUser User { get; set; } = new("demo", "alice", DashboardRole.Customer);
    public HestiaUser HestiaUser { get; set; } = new("alice", "user", false, 0, 1, "Alice", "default");
    public List<WebDomain> Domains { get; } = [];
    public List<string> Calls { get; } = [];
    public Exception? NextFailure { get; set; }
    public Exception? LoadFailure { get; set; }
    public ServerStatus Status { get; set; } = ServerStatus.Initial("demo");
    public List<AccountKey> Accounts { get; } = [];
    public Dictionary<string, List<string>> Folders { get; } = new() { [""] = ["public_html", "private", "logs"] };
    /// <summary>The next create is rolled back (its folder was not used).</summary>
    public bool RollBackNextCreate { get; set; }
    /// <summary>The refresh-now calls made (the page's "Refresh now" / "Retry now").</summary>
    public int Refreshes { get; private set; }
    public bool ResetNextFolderChange { get; set; }
    /// <summary>Thrown by the next <see cref="ChangeFolderAsync"/> only (e.g. a password change succeeds, the folder change then fails).</summary>
    public Exception? NextFolderFailure { get; set; }
    public string GeneratedPassword { get; set; } = "Gen3ratedPassw0rdAbcdefg";
    /// <summary>The next mutation is refused with this (status NotDone), nothing changes.</summary>
    public FtpRefusal? NextRefusal { get; set; }
    /// <summary>
    /// The next mutation is not done with this result reason code (e.g. <see cref="FtpResultCodes.NotAppliedAfterUnknown"/>),
    /// together with <see cref="NextRefusal"/> when both are set; nothing changes.
    /// </summary>
    public string? NextNotDoneReason { get; set; }
    /// <summary>The next mutation's answer is "lost" and cannot be settled (status CannotTell), nothing changes.</summary>
    public bool NextCannotTell { get; set; }
    /// <summary>The watching page's callback (what the live feed delivers to); null when nobody watches.</summary>
    public Func<AccountUpdate, Task>? Watcher { get; private set; }
    /// <summary>Holds every load (and so every refresh) until completed.</summary>
    public TaskCompletionSource? LoadGate { get; set; }
    public DateTimeOffset AsOf { get; set; } = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static WebDomain Domain(string name, bool suspended = false, bool ssl = false, params (string Login, string Path)[] accounts) =>
        new(name, "alice", "203.0.113.10", $"/home/alice/web/{name}/public_html/", [$"www.{name}"], ssl, false, suspended,
            accounts.Select(a => new FtpAccount(a.Login, name, a.Path)).ToList());

    public Task<DashboardUser> GetUserAsync() => Task.FromResult(User);

    public Task<AccountKey?> ResolveAccountAsync(string? server, string? account)
    {
        Calls.Add($"resolve {server} {account}");
        if (User.IsSupport)
        {
            return Task.FromResult(account is null ? null : new AccountKey(server ?? User.Server, account));
        }
        if (account is not null && account != User.Name)
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
        return Task.FromResult<AccountKey?>(new AccountKey(User.Server, User.Name));
    }

    public async Task<AccountSnapshot> LoadAsync(AccountKey key, CancellationToken cancellationToken)
    {
        Calls.Add($"load {key}");
        if (LoadGate is not null)
        {
            await LoadGate.Task;
        }
        if (LoadFailure is not null)
        {
            throw LoadFailure;
        }
        return Snapshot(key);
    }

    public AccountSnapshot Snapshot(AccountKey key) => new(key, HestiaUser, Domains.ToList(), AsOf);

    public Task<ILiveSubscription> WatchAsync(AccountKey key, Func<AccountUpdate, Task> onUpdate)
    {
        Calls.Add($"watch {key}");
        Watcher = onUpdate;
        return Task.FromResult<ILiveSubscription>(new FakeSubscription(() => Watcher = null));
    }

    /// <summary>Simulates the live feed: pushes the current in-memory state to the watching page.</summary>
    public Task PushAsync(params AccountChange[] changes)
    {
        var key = new AccountKey(User.Server, HestiaUser.Name);
        return Watcher?.Invoke(new AccountUpdate(key, Snapshot(key), changes, Status)) ?? Task.CompletedTask;
    }

    public Task<ServerStatus> GetStatusAsync(string server) => Task.FromResult(Status);

    public Task<ServerLinks> GetLinksAsync(string server) => Task.FromResult(Links(server));

    public static ServerLinks Links(string server) =>
        new(server, new Uri("https://panel.example.net:8083/"), new Uri("https://panel.example.net:8083/fm/"), null);

    public async Task<AccountSnapshot> RefreshAsync(AccountKey key, CancellationToken cancellationToken)
    {
        Refreshes++;
        Calls.Add($"refresh {key}");
        return await LoadAsync(key, cancellationToken);
    }

    public Task<IReadOnlyList<AccountKey>> ListAccountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountKey>>(Accounts);

    public async Task<FtpCreateResult> QuickCreateAsync(QuickCreateFtpAccountRequest request, CancellationToken cancellationToken)
    {
        Calls.Add($"quick {Key(request.User)} {request.Domain}");
        var login = $"{request.User}_ftpq{Calls.Count}";
        if (Scripted(login, request.Domain) is { } scripted)
        {
            return new FtpCreateResult(scripted.Status, login, request.Domain, null, scripted.ReasonCode, scripted.Refusal, null);
        }
        Add(request.Domain, login, "");
        await PushAsync(new AccountChange(Key(request.User), ChangeKind.FtpAdded, request.Domain, login, ChangeSource.Dashboard, AsOf, To: ""));
        return new FtpCreateResult(FtpResultStatus.Done, login, request.Domain, new CreatedFtpAccount(login, "QuickPassw0rdQuickPassw", request.Domain, ""), null, null, ReadBack(request.Domain));
    }

    public async Task<FtpCreateResult> CreateAsync(CreateFtpAccountRequest request, CancellationToken cancellationToken)
    {
        Calls.Add($"create {Key(request.User)} {request.Domain} {request.Suffix} {(request.NormalizedFolder.Length == 0 ? "" : request.NormalizedFolder)}");
        var login = request.FullLogin;
        if (Scripted(login, request.Domain) is { } scripted)
        {
            return new FtpCreateResult(scripted.Status, login, request.Domain, null, scripted.ReasonCode, scripted.Refusal, null);
        }
        if (RollBackNextCreate)
        {
            RollBackNextCreate = false;
            return new FtpCreateResult(FtpResultStatus.NotDone, login, request.Domain, null, FtpResultCodes.FolderMissingRolledBack, null, ReadBack(request.Domain));
        }
        Add(request.Domain, login, request.NormalizedFolder);
        await PushAsync(new AccountChange(Key(request.User), ChangeKind.FtpAdded, request.Domain, login, ChangeSource.Dashboard, AsOf, To: request.NormalizedFolder));
        return new FtpCreateResult(FtpResultStatus.Done, login, request.Domain, new CreatedFtpAccount(login, request.Password, request.Domain, request.NormalizedFolder),
            null, null, ReadBack(request.Domain));
    }

    public async Task<FtpPasswordChangeResult> ChangePasswordAsync(ChangeFtpPasswordRequest request, CancellationToken cancellationToken)
    {
        Calls.Add($"password {Key(request.User)} {request.Domain} {request.Login}");
        if (Scripted(request.Login, request.Domain) is { } scripted)
        {
            return new FtpPasswordChangeResult(scripted.Status, request.Login, request.Domain, scripted.ReasonCode, scripted.Refusal, null);
        }
        await PushAsync(new AccountChange(Key(request.User), ChangeKind.FtpPasswordChanged, request.Domain, request.Login, ChangeSource.Dashboard, AsOf));
        return new FtpPasswordChangeResult(FtpResultStatus.Done, request.Login, request.Domain, null, null, ReadBack(request.Domain));
    }

    public async Task<FtpFolderChangeResult> ChangeFolderAsync(ChangeFtpFolderRequest request, CancellationToken cancellationToken)
    {
        var folder = request.NormalizedFolder;
        Calls.Add($"folder {Key(request.User)} {request.Domain} {request.Login} {folder}");
        if (NextFolderFailure is { } folderFailure)
        {
            NextFolderFailure = null;
            throw folderFailure;
        }
        var old = Domains.Single(d => d.Name == request.Domain).FtpAccounts.Single(a => a.Login == request.Login).Folder;
        if (Scripted(request.Login, request.Domain) is { } scripted)
        {
            return new FtpFolderChangeResult(scripted.Status, request.Login, request.Domain, folder, old, false, scripted.ReasonCode, scripted.Refusal, null);
        }
        var reset = ResetNextFolderChange;
        ResetNextFolderChange = false;
        var actual = reset ? "" : folder;
        Replace(request.Domain, request.Login, actual);
        await PushAsync(new AccountChange(Key(request.User), ChangeKind.FtpMoved, request.Domain, request.Login, ChangeSource.Dashboard, AsOf, From: old, To: actual));
        return new FtpFolderChangeResult(FtpResultStatus.Done, request.Login, request.Domain, folder, actual, reset,
            reset ? FtpResultCodes.PathMissingReset : null, null, ReadBack(request.Domain));
    }

    public async Task<FtpDeleteResult> DeleteAsync(DeleteFtpAccountRequest request, CancellationToken cancellationToken)
    {
        Calls.Add($"delete {Key(request.User)} {request.Domain} {request.Login}");
        if (Scripted(request.Login, request.Domain) is { } scripted)
        {
            return new FtpDeleteResult(scripted.Status, request.Login, request.Domain, scripted.ReasonCode, scripted.Refusal, null);
        }
        var index = Domains.FindIndex(d => d.Name == request.Domain);
        Domains[index] = Domains[index] with { FtpAccounts = Domains[index].FtpAccounts.Where(a => a.Login != request.Login).ToList() };
        await PushAsync(new AccountChange(Key(request.User), ChangeKind.FtpRemoved, request.Domain, request.Login, ChangeSource.Dashboard, AsOf));
        return new FtpDeleteResult(FtpResultStatus.Done, request.Login, request.Domain, null, null, ReadBack(request.Domain));
    }

    public Task<IReadOnlyList<string>> ListFoldersAsync(AccountKey key, string domain, string folder, CancellationToken cancellationToken)
    {
        Calls.Add($"folders {key} {domain} {folder}");
        return Task.FromResult<IReadOnlyList<string>>(Folders.TryGetValue(folder, out var list) ? list : []);
    }

    public Task<string> GeneratePasswordAsync() => Task.FromResult(GeneratedPassword);

    private AccountKey Key(string user) => new(User.Server, user);

    private WebDomain ReadBack(string domain) => Domains.Single(d => d.Name == domain);

    /// <summary>Throws <see cref="NextFailure"/>, or returns the scripted not-done / cannot-tell outcome, once.</summary>
    private (FtpResultStatus Status, string? ReasonCode, FtpRefusal? Refusal)? Scripted(string login, string domain)
    {
        if (NextFailure is { } failure)
        {
            NextFailure = null;
            throw failure;
        }
        if (NextRefusal is not null || NextNotDoneReason is not null)
        {
            var notDone = (FtpResultStatus.NotDone, NextNotDoneReason, NextRefusal);
            NextRefusal = null;
            NextNotDoneReason = null;
            return notDone;
        }
        if (NextCannotTell)
        {
            NextCannotTell = false;
            return (FtpResultStatus.CannotTell, FtpResultCodes.OutcomeUnknown, null);
        }
        return null;
    }

    private void Add(string domain, string login, string path)
    {
        var index = Domains.FindIndex(d => d.Name == domain);
        Domains[index] = Domains[index] with { FtpAccounts = [.. Domains[index].FtpAccounts, new FtpAccount(login, domain, path)] };
    }

    private void Replace(string domain, string login, string path)
    {
        var index = Domains.FindIndex(d => d.Name == domain);
        Domains[index] = Domains[index] with
        {
            FtpAccounts = Domains[index].FtpAccounts.Select(a => a.Login == login ? a with { Folder = path } : a).ToList(),
        };
    }

    private sealed class FakeSubscription(Action onDispose) : ILiveSubscription
    {
        public bool IsPaused { get; private set; }
        public long Missed => 0;
        public void Pause() => IsPaused = true;
        public void Resume() => IsPaused = false;
        public void Dispose() => onDispose();
    }
}
