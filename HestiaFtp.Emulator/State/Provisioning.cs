using System.Globalization;
using HestiaFtp.Emulator.Shell;

namespace HestiaFtp.Emulator.State;

/// <summary>
/// The effects that build and tear down panel objects (user.conf, web.conf lines, /etc/passwd entries, folder
/// skeletons), shared by the scripts, the seed and the out-of-band control; the checks stay with the callers.
/// </summary>
internal sealed class Provisioning(ServerState state)
{
    public const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public PanelUser AddPanelUser(string name, string? password, string role, IReadOnlyDictionary<string, string>? fields)
    {
        if (state.Passwd.Any(p => p.Name == name))
        {
            throw new InvalidOperationException($"A system account named {name} already exists.");
        }

        var now = state.Time.GetLocalNow();
        var uid = state.Passwd.Select(p => p.Uid).Where(u => u >= 1000).DefaultIfEmpty(999).Max() + 1;
        var user = new PanelUser { Name = name };
        var defaults = new List<(string, string)> { ("NAME", name == state.RootUser ? "System Administrator" : name), ("PACKAGE", HestiaPackages.DefaultName) };
        defaults.AddRange(HestiaPackages.Find(HestiaPackages.DefaultName)!);
        defaults.AddRange(
        [
            ("CONTACT", $"{name}@example.test"), ("CRON_REPORTS", "yes"), ("RKEY", RandomRkey()), ("TWOFA", ""),
            ("QRCODE", ""), ("PHPCLI", ""), ("ROLE", role), ("SUSPENDED", "no"), ("SUSPENDED_USERS", "0"), ("SUSPENDED_WEB", "0"),
            ("SUSPENDED_DNS", "0"), ("SUSPENDED_MAIL", "0"), ("SUSPENDED_DB", "0"), ("SUSPENDED_CRON", "0"),
            ("IP_AVAIL", "1"), ("IP_OWNED", role == "admin" ? "1" : "0"), ("U_USERS", "0"),
            ("U_DISK", "0"), ("U_DISK_DIRS", "0"), ("U_DISK_WEB", "0"), ("U_DISK_MAIL", "0"), ("U_DISK_DB", "0"),
            ("U_BANDWIDTH", "0"), ("U_DNS_DOMAINS", "0"), ("U_DNS_RECORDS", "0"), ("U_MAIL_DOMAINS", "0"), ("U_MAIL_DKIM", "0"),
            ("U_MAIL_ACCOUNTS", "0"), ("U_DATABASES", "0"), ("U_CRON_JOBS", "0"), ("U_BACKUPS", "0"),
            ("LANGUAGE", ""), ("THEME", ""), ("NOTIFICATIONS", "no"), ("PREF_UI_SORT", "name"),
            ("LOGIN_DISABLED", "no"), ("LOGIN_USE_IPLIST", "no"), ("LOGIN_ALLOW_IPS", ""),
            ("TIME", now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)), ("DATE", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ]);
        foreach (var (k, v) in defaults)
        {
            user.Conf[k] = v;
        }

        foreach (var (k, v) in fields ?? new Dictionary<string, string>())
        {
            user.Conf[k] = v;
        }

        state.Users.Add(user);
        state.Passwd.Add(new PasswdEntry
        {
            Name = name, Uid = uid, Home = $"/home/{name}", Gecos = user.Get("CONTACT").Contains('@') ? user.Get("CONTACT") : name + "@localhost",
            Shell = "/usr/sbin/nologin", Password = password,
        });
        UserHome.Create(state.Fs, name, now);
        return user;
    }

