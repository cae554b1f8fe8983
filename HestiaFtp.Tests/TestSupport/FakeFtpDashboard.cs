using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// A scripted <see cref="IFtpDashboard"/> for component tests: holds one account's domains in memory, records every call,
/// and throws whatever a test puts in <see cref="NextFailure"/>. Authorization itself is tested against the real service.
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
    public bool RollBackNextCreate { get; set; }
    public bool ResetNextFolderChange { get; set; }
    /// <summary>Thrown by the next <see cref="ChangeFolderAsync"/> only (e.g. a password change succeeds, the folder change then fails).</summary>
    public Exception? NextFolderFailure { get; set; }
    public string GeneratedPassword { get; set; } = "Gen3ratedPassw0rdAbcdefg";
    public Func<AccountUpdate, Task>? Watcher { get; private set; }
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

    public ServerStatus GetStatus(string server) => Status;

    public ServerLinks GetLinks(string server) =>
        new(server, new Uri("https://panel.example.net:8083/"), new Uri("https://panel.example.net:8083/fm/"), null);

    public Task<IReadOnlyList<AccountKey>> ListAccountsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountKey>>(Accounts);

    public Task<NewFtpCredentials> QuickCreateAsync(AccountKey key, string domain, CancellationToken cancellationToken)
    {
        Calls.Add($"quick {key} {domain}");
        Fail();
        var login = $"{key.User}_ftpq{Calls.Count}";
        Add(domain, login, "");
        return Task.FromResult(new NewFtpCredentials(login, "QuickPassw0rdQuickPassw", domain, "", domain));
    }

    public Task<FtpCreateOutcome> CreateAsync(AccountKey key, string domain, string loginSuffix, string password, string? folder, CancellationToken cancellationToken)
    {
        Calls.Add($"create {key} {domain} {loginSuffix} {folder}");
        Fail();
        var login = $"{key.User}_{loginSuffix}";
        if (RollBackNextCreate)
        {
            RollBackNextCreate = false;
            return Task.FromResult(new FtpCreateOutcome(null, true, "folder missing"));
        }
        Add(domain, login, folder ?? "");
        return Task.FromResult(new FtpCreateOutcome(new NewFtpCredentials(login, password, domain, folder ?? "", domain), false, null));
    }

    public Task<FtpPasswordOutcome> ChangePasswordAsync(AccountKey key, string domain, string login, string password, CancellationToken cancellationToken)
    {
        Calls.Add($"password {key} {domain} {login}");
        Fail();
        return Task.FromResult(new FtpPasswordOutcome(true));
    }

    public Task<FtpFolderOutcome> ChangeFolderAsync(AccountKey key, string domain, string login, string folder, CancellationToken cancellationToken)
    {
        Calls.Add($"folder {key} {domain} {login} {folder}");
        Fail();
        if (NextFolderFailure is { } folderFailure)
        {
            NextFolderFailure = null;
            throw folderFailure;
        }
        var reset = ResetNextFolderChange;
        ResetNextFolderChange = false;
        var actual = reset ? "" : folder;
        Replace(domain, login, actual);
        return Task.FromResult(new FtpFolderOutcome(actual, reset));
    }

    public Task DeleteAsync(AccountKey key, string domain, string login, CancellationToken cancellationToken)
    {
        Calls.Add($"delete {key} {domain} {login}");
        Fail();
        var index = Domains.FindIndex(d => d.Name == domain);
        Domains[index] = Domains[index] with { FtpAccounts = Domains[index].FtpAccounts.Where(a => a.Login != login).ToList() };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListFoldersAsync(AccountKey key, string domain, string folder, CancellationToken cancellationToken)
    {
        Calls.Add($"folders {key} {domain} {folder}");
        return Task.FromResult<IReadOnlyList<string>>(Folders.TryGetValue(folder, out var list) ? list : []);
    }

    public string GeneratePassword() => GeneratedPassword;

    private void Fail()
    {
        if (NextFailure is { } failure)
        {
            NextFailure = null;
            throw failure;
        }
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
