namespace HestiaFtp.Emulator.State;

/// <summary>
/// Everything the emulated server holds: hestia.conf switches, /etc/passwd, the panel users with their web domains,
/// keys, API profiles, /tmp files and the file system, plus the emulator's own knobs (faults, latency, call counts).
/// One lock (<see cref="Sync"/>) guards all of it; callers take it, this type does not.
/// </summary>
internal sealed class ServerState
{
    /// <summary>System accounts of a fresh Debian 12 HestiaCP install, in /etc/passwd order.</summary>
    private static readonly string[] SystemAccounts =
    [
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data",
        "backup", "list", "irc", "_apt", "nobody", "systemd-network", "messagebus", "systemd-timesync", "sshd",
        "bind", "ntp", "mysql", "Debian-exim", "dovecot", "clamav", "debian-spamd", "ftp", "hestiaweb", "hestiamail",
    ];

    /// <summary>The API profiles HestiaCP ships in <c>data/api/</c>.</summary>
    private static readonly (string Name, IReadOnlyList<string> Commands)[] ShippedProfiles =
    [
        ("billing", ["v-add-user", "v-delete-user", "v-suspend-user", "v-unsuspend-user", "v-change-user-shell", "v-list-user", "v-list-users", "v-make-tmp-file", "v-add-domain", "v-change-user-package", "v-change-user-password"]),
        ("mail-accounts", ["v-list-mail-domains", "v-list-mail-domain", "v-list-mail-account", "v-list-mail-accounts"]),
        ("phpmyadmin-sso", ["v-add-database-temp-user", "v-delete-database-temp-user"]),
        ("purge-nginx-cache", ["v-purge-nginx-cache", "v-list-web-domains", "v-list-web-domain"]),
        ("sync-dns-cluster", ["v-list-users", "v-list-sys-config", "v-list-user", "v-make-tmp-file"]),
        ("update-dns-records", ["v-list-dns-records", "v-change-dns-record"]),
    ];

    public ServerState(TimeProvider time)
    {
        Time = time;
        Fs = new FakeFileSystem(time.GetLocalNow());
        Reset();
    }

    public Lock Sync { get; } = new();

    public TimeProvider Time { get; }

    // ---- hestia.conf ----
    public string RootUser { get; set; } = "admin";
    public string Api { get; set; } = "yes";
    public string ApiSystem { get; set; } = "1";
    public string ApiAllowedIp { get; set; } = "";
    public bool DemoMode { get; set; }
    public string WebSystem { get; set; } = "nginx";
    public string WebBackend { get; set; } = "php-fpm";
    public string ProxySystem { get; set; } = "";

    /// <summary>The IP v-add-web-domain uses when none is given (the seed's first domain IP).</summary>
    public string DefaultIp { get; set; } = "127.0.0.1";

    // ---- data ----
    public List<PasswdEntry> Passwd { get; } = [];
    public List<PanelUser> Users { get; } = [];
    public Dictionary<string, AccessKeyRecord> AccessKeys { get; } = new(StringComparer.Ordinal);
    public HashSet<string> LegacyKeys { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IReadOnlyList<string>> ApiProfiles { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> TmpFiles { get; } = new(StringComparer.Ordinal);
    public FakeFileSystem Fs { get; private set; }

    // ---- the emulator's own knobs ----
    public List<PendingFault> Faults { get; } = [];
    public List<(string Command, Action Change)> AfterNext { get; } = [];
    public TimeSpan LatencyPerCall { get; set; }
    public TimeSpan LatencyPerRecord { get; set; }
    public Dictionary<string, int> CallCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>PAM stand-in for <c>chpasswd</c>: true rejects (login, password).</summary>
    public Func<string, string, bool>? RejectPasswordHook { get; set; }

    public PanelUser? FindUser(string name) => Users.FirstOrDefault(u => u.Name == name);

    public PasswdEntry? FindAccount(string name) => Passwd.FirstOrDefault(p => p.Name == name);

    public int UidOf(string user) => FindAccount(user)?.Uid ?? 1000;

    /// <summary>Back to a fresh install: no panel users, keys or files, shipped profiles, no faults, latency or counts.</summary>
    public void Reset()
    {
        (RootUser, Api, ApiSystem, ApiAllowedIp, DemoMode) = ("admin", "yes", "1", "", false);
        (WebSystem, WebBackend, ProxySystem, DefaultIp) = ("nginx", "php-fpm", "", "127.0.0.1");
        Fs = new FakeFileSystem(Time.GetLocalNow());
        Passwd.Clear();
        Users.Clear();
        AccessKeys.Clear();
        LegacyKeys.Clear();
        ApiProfiles.Clear();
        TmpFiles.Clear();
        Faults.Clear();
        AfterNext.Clear();
        CallCounts.Clear();
        (LatencyPerCall, LatencyPerRecord) = (TimeSpan.Zero, TimeSpan.Zero);
        foreach (var (name, commands) in ShippedProfiles)
        {
            ApiProfiles[name] = commands;
        }

        var uid = 0;
        foreach (var sys in SystemAccounts)
        {
            Passwd.Add(new PasswdEntry { Name = sys, Uid = uid++, Home = sys == "root" ? "/root" : "/nonexistent" });
        }
    }

    public static string DomainDir(string user, string domain) => $"/home/{user}/web/{domain}";
}

/// <summary>A fault waiting for the next request of <paramref name="Command"/>.</summary>
internal readonly record struct PendingFault(string Command, EmulatorFault Fault, TimeSpan Delay);
