using System.Collections.Concurrent;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Bench;

/// <summary>
/// A minimal in-process HestiaCP that counts calls per command. The watcher's call pattern does not depend on the
/// transport, so calls per minute measured here equal those against the emulator or a real server.
/// </summary>
internal sealed class InMemoryHestia : IHestiaClient, IHestiaClientProvider
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (bool Suspended, List<(string Name, bool Suspended, List<FtpAccount> Ftp)> Domains)> _users = new(StringComparer.Ordinal);

    public InMemoryHestia(string server, int accounts, int domainsPerAccount, int ftpPerDomain)
    {
        ServerName = server;
        Servers = [new HestiaClientOptions { Name = server, BaseUrl = new Uri("https://bench.invalid:8083/") }];
        for (var a = 0; a < accounts; a++)
        {
            var user = $"user{a:0000}";
            var domains = Enumerable.Range(0, domainsPerAccount).Select(d =>
            {
                var name = $"site{d}.{user}.example";
                return (name, false, Enumerable.Range(0, ftpPerDomain).Select(f => new FtpAccount($"{user}_f{d}x{f}", name, "")).ToList());
            }).ToList();
            _users[user] = (false, domains);
        }
    }

    public ConcurrentDictionary<string, long> CallCounts { get; } = new();

    public string ServerName { get; }

    public IReadOnlyList<HestiaClientOptions> Servers { get; }

    public IHestiaClient Get(string serverName) => this;

    public long Calls(string command) => CallCounts.GetValueOrDefault(command);

    public long TotalCalls => CallCounts.Values.Sum();

    public void ResetCounts() => CallCounts.Clear();

    public void ToggleFirstDomainSuspension(string user)
    {
        lock (_gate)
        {
            var domains = _users[user].Domains;
            domains[0] = (domains[0].Name, !domains[0].Suspended, domains[0].Ftp);
        }
    }

    public void ToggleFtp(string user, string login)
    {
        lock (_gate)
        {
            var ftp = _users[user].Domains[0].Ftp;
            if (ftp.RemoveAll(f => f.Login == login) == 0)
            {
                ftp.Add(new FtpAccount(login, _users[user].Domains[0].Name, "/bench"));
            }
        }
    }

    public Task<IReadOnlyList<HestiaUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        Run(HestiaCommands.ListUsers, () => (IReadOnlyList<HestiaUser>)_users.Select(p => ToUser(p.Key)).ToList());

    public Task<HestiaUser> GetUserAsync(string user, CancellationToken cancellationToken) =>
        Run(HestiaCommands.ListUser, () => ToUser(user));

    public Task<IReadOnlyList<WebDomain>> ListWebDomainsAsync(string user, CancellationToken cancellationToken) =>
        Run(HestiaCommands.ListWebDomains, () => (IReadOnlyList<WebDomain>)_users[user].Domains.Select(d => ToDomain(user, d)).ToList());

    public Task<WebDomain> GetWebDomainAsync(string user, string domain, CancellationToken cancellationToken) =>
        Run(HestiaCommands.ListWebDomain, () => ToDomain(user, _users[user].Domains.First(d => d.Name == domain)));

    public Task<bool> CheckUserPasswordAsync(string user, string password, string clientIp, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddFtpAccountAsync(string user, string domain, string loginSuffix, string password, string? path, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ChangeFtpPasswordAsync(string user, string domain, string login, string password, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ChangeFtpPathAsync(string user, string domain, string login, string path, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteFtpAccountAsync(string user, string domain, string login, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> FolderExistsAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<FsEntry>?> ListFolderAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) => throw new NotSupportedException();

    private Task<T> Run<T>(string command, Func<T> read)
    {
        CallCounts.AddOrUpdate(command, 1, (_, n) => n + 1);
        lock (_gate)
        {
            return Task.FromResult(read());
        }
    }

    private HestiaUser ToUser(string name)
    {
        var u = _users[name];
        return new HestiaUser(name, "user", u.Suspended, u.Domains.Count(d => d.Suspended), u.Domains.Count, name, "default");
    }

    private static WebDomain ToDomain(string user, (string Name, bool Suspended, List<FtpAccount> Ftp) d) =>
        new(d.Name, user, "10.0.0.5", $"/home/{user}/web/{d.Name}/public_html/", [], false, false, d.Suspended, [.. d.Ftp]);
}