    public WebDomainRecord CreateDomain(PanelUser user, string domain, string ip, string alias, bool ssl, bool suspended,
        IReadOnlyDictionary<string, string>? fields, IEnumerable<string>? folders, IEnumerable<string>? files)
    {
        var now = state.Time.GetLocalNow();
        var web = new WebDomainRecord { Domain = domain };
        var values = new (string, string)[]
        {
            ("IP", ip), ("IP6", ""), ("CUSTOM_DOCROOT", ""), ("CUSTOM_PHPROOT", ""), ("FASTCGI_CACHE", ""), ("FASTCGI_DURATION", ""),
            ("ALIAS", alias), ("TPL", "default"), ("SSL", ssl ? "yes" : "no"), ("SSL_FORCE", ssl ? "yes" : "no"),
            ("SSL_HSTS", ssl ? "no" : ""), ("SSL_HOME", "same"), ("LETSENCRYPT", ssl ? "yes" : "no"), ("FTP_USER", ""),
            ("FTP_MD5", ""), ("BACKEND", "default"), ("PROXY", "default"), ("PROXY_EXT", ""),
            ("STATS", ""), ("STATS_USER", ""), ("STATS_CRYPT", ""), ("AUTH_USER", ""), ("AUTH_HASH", ""),
            ("REDIRECT", ""), ("REDIRECT_CODE", ""), ("U_DISK", "0"), ("U_BANDWIDTH", "0"),
            ("SUSPENDED", suspended ? "yes" : "no"),
            ("TIME", now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)), ("DATE", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        foreach (var (k, v) in values)
        {
            web.Set(k, v);
        }

        foreach (var (k, v) in fields ?? new Dictionary<string, string>())
        {
            web.Set(k, v);
        }

        user.Domains.Add(web); // no FTP_PATH key until the first FTP account (bin/v-add-web-domain 241-245)
        WebDomainSkeleton.Create(state.Fs, user.Name, domain, folders, files, now);
        return web;
    }

    /// <summary>v-delete-web-domain's effects on the file system: the domain folder and its log files.</summary>
    public void RemoveDomainFiles(string user, string domain)
    {
        state.Fs.RemoveTree(ServerState.DomainDir(user, domain));
        WebDomainSkeleton.RemoveLogs(state.Fs, domain);
    }

    /// <summary>v-delete-user's effects: its domains with their FTP accounts, the system account, the home folder.</summary>
    public void RemovePanelUser(PanelUser user)
    {
        foreach (var web in user.Domains)
        {
            foreach (var ftp in ShellLists.Items(web.Get("FTP_USER")).Where(x => x.Length > 0).ToList())
            {
                RemoveFtpAccount(web, ftp);
            }

            WebDomainSkeleton.RemoveLogs(state.Fs, web.Domain);
        }

        user.Domains.Clear();
        state.Users.Remove(user);
        state.Passwd.RemoveAll(p => p.Name == user.Name);
        state.Fs.RemoveTree($"/home/{user.Name}"); // access keys stay: v-check-access-key then finds no such user
    }

    public void AddFtpDirect(PanelUser user, WebDomainRecord web, string login, string path, string? password)
    {
        if (state.Passwd.Any(p => p.Name == login))
        {
            throw new InvalidOperationException($"A system account named {login} already exists.");
        }

        var dir = ServerState.DomainDir(user.Name, web.Domain);
        var home = path.Length == 0 ? dir : dir + (path.StartsWith('/') ? "" : "/") + path.TrimEnd('/');
        state.Fs.MakeDirs(home, user.Name, "751", state.Time.GetLocalNow());
        state.Passwd.Add(new PasswdEntry { Name = login, Uid = state.UidOf(user.Name), Home = home, Password = password, Locked = user.Suspended });
        AppendFtpAccount(web, login, path);
    }

    /// <summary>Appends to FTP_USER / FTP_PATH (the first account sets both).</summary>
    public static void AppendFtpAccount(WebDomainRecord web, string login, string path)
    {
        if (web.Get("FTP_USER").Length > 0)
        {
            web.Set("FTP_USER", web.Get("FTP_USER") + ":" + login);
            web.Set("FTP_PATH", web.Get("FTP_PATH") + ":" + path);
        }
        else
        {
            web.Set("FTP_USER", login);
            web.Set("FTP_PATH", path);
        }
    }

    /// <summary>Removes an FTP account (exact name) from FTP_USER / FTP_PATH and /etc/passwd, without the script's quirks.</summary>
    public void RemoveFtpDirect(WebDomainRecord web, string login)
    {
        var users = web.Get("FTP_USER").Split(':').ToList();
        var paths = web.Get("FTP_PATH").Split(':').ToList();
        var index = users.IndexOf(login);
        if (index < 0)
        {
            throw new InvalidOperationException($"No FTP account {login} on {web.Domain}.");
        }

        users.RemoveAt(index);
        if (index < paths.Count)
        {
            paths.RemoveAt(index);
        }

        web.Set("FTP_USER", string.Join(':', users));
        web.Set("FTP_PATH", users.Count == 0 ? "" : string.Join(':', paths));
        state.Passwd.RemoveAll(p => p.Name == login);
    }

    /// <summary>Sets an FTP account's stored FTP_PATH entry and its home (creating the folder), without the script's checks.</summary>
    public void ChangeFtpPathDirect(PanelUser user, WebDomainRecord web, string login, string path)
    {
        var users = web.Get("FTP_USER").Split(':').ToList();
        var paths = web.Get("FTP_PATH").Split(':').ToList();
        var index = users.IndexOf(login);
        if (index < 0)
        {
            throw new InvalidOperationException($"No FTP account {login} on {web.Domain}.");
        }

        while (paths.Count < users.Count)
        {
            paths.Add("");
        }

        paths[index] = path;
        web.Set("FTP_PATH", string.Join(':', paths));
        var home = ServerState.DomainDir(user.Name, web.Domain) + (path.Length == 0 ? "" : (path.StartsWith('/') ? "" : "/") + path.TrimEnd('/'));
        state.Fs.MakeDirs(home, user.Name, "751", state.Time.GetLocalNow());
        if (state.FindAccount(login) is { } entry)
        {
            entry.Home = home;
        }
    }

    /// <summary>v-delete-web-domain-ftp's effects: the system account and the account's place in FTP_USER / FTP_PATH.</summary>
    public void RemoveFtpAccount(WebDomainRecord web, string ftpUser)
    {
        // userdel NAME; on failure: sed -i "/^NAME:/d" /etc/passwd (a '.' in NAME matches any character).
        var literal = state.Passwd.FindIndex(p => p.Name == ftpUser);
        if (literal >= 0)
        {
            state.Passwd.RemoveAt(literal);
        }
        else
        {
            var regex = Bre.Compile("^" + Bre.Literal(ftpUser) + ":");
            state.Passwd.RemoveAll(p => regex.IsMatch(p.Line));
        }

        var positions = ShellLists.Positions(web.Get("FTP_USER"), ftpUser);
        web.Set("FTP_USER", ShellLists.RemovePositions(web.Get("FTP_USER"), positions, dropEmpty: true));
        web.Set("FTP_PATH", ShellLists.RemovePositions(web.Get("FTP_PATH"), positions, dropEmpty: false));
    }

    /// <summary>v-(un)suspend-user's effects.</summary>
    public void ApplyUserSuspension(PanelUser panelUser, bool suspend)
    {
        // usermod --lock USER and every /etc/passwd account matching ^USER_
        var prefix = Bre.Compile("^" + Bre.Literal(panelUser.Name + "_"));
        foreach (var entry in state.Passwd.Where(p => p.Name == panelUser.Name || prefix.IsMatch(p.Name)))
        {
            entry.Locked = suspend;
        }

        // v-(un)suspend-web-domains: every domain currently in the other state.
        foreach (var web in panelUser.Domains)
        {
            web.Set("SUSPENDED", suspend ? "yes" : "no");
        }

        panelUser.Conf["SUSPENDED"] = suspend ? "yes" : "no";
    }

    public static string RandomToken(int length, string alphabet)
    {
        return string.Create(length, alphabet, static (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[System.Security.Cryptography.RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }

    private static string RandomRkey() => RandomToken(16, Alnum);
}
