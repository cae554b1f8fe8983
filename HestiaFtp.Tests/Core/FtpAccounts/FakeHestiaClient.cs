using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.FtpAccounts;

/// <summary>
/// A scripted in-memory <see cref="IHestiaClient"/> for one user's domains: records every call, applies mutations to its
/// state, and throws scripted failures (optionally after applying the change, to model a lost answer).
/// </summary>
internal sealed class FakeHestiaClient : IHestiaClient
{
    private readonly Dictionary<string, Queue<(HestiaException Error, bool ApplyFirst)>> _scripts = new(StringComparer.Ordinal);

    public FakeHestiaClient(string user = "alice", params string[] domains)
    {
        User = user;
        foreach (var domain in domains.Length == 0 ? ["example.com"] : domains)
        {
            Accounts[domain] = [];
        }
    }

    public string User { get; }

    public string ServerName => "fake";

    /// <summary>Every call as <c>command arg1 arg2 …</c> (the password argument is included: tests assert on it).</summary>
    public List<string> Calls { get; } = [];

    public Dictionary<string, List<FtpAccount>> Accounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Folders that exist, as normalized <c>/a/b</c> per domain.</summary>
    public HashSet<string> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers for <see cref="FolderExistsAsync"/> that win over <see cref="Folders"/> while any are left.</summary>
    public Queue<bool> FolderAnswers { get; } = new();

    public IEnumerable<string> Mutations => Calls.Where(c => HestiaCommands.IsMutation(c.Split(' ')[0]));

    public FakeHestiaClient WithAccount(string domain, string login, string path = "")
    {
        Accounts[domain].Add(new FtpAccount(login, domain, path));
        return this;
    }

    /// <summary>The next call of <paramref name="command"/> fails with <paramref name="error"/>, after applying it when <paramref name="applyFirst"/>.</summary>
    public FakeHestiaClient Script(string command, HestiaException error, bool applyFirst = false)
    {
        if (!_scripts.TryGetValue(command, out var queue))
        {
            _scripts[command] = queue = new Queue<(HestiaException, bool)>();
        }

        queue.Enqueue((error, applyFirst));
        return this;
    }

    public static HestiaException Error(HestiaReturnCode code, string command, string message = "") => new(code, command, message);

    public static HestiaException Lost(string command) =>
        new(HestiaReturnCode.Connect, command, null, new TimeoutException(), outcomeUnknown: true);

    public Task<IReadOnlyList<HestiaUser>> ListUsersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<HestiaUser> GetUserAsync(string user, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<WebDomain>> ListWebDomainsAsync(string user, CancellationToken cancellationToken) =>
        Run(HestiaCommands.ListWebDomains, [user], () => (IReadOnlyList<WebDomain>)Accounts.Keys.Select(Domain).ToList());

    public Task<WebDomain> GetWebDomainAsync(string user, string domain, CancellationToken cancellationToken) =>
        Run(HestiaCommands.ListWebDomain, [user, domain], () => Domain(domain));

    public Task<bool> CheckUserPasswordAsync(string user, string password, string clientIp, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task AddFtpAccountAsync(string user, string domain, string loginSuffix, string password, string? path, CancellationToken cancellationToken) =>
        Run(HestiaCommands.AddWebDomainFtp, [user, domain, loginSuffix, password, path ?? "<none>"], () =>
        {
            var login = FtpNames.FullLogin(user, loginSuffix);
            if (Accounts.Values.SelectMany(a => a).Any(a => a.Login == login))
            {
                throw Error(HestiaReturnCode.Exists, HestiaCommands.AddWebDomainFtp, $"Error: ftp user {login} already exists");
            }

            Accounts[domain].Add(new FtpAccount(login, domain, FtpFolders.Normalize(path)));
            return true;
        });

    public Task ChangeFtpPasswordAsync(string user, string domain, string login, string password, CancellationToken cancellationToken) =>
        Run(HestiaCommands.ChangeWebDomainFtpPassword, [user, domain, login, password], () => Find(domain, login));

    public Task ChangeFtpPathAsync(string user, string domain, string login, string path, CancellationToken cancellationToken) =>
        Run(HestiaCommands.ChangeWebDomainFtpPath, [user, domain, login, path], () =>
        {
            var account = Find(domain, login);
            var list = Accounts[domain];
            list[list.IndexOf(account)] = account with { Folder = FtpFolders.Normalize(path) };
            return true;
        });

    public Task DeleteFtpAccountAsync(string user, string domain, string login, CancellationToken cancellationToken) =>
        Run(HestiaCommands.DeleteWebDomainFtp, [user, domain, login], () => Accounts[domain].Remove(Find(domain, login)));

    public Task<bool> FolderExistsAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) =>
        Run(HestiaCommands.CheckFsPermission, [user, domain, relativePath],
            () => FolderAnswers.Count > 0 ? FolderAnswers.Dequeue() : Folders.Contains(FtpFolders.Normalize(relativePath)));

    public Task<IReadOnlyList<FsEntry>?> ListFolderAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private WebDomain Domain(string domain) =>
        Accounts.TryGetValue(domain, out var accounts)
            ? new WebDomain(domain, User, "10.0.0.5", $"/home/{User}/web/{domain}/public_html/", [], false, false, false, accounts.ToList())
            : throw Error(HestiaReturnCode.NotExist, HestiaCommands.ListWebDomain, $"Error: web domain {domain} doesn't exist");

    private FtpAccount Find(string domain, string login) =>
        Accounts[domain].FirstOrDefault(a => a.Login == login)
        ?? throw Error(HestiaReturnCode.NotExist, HestiaCommands.DeleteWebDomainFtp, $"Error: account {login} doesn't exist");

    private Task<T> Run<T>(string command, string[] args, Func<T> apply)
    {
        Calls.Add(string.Join(' ', [command, .. args]));
        if (_scripts.TryGetValue(command, out var queue) && queue.Count > 0)
        {
            var (error, applyFirst) = queue.Dequeue();
            if (applyFirst)
            {
                apply();
            }

            return Task.FromException<T>(error);
        }

        try
        {
            return Task.FromResult(apply());
        }
        catch (HestiaException ex)
        {
            return Task.FromException<T>(ex);
        }
    }
}

/// <summary>An <see cref="ICredentialGenerator"/> that hands out scripted suffixes and passwords.</summary>
internal sealed class ScriptedGenerator(params string[] suffixes) : ICredentialGenerator
{
    private readonly Queue<string> _suffixes = new(suffixes);
    private int _passwords;

    public List<string> IssuedPasswords { get; } = [];

    public string GeneratePassword()
    {
        var password = $"Gen3rated-Pass-{++_passwords:D4}x";
        IssuedPasswords.Add(password);
        return password;
    }

    public string GenerateLoginSuffix(string user) => _suffixes.Dequeue();
}
