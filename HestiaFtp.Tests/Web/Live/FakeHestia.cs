using System.Collections.Concurrent;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Tests.Web.Live;

/// <summary>An in-memory HestiaCP for the live tests: state the test edits out of band, call counts, injectable failures.</summary>
public sealed class FakeHestiaClient(string serverName) : IHestiaClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeUser> _users = new(StringComparer.Ordinal);

    public string ServerName { get; } = serverName;

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>When set, every call throws it (an outage or refused credentials).</summary>
    public HestiaException? Failure { get; set; }

    public int TotalCalls => Calls.Values.Sum();

    public int CallsOf(string command) => Calls.GetValueOrDefault(command);

    public FakeHestiaClient AddUser(string name, params string[] domains)
    {
        lock (_gate)
        {
            var user = new FakeUser { Name = name };
            foreach (var domain in domains)
            {
                user.Domains.Add(new FakeDomain { Name = domain });
            }

            _users[name] = user;
        }

        return this;
    }

    public void RemoveUser(string name)
    {
        lock (_gate)
        {
            _users.Remove(name);
        }
    }

    public void SuspendUser(string name, bool suspended)
    {
        lock (_gate)
        {
            _users[name].Suspended = suspended;
            foreach (var domain in _users[name].Domains)
            {
                domain.Suspended = suspended;
            }
        }
    }

    public void SuspendDomain(string user, string domain, bool suspended)
    {
        lock (_gate)
        {
            Domain(user, domain).Suspended = suspended;
        }
    }

    public void AddFtp(string user, string domain, string login, string path = "")
    {
        lock (_gate)
        {
            Domain(user, domain).Ftp.Add((login, path));
        }
    }

    public void RemoveFtp(string user, string domain, string login)
    {
        lock (_gate)
        {
            Domain(user, domain).Ftp.RemoveAll(f => f.Login == login);
        }
    }

    public void MoveFtp(string user, string domain, string login, string path)
    {
        lock (_gate)
        {
            var list = Domain(user, domain).Ftp;
            var index = list.FindIndex(f => f.Login == login);
            list[index] = (login, path);
        }
    }

    /// <summary>Awaited after the state was read and before the answer returns: lets a test hold a read "in flight".</summary>
    public Func<string, Task>? BeforeReturn { get; set; }

    public Task<IReadOnlyList<HestiaUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        RunAsync(HestiaCommands.ListUsers, () => (IReadOnlyList<HestiaUser>)_users.Values.Select(ToUser).ToList());

    public Task<HestiaUser> GetUserAsync(string user, CancellationToken cancellationToken) =>
        RunAsync(HestiaCommands.ListUser, () => _users.TryGetValue(user, out var u)
            ? ToUser(u)
            : throw new HestiaException(HestiaReturnCode.NotExist, HestiaCommands.ListUser, $"Error: user {user} doesn't exist"));

    public Task<IReadOnlyList<WebDomain>> ListWebDomainsAsync(string user, CancellationToken cancellationToken) =>
        RunAsync(HestiaCommands.ListWebDomains, () => _users.TryGetValue(user, out var u)
            ? (IReadOnlyList<WebDomain>)u.Domains.Select(d => ToDomain(user, d)).ToList()
            : throw new HestiaException(HestiaReturnCode.NotExist, HestiaCommands.ListWebDomains, $"Error: user {user} doesn't exist"));

    public Task<WebDomain> GetWebDomainAsync(string user, string domain, CancellationToken cancellationToken) =>
        RunAsync(HestiaCommands.ListWebDomain, () =>
        {
            var d = _users.GetValueOrDefault(user)?.Domains.FirstOrDefault(x => x.Name == domain)
                ?? throw new HestiaException(HestiaReturnCode.NotExist, HestiaCommands.ListWebDomain, $"Error: web domain {domain} doesn't exist");
            return ToDomain(user, d);
        });

    public Task<bool> CheckUserPasswordAsync(string user, string password, string clientIp, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddFtpAccountAsync(string user, string domain, string loginSuffix, string password, string? path, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ChangeFtpPasswordAsync(string user, string domain, string login, string password, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ChangeFtpPathAsync(string user, string domain, string login, string path, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteFtpAccountAsync(string user, string domain, string login, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> FolderExistsAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<FsEntry>?> ListFolderAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) => throw new NotSupportedException();

    private async Task<T> RunAsync<T>(string command, Func<T> read)
    {
        Calls.AddOrUpdate(command, 1, (_, n) => n + 1);
        if (Failure is { } failure)
        {
            throw new HestiaException(failure.Code, command, failure.HestiaMessage);
        }

        T result;
        lock (_gate)
        {
            result = read();
        }

        if (BeforeReturn is { } hook)
        {
            await hook(command);
        }

        return result;
    }

    private FakeDomain Domain(string user, string domain) => _users[user].Domains.First(d => d.Name == domain);

    private static HestiaUser ToUser(FakeUser u) =>
        new(u.Name, "user", u.Suspended, u.Domains.Count(d => d.Suspended), u.Domains.Count, u.Name, "default");

    private static WebDomain ToDomain(string user, FakeDomain d) =>
        new(d.Name, user, "10.0.0.5", $"/home/{user}/web/{d.Name}/public_html/", [], false, false, d.Suspended,
            d.Ftp.Select(f => new FtpAccount(f.Login, d.Name, f.Path)).ToList());

    private sealed class FakeUser
    {
        public required string Name { get; init; }

        public bool Suspended { get; set; }

        public List<FakeDomain> Domains { get; } = [];
    }

    private sealed class FakeDomain
    {
        public required string Name { get; init; }

        public bool Suspended { get; set; }

        public List<(string Login, string Path)> Ftp { get; } = [];
    }
}

public sealed class FakeHestiaClientProvider : IHestiaClientProvider
{
    private readonly Dictionary<string, IHestiaClient> _clients;

    public FakeHestiaClientProvider(params IHestiaClient[] clients)
    {
        _clients = clients.ToDictionary(c => c.ServerName);
        Servers = clients.Select(c => new HestiaClientOptions { Name = c.ServerName, BaseUrl = new Uri($"https://{c.ServerName}.invalid:8083/") }).ToList();
    }

    public IReadOnlyList<HestiaClientOptions> Servers { get; }

    public IHestiaClient Get(string serverName) => _clients[serverName];
}
