using System.Globalization;
using HestiaFtp.Emulator.Commands;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator;

/// <summary>
/// Out-of-band administration of the emulated server, like an admin on its root shell: changes
/// that bypass the API (hestia.conf switches, keys, users, domains, FTP accounts), fault injection,
/// and readers tests use to verify what really happened (never exposed over HTTP).
/// </summary>
public sealed class EmulatorControl
{
    private readonly ServerState _state;
    private readonly Provisioning _provisioning;
    private readonly CommandTable _commands;

    internal EmulatorControl(ServerState state, Provisioning provisioning, CommandTable commands) =>
        (_state, _provisioning, _commands) = (state, provisioning, commands);

    /// <summary>PAM stand-in for <c>chpasswd</c> (add and change-password): return true to reject (login, password).
    /// An empty password is always rejected, as observed on Debian 12.</summary>
    public Func<string, string, bool>? RejectPasswordHook
    {
        get => _state.RejectPasswordHook;
        set => _state.RejectPasswordHook = value;
    }

    // ---------------------------------------------------------------- hestia.conf

    /// <summary>Sets <c>API_SYSTEM</c> (0 disabled, 1 admin only, 2 all users).</summary>
    public void SetApiSystem(int value) => Do(() => _state.ApiSystem = value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets <c>API_ALLOWED_IP</c> (comma list, <c>allow-all</c>, or empty = nobody).</summary>
    public void SetApiAllowedIp(string value) => Do(() => _state.ApiAllowedIp = value);

    /// <summary>Sets <c>API</c> (the legacy user/password and hash API switch).</summary>
    public void SetLegacyApi(bool enabled) => Do(() => _state.Api = enabled ? "yes" : "no");

    /// <summary>Sets <c>DEMO_MODE</c>.</summary>
    public void SetDemoMode(bool enabled) => Do(() => _state.DemoMode = enabled);

    /// <summary>Sets <c>ROOT_USER</c> (the user must exist).</summary>
    public void SetRootUser(string user) => Do(() =>
    {
        Find(user);
        _state.RootUser = user;
    });

    /// <summary>hestia.conf <c>ROOT_USER</c>.</summary>
    public string RootUser => Read(() => _state.RootUser);

    /// <summary>Sets the ROOT_USER's panel password (used by legacy user/password auth).</summary>
    public void SetAdminPassword(string password) => Do(() => Passwd(_state.RootUser).Password = password);

    /// <summary>Sets a panel user's password.</summary>
    public void SetUserPassword(string user, string password) => Do(() => Passwd(user).Password = password);

    // ---------------------------------------------------------------- keys

    /// <summary>Adds an access key (<c>v-add-access-key</c>). Permissions are API profile names (e.g. <c>purge-nginx-cache</c>).</summary>
    public void AddAccessKey(string user, string keyId, string secret, IEnumerable<string>? permissions = null) =>
        Do(() => _state.AccessKeys[keyId] = new AccessKeyRecord(keyId, secret, user, [.. permissions ?? []]));

    /// <summary>Creates an access key with a random 20-character id and 40-character secret.</summary>
    public (string KeyId, string Secret) CreateAccessKey(string user, IEnumerable<string>? permissions = null)
    {
        var id = Provisioning.RandomToken(20, Provisioning.Alnum);
        var secret = Provisioning.RandomToken(40, Provisioning.Alnum + "_-=");
        AddAccessKey(user, id, secret, permissions);
        return (id, secret);
    }

    /// <summary>Deletes an access key.</summary>
    public void RemoveAccessKey(string keyId) => Do(() => _state.AccessKeys.Remove(keyId));

    /// <summary>Defines (or replaces) an API profile file <c>data/api/NAME</c> with its COMMANDS list.</summary>
    public void SetApiProfile(string name, IEnumerable<string> commands) => Do(() => _state.ApiProfiles[name] = [.. commands]);

    /// <summary>Adds a legacy API key (<c>v-generate-api-key</c>).</summary>
    public void AddLegacyApiKey(string key) => Do(() => _state.LegacyKeys.Add(key));

    // ---------------------------------------------------------------- users and domains

    /// <summary>Adds a panel user.</summary>
    public void AddUser(string name, string password, string role = "user", bool suspended = false, IReadOnlyDictionary<string, string>? fields = null) =>
        Do(() =>
        {
            var user = _provisioning.AddPanelUser(name, password, role, fields);
            if (suspended)
            {
                _provisioning.ApplyUserSuspension(user, true);
            }
        });

    /// <summary>Suspends a user like <c>v-suspend-user</c> (locks USER and USER_* accounts, suspends all domains).</summary>
    public void SuspendUser(string user) => Do(() => _provisioning.ApplyUserSuspension(Find(user), true));

    /// <summary>Unsuspends a user like <c>v-unsuspend-user</c> (unlocks, unsuspends all domains).</summary>
    public void UnsuspendUser(string user) => Do(() => _provisioning.ApplyUserSuspension(Find(user), false));

    /// <summary>Adds a web domain with Hestia's folder skeleton (public_html, private, document_errors, cgi-bin, logs, stats).</summary>
    public void AddWebDomain(string user, string domain, string? ip = null, bool ssl = false, string? aliases = null, bool suspended = false) =>
        Do(() => _provisioning.CreateDomain(Find(user), domain, ip ?? _state.DefaultIp, aliases ?? "www." + domain, ssl, suspended, null, null, null));

    /// <summary>Deletes a web domain like <c>v-delete-web-domain</c>.</summary>
    public void DeleteWebDomain(string user, string domain) => Run("v-delete-web-domain", user, domain).ThrowIfFailed();

    /// <summary>Sets SUSPENDED=yes on a domain.</summary>
    public void SuspendWebDomain(string user, string domain) => Do(() => Domain(user, domain).Set("SUSPENDED", "yes"));

    /// <summary>Sets SUSPENDED=no on a domain.</summary>
    public void UnsuspendWebDomain(string user, string domain) => Do(() => Domain(user, domain).Set("SUSPENDED", "no"));

    /// <summary>Creates a folder (mkdir -p) relative to <c>/home/USER/web/DOMAIN</c>.</summary>
    public void AddFolder(string user, string domain, string relPath) => Do(() =>
    {
        Domain(user, domain);
        _state.Fs.MakeDirs($"/home/{user}/web/{domain}/{relPath.Trim('/')}", user, "751", _state.Time.GetLocalNow());
    });

    /// <summary>Removes a folder and everything below it (rm -r), relative to <c>/home/USER/web/DOMAIN</c>.</summary>
    public void RemoveFolder(string user, string domain, string relPath) => Do(() =>
    {
        Domain(user, domain);
        _state.Fs.RemoveTree($"/home/{user}/web/{domain}/{relPath.Trim('/')}");
    });

    /// <summary>Creates a file relative to <c>/home/USER/web/DOMAIN</c>.</summary>
    public void AddFile(string user, string domain, string relPath, long size = 0) => Do(() =>
    {
        Domain(user, domain);
        _state.Fs.AddFile($"/home/{user}/web/{domain}/{relPath.Trim('/')}", user, size, _state.Time.GetLocalNow());
    });

    /// <summary>Creates a folder at an absolute path (missing parents 751 for the owner) with its owner, group and mode.</summary>
    public void AddFolderAt(string absolutePath, string owner, string? group, string mode) =>
        Do(() => _state.Fs.AddFolder(absolutePath, owner, mode, _state.Time.GetLocalNow(), group));

    /// <summary>Creates (or replaces) a regular file at an absolute path with its owner, group, mode and size.</summary>
    public void AddFileAt(string absolutePath, string owner, string? group, string mode, long size) =>
        Do(() => _state.Fs.AddFile(absolutePath, owner, size, _state.Time.GetLocalNow(), mode, group));

    /// <summary>Creates (or replaces) a symbolic link at an absolute path (mode 777, size = the target's length; not followed).</summary>
    public void AddSymlinkAt(string absolutePath, string target, string owner, string? group) =>
        Do(() => _state.Fs.AddSymlink(absolutePath, target, owner, _state.Time.GetLocalNow(), group));

    /// <summary>True when an absolute path exists in the fake filesystem.</summary>
    public bool PathExists(string absolutePath) => Read(() => _state.Fs.Exists(absolutePath));

    // ---------------------------------------------------------------- FTP accounts (bypassing the API)

    /// <summary>Adds an FTP account without any API check (full login, stored FTP_PATH entry).</summary>
    public void AddFtpAccountDirect(string user, string domain, string fullLogin, string path = "", string? password = null) =>
        Do(() => _provisioning.AddFtpDirect(Find(user), Domain(user, domain), fullLogin, path, password));

    /// <summary>Removes an FTP account (exact name) from the domain's lists and /etc/passwd.</summary>
    public void DeleteFtpAccountDirect(string user, string domain, string fullLogin) =>
        Do(() => _provisioning.RemoveFtpDirect(Domain(user, domain), fullLogin));

    /// <summary>Sets an FTP account's stored path and home directly (creating the folder).</summary>
    public void ChangeFtpPathDirect(string user, string domain, string fullLogin, string path) =>
        Do(() => _provisioning.ChangeFtpPathDirect(Find(user), Domain(user, domain), fullLogin, path));

    // ---------------------------------------------------------------- faults and CLI

    /// <summary>Makes the next <paramref name="count"/> requests for <paramref name="command"/> that pass authentication fail
    /// with <paramref name="fault"/> (see <see cref="EmulatorFault"/>).</summary>
    public void FailNext(string command, EmulatorFault fault, int count = 1, TimeSpan? delay = null) => Do(() =>
    {
        for (var i = 0; i < count; i++)
        {
            _state.Faults.Add(new PendingFault(command, fault, delay ?? TimeSpan.Zero));
        }
    });

    /// <summary>
    /// Makes an out-of-band change right after the next API request for <paramref name="command"/> has run, before it is
    /// answered, as an admin on the server's shell might between two calls of a client: reproduces such a race
    /// deterministically. <paramref name="change"/> may call this control's methods.
    /// </summary>
    public void AfterNext(string command, Action change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Do(() => _state.AfterNext.Add((command, change)));
    }

    /// <summary>Drops all pending faults and <see cref="AfterNext"/> changes.</summary>
    public void ClearFaults() => Do(() =>
    {
        _state.Faults.Clear();
        _state.AfterNext.Clear();
    });

    /// <summary>
    /// Latency model for every API request answered by <see cref="HestiaEmulator.HandleAsync"/> (so by
    /// <see cref="EmulatorServer"/>), from the next request on: the answer waits <paramref name="perCall"/>, plus
    /// <paramref name="perRecordListed"/> per record a list command printed: the user's domains for
    /// <c>v-list-web-domains</c>, 1 for <c>v-list-web-domain</c>, users for <c>v-list-users</c>, the lines of
    /// <c>v-list-fs-directory</c> (the directory itself and each entry); 0 for every other command and for failures.
    /// The command takes effect when the request arrives; only the answer waits, on the emulator's
    /// <see cref="TimeProvider"/> and outside its lock, so other requests proceed meanwhile (like PHP workers).
    /// The synchronous <see cref="HestiaEmulator.Handle"/> ignores it.
    /// </summary>
    public void SetLatency(TimeSpan perCall, TimeSpan perRecordListed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perCall, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(perRecordListed, TimeSpan.Zero);
        Do(() => (_state.LatencyPerCall, _state.LatencyPerRecord) = (perCall, perRecordListed));
    }

    /// <summary>Answers without added latency again (the default).</summary>
    public void ClearLatency() => SetLatency(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Runs a v-* command as root on the server shell (no API checks, no faults).</summary>
    public EmulatorCliResult Run(string command, params string[] args)
    {
        lock (_state.Sync)
        {
            var result = _commands.Execute(command, [.. args]);
            return new EmulatorCliResult(result.Exit, string.Join('\n', result.Lines));
        }
    }

    // ---------------------------------------------------------------- readers

    /// <summary>Panel users in creation order.</summary>
    public IReadOnlyList<EmulatorUserInfo> GetUsers() => Read(() =>
        (IReadOnlyList<EmulatorUserInfo>)[.. _state.Users.Select(u => new EmulatorUserInfo(u.Name, u.Get("ROLE"), u.Suspended, [.. u.Domains.Select(d => d.Domain)]))]);

    /// <summary>A user's web domains in web.conf order.</summary>
    public IReadOnlyList<EmulatorDomainInfo> GetDomains(string user) => Read(() =>
        (IReadOnlyList<EmulatorDomainInfo>)[.. Find(user).Domains.Select(d => new EmulatorDomainInfo(
            d.Domain, d.Get("IP"), d.Get("ALIAS"), d.Get("SSL") == "yes", d.Suspended, d.Get("FTP_USER"), d.Get("FTP_PATH")))]);

    /// <summary>The domain's FTP accounts paired from FTP_USER / FTP_PATH.</summary>
    public IReadOnlyList<EmulatorFtpAccount> GetFtpAccounts(string user, string domain) => Read(() =>
    {
        var web = Domain(user, domain);
        var users = web.Get("FTP_USER").Split(':', StringSplitOptions.None);
        var paths = web.Get("FTP_PATH").Split(':');
        return (IReadOnlyList<EmulatorFtpAccount>)[.. users.Select((u, i) => (u, i)).Where(x => x.u.Length > 0)
            .Select(x => new EmulatorFtpAccount(x.u, x.i < paths.Length ? paths[x.i] : ""))];
    });

    /// <summary>The password an account (FTP or panel) currently has, or null when the account does not exist.</summary>
    public string? PasswordOf(string login) => Read(() => _state.Passwd.FirstOrDefault(p => p.Name == login)?.Password);

    /// <summary>The account's home directory in /etc/passwd, or null.</summary>
    public string? HomeOf(string login) => Read(() => _state.Passwd.FirstOrDefault(p => p.Name == login)?.Home);

    /// <summary>True when the account's shadow entry is locked (<c>usermod --lock</c>).</summary>
    public bool IsLocked(string login) => Read(() => _state.Passwd.FirstOrDefault(p => p.Name == login)?.Locked ?? false);

    /// <summary>All /etc/passwd names whose name starts with the prefix, in file order.</summary>
    public IReadOnlyList<string> GetSystemAccounts(string prefix = "") => Read(() =>
        (IReadOnlyList<string>)[.. _state.Passwd.Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Name)]);

    // ---------------------------------------------------------------- helpers

    private void Do(Action action)
    {
        lock (_state.Sync)
        {
            action();
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_state.Sync)
        {
            return read();
        }
    }

    private PanelUser Find(string user) =>
        _state.Users.FirstOrDefault(u => u.Name == user) ?? throw new InvalidOperationException($"No panel user {user}.");

    private PasswdEntry Passwd(string user) =>
        _state.Passwd.FirstOrDefault(p => p.Name == user) ?? throw new InvalidOperationException($"No account {user}.");

    private WebDomainRecord Domain(string user, string domain) =>
        Find(user).Domains.FirstOrDefault(d => d.Domain == domain) ?? throw new InvalidOperationException($"No web domain {domain} for {user}.");
}

internal static class EmulatorCliResultExtensions
{
    public static void ThrowIfFailed(this EmulatorCliResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Command failed ({result.ExitCode}): {result.Output}");
        }
    }
}
