using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator;

/// <summary>The v-* scripts: their checks (in upstream order), messages, exit codes and effects.</summary>
public sealed partial class HestiaEmulator
{
    internal sealed record CmdResult(int Exit, List<string> Lines)
    {
        /// <summary>Records a v-list-* command printed (users, domains, fs entries): what the latency model charges per record.</summary>
        public int Records { get; init; }
    }

    /// <summary>Thrown by a check to end the "script" like bash <c>exit N</c> after printing lines.</summary>
    private sealed class ScriptExit(int code, List<string> lines) : Exception
    {
        public int Code { get; } = code;
        public List<string> Lines { get; } = lines;
    }

    private sealed record CommandDef(string Options, Func<HestiaEmulator, List<string>, CmdResult> Run);

    private const string DemoMessage = "ERROR: Unable to perform operation due to security restrictions that are in place.";

    internal static readonly string[] SystemAccounts =
    [
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data",
        "backup", "list", "irc", "_apt", "nobody", "systemd-network", "messagebus", "systemd-timesync", "sshd",
        "bind", "ntp", "mysql", "Debian-exim", "dovecot", "clamav", "debian-spamd", "ftp", "hestiaweb", "hestiamail",
    ];

    private static readonly (string Name, IReadOnlyList<string> Commands)[] ShippedProfiles =
    [
        ("billing", ["v-add-user", "v-delete-user", "v-suspend-user", "v-unsuspend-user", "v-change-user-shell", "v-list-user", "v-list-users", "v-make-tmp-file", "v-add-domain", "v-change-user-package", "v-change-user-password"]),
        ("mail-accounts", ["v-list-mail-domains", "v-list-mail-domain", "v-list-mail-account", "v-list-mail-accounts"]),
        ("phpmyadmin-sso", ["v-add-database-temp-user", "v-delete-database-temp-user"]),
        ("purge-nginx-cache", ["v-purge-nginx-cache", "v-list-web-domains", "v-list-web-domain"]),
        ("sync-dns-cluster", ["v-list-users", "v-list-sys-config", "v-list-user", "v-make-tmp-file"]),
        ("update-dns-records", ["v-list-dns-records", "v-change-dns-record"]),
    ];

    private static readonly Dictionary<string, CommandDef> Commands = new(StringComparer.Ordinal)
    {
        ["v-list-users"] = new("[FORMAT]", (e, a) => e.ListUsers(a)),
        ["v-list-user"] = new("USER [FORMAT]", (e, a) => e.ListUser(a)),
        ["v-list-web-domains"] = new("USER [FORMAT]", (e, a) => e.ListWebDomains(a)),
        ["v-list-web-domain"] = new("USER DOMAIN [FORMAT]", (e, a) => e.ListWebDomain(a)),
        ["v-add-web-domain-ftp"] = new("USER DOMAIN FTP_USER FTP_PASSWORD [FTP_PATH]", (e, a) => e.AddFtp(a)),
        ["v-change-web-domain-ftp-password"] = new("USER DOMAIN FTP_USER FTP_PASSWORD", (e, a) => e.ChangeFtpPassword(a)),
        ["v-change-web-domain-ftp-path"] = new("USER DOMAIN FTP_USER FTP_PATH", (e, a) => e.ChangeFtpPath(a)),
        ["v-delete-web-domain-ftp"] = new("USER DOMAIN FTP_USER", (e, a) => e.DeleteFtp(a)),
        ["v-suspend-web-domain"] = new("USER DOMAIN [RESTART]", (e, a) => e.SuspendWebDomain(a, true)),
        ["v-unsuspend-web-domain"] = new("USER DOMAIN [RESTART]", (e, a) => e.SuspendWebDomain(a, false)),
        ["v-suspend-user"] = new("USER [RESTART]", (e, a) => e.SuspendUser(a, true)),
        ["v-unsuspend-user"] = new("USER [RESTART]", (e, a) => e.SuspendUser(a, false)),
        ["v-add-web-domain"] = new("USER DOMAIN [IP] [RESTART] [ALIASES] [PROXY_EXTENSIONS]", (e, a) => e.AddWebDomain(a)),
        ["v-delete-web-domain"] = new("USER DOMAIN [RESTART]", (e, a) => e.DeleteWebDomain(a)),
        ["v-check-user-password"] = new("USER PASSWORD [IP] [RETURN_HASH]", (e, a) => e.CheckUserPassword(a)),
        ["v-check-fs-permission"] = new("USER FILE", (e, a) => e.CheckFsPermission(a)),
        ["v-list-fs-directory"] = new("USER DIRECTORY", (e, a) => e.ListFsDirectory(a)),
    };

    /// <summary>Names of the commands the emulator implements (anything else is "not found").</summary>
    public static IReadOnlyCollection<string> SupportedCommands => Commands.Keys;

    internal CmdResult Execute(string cmd, List<string> args)
    {
        if (!Commands.TryGetValue(cmd, out var def))
        {
            return new CmdResult(1, []); // sudo: command not found (stderr only)
        }

        try
        {
            return def.Run(this, args);
        }
        catch (ScriptExit exit)
        {
            return new CmdResult(exit.Code, exit.Lines);
        }
    }

    private static CmdResult Ok(params string[] lines) => new(0, [.. lines]);

    private static CmdResult Listed(int records, params IEnumerable<string> lines) => new(0, [.. lines]) { Records = records };

    private static ScriptExit Fail(int code, string message) => new(code, [message]);

    // ------------------------------------------------------------------ shared checks (func/main.sh)

    private static void CheckArgs(List<string> args, int required, string cmd, string usage)
    {
        if (args.Count < required)
        {
            throw Fail(1, $"Usage: {cmd} {usage}");
        }
    }

    private static string Arg(List<string> args, int index) => index < args.Count ? args[index] : "";

    private static readonly Regex UserFormat = new(@"^[A-Za-z0-9][-|\\._A-Za-z0-9]{0,28}[A-Za-z0-9]$", RegexOptions.CultureInvariant);
    private static readonly Regex OneChar = new("^[A-Za-z0-9]$", RegexOptions.CultureInvariant);

    private static void UserFormatValid(string value, string argName)
    {
        if (value.Length == 0)
        {
            return;
        }

        var ok = value.Length == 1 ? OneChar.IsMatch(value) : UserFormat.IsMatch(value);
        if (!ok || value.Any(c => c > 127))
        {
            throw Fail(2, $"Error: invalid {argName} format :: {value}");
        }
    }

    private const string DomainExcluded = "[]!@#$^&*()+={},<>?_/\\\"|'`;%";

    private static void DomainFormatValid(string value, string objectName = "domain")
    {
        if (value.Length == 0)
        {
            return;
        }

        if (value.Any(c => DomainExcluded.Contains(c) || char.IsWhiteSpace(c))
            || value.All(char.IsAsciiDigit)
            || value.Contains("..", StringComparison.Ordinal)
            || value.StartsWith('-') || value.EndsWith('-')
            || value.StartsWith('.') || value.EndsWith('.')
            || value.Contains(".-", StringComparison.Ordinal) || value.Contains("-.", StringComparison.Ordinal)
            || value == "www")
        {
            throw Fail(2, $"Error: invalid {objectName} format :: {value}");
        }
    }

    /// <summary>format_domain: lower-case, strip <c>www.</c>, leading/trailing dots, surrounding blanks.</summary>
    private static string NormalizeDomain(string domain)
    {
        if (domain.Any(c => c > 127))
        {
            var first = domain.IndexOfAny([.. domain.Where(char.IsUpper)]);
            if (first >= 0)
            {
                domain = domain[..first] + domain[first..].ToLowerInvariant();
            }
        }
        else
        {
            domain = domain.ToLowerInvariant();
        }

        if (domain.StartsWith("www.", StringComparison.Ordinal))
        {
            domain = domain[4..];
        }

        domain = domain.TrimEnd('.').TrimStart('.');
        // echo $domain: word splitting joins runs of blanks with one space, then trim.
        return string.Join(' ', domain.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    private PanelUser UserExists(string user)
    {
        return Users.FirstOrDefault(u => u.Name == user) ?? throw Fail(3, $"Error: user {user} doesn't exist");
    }

    private static void UserUnsuspended(PanelUser user)
    {
        if (user.Suspended)
        {
            throw Fail(5, $"Error: user {user.Name} is suspended");
        }
    }

    /// <summary>is_object_valid 'web': <c>grep "DOMAIN='$domain'"</c> (a <c>.</c> in the argument matches any character).</summary>
    private static WebDomainRecord WebDomainExists(PanelUser user, string domain)
    {
        var exact = user.Domains.FirstOrDefault(d => d.Domain == domain);
        if (exact is not null)
        {
            return exact;
        }

        var regex = Bre.Compile("DOMAIN='" + Bre.Literal(domain) + "'");
        return user.Domains.FirstOrDefault(d => regex.IsMatch("DOMAIN='" + d.Domain + "'"))
            ?? throw Fail(3, $"Error: web domain {domain} doesn't exist");
    }

    private static void WebUnsuspended(WebDomainRecord web, string domainArg)
    {
        if (web.Suspended)
        {
            throw Fail(5, $"Error: web {domainArg} is suspended");
        }
    }

    private void DemoCheck()
    {
        if (DemoMode)
        {
            throw Fail(1, DemoMessage);
        }
    }

    /// <summary>is_password_valid: a value naming an existing /tmp/ file is replaced by the file's first line.</summary>
    private string PasswordIndirection(string password)
    {
        if (password.StartsWith("/tmp/", StringComparison.Ordinal) && !password.Contains("../", StringComparison.Ordinal)
            && TmpFiles.TryGetValue(password, out var content))
        {
            return content.Split('\n')[0];
        }

        return password;
    }

    private bool PamRejects(string login, string password) =>
        password.Length == 0 || (Control.RejectPasswordHook?.Invoke(login, password) ?? false);

    private static string DomainDir(string user, string domain) => $"/home/{user}/web/{domain}";

    /// <summary>Items of a colon list as <c>echo $LIST | tr ':' '\n'</c> yields them.</summary>
    private static List<string> ShellItems(string raw)
    {
        var joined = string.Join(' ', raw.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return [.. joined.Split(':')];
    }

    /// <summary>1-based positions of FTP_USER items matching <c>^name$</c> (grep, <c>.</c> = any character).</summary>
    private static List<int> FtpPositions(string ftpUserList, string name)
    {
        var regex = Bre.Compile("^" + Bre.Literal(name) + "$");
        var items = ShellItems(ftpUserList);
        return [.. Enumerable.Range(1, items.Count).Where(i => regex.IsMatch(items[i - 1]))];
    }

    /// <summary><c>grep -n '' | grep -v "^$position:" | cut -f 2 -d :</c> with a possibly multi-line position.</summary>
    private static string RemovePositions(string raw, List<int> positions, bool dropEmpty)
    {
        var patterns = ("^" + string.Join('\n', positions) + ":").Split('\n')
            .Select(p => Bre.Compile(p.StartsWith('^') ? "^" + Regex.Escape(p[1..]) : Regex.Escape(p)))
            .ToList();
        var items = ShellItems(raw);
        var kept = Enumerable.Range(1, items.Count)
            .Where(i => !patterns.Any(p => p.IsMatch($"{i}:{items[i - 1]}")))
            .Select(i => items[i - 1])
            .Where(item => !dropEmpty || item.Length > 0);
        return string.Join(':', kept);
    }

    private void RequireAccountOnDomain(WebDomainRecord web, string name)
    {
        if (FtpPositions(web.Get("FTP_USER"), name).Count == 0)
        {
            throw Fail(3, $"Error: account {name} doesn't exist");
        }
    }

    /// <summary>readlink -f + the unanchored "contains" test shared by add and change-path.</summary>
    private string ResolveFtpPath(string user, string domain, string path)
    {
        var dir = DomainDir(user, domain);
        var resolved = Fs.ReadlinkF(dir + "/" + path) ?? "";
        if (!Bre.Compile(Bre.Literal(dir)).IsMatch(resolved))
        {
            throw Fail(2, $"Error: absolute path {resolved} is invalid");
        }

        return resolved;
    }

    private static string RelativeFtpPath(string user, string domain, string absolute) =>
        Bre.Compile(Bre.Literal(DomainDir(user, domain))).Replace(absolute, "", 1);

    private void MakeLeaf(string path, string owner)
    {
        if (!Fs.Exists(path))
        {
            Fs.MakeDirs(path, owner, "751", Time.GetLocalNow());
        }
    }

    // ------------------------------------------------------------------ FTP commands

    private CmdResult AddFtp(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ftpUser = user + "_" + Arg(a, 2);
        var password = Arg(a, 3);
        var ftpPath = Arg(a, 4);

        CheckArgs(a, 4, "v-add-web-domain-ftp", "USER DOMAIN FTP_USER FTP_PASSWORD [FTP_PATH]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        UserFormatValid(ftpUser, "ftp_user");
        var panelUser = UserExists(user);
        UserUnsuspended(panelUser);
        var web = WebDomainExists(panelUser, domain);
        WebUnsuspended(web, domain);
        var dup = Bre.Compile("^" + Bre.Literal(ftpUser) + ":");
        if (Passwd.Any(p => dup.IsMatch(p.Line)))
        {
            throw Fail(4, $"Error: ftp user {ftpUser} already exists");
        }

        password = PasswordIndirection(password);
        DemoCheck();

        string absolute;
        if (ftpPath.Length == 0)
        {
            absolute = DomainDir(user, domain);
        }
        else
        {
            absolute = ResolveFtpPath(user, domain, ftpPath);
            MakeLeaf(absolute, user);
        }

        if (PamRejects(ftpUser, password))
        {
            // useradd ran, chpasswd failed, deluser removed the account again (the folder stays).
            throw Fail(2, "Error: Password not accepted due to PAM restrictions");
        }

        Passwd.Add(new PasswdEntry { Name = ftpUser, Uid = UidOf(user), Home = absolute, Password = password });
        var relative = RelativeFtpPath(user, domain, absolute);
        if (web.Get("FTP_USER").Length > 0)
        {
            web.Set("FTP_USER", web.Get("FTP_USER") + ":" + ftpUser);
            web.Set("FTP_PATH", web.Get("FTP_PATH") + ":" + relative);
        }
        else
        {
            web.Set("FTP_USER", ftpUser);
            web.Set("FTP_PATH", ftpPath); // raw argument for the first account (upstream quirk)
        }

        return Ok();
    }

    private CmdResult DeleteFtp(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ftpUser = Arg(a, 2);
        CheckArgs(a, 3, "v-delete-web-domain-ftp", "USER DOMAIN FTP_USER");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        UserFormatValid(ftpUser, "ftp_user");
        var panelUser = UserExists(user);
        var web = WebDomainExists(panelUser, domain);
        RequireAccountOnDomain(web, ftpUser);
        DemoCheck();
        DeleteFtpEffects(web, ftpUser);
        return Ok();
    }

    private void DeleteFtpEffects(WebDomainRecord web, string ftpUser)
    {
        // userdel NAME; on failure: sed -i "/^NAME:/d" /etc/passwd (a '.' in NAME matches any character).
        var literal = Passwd.FindIndex(p => p.Name == ftpUser);
        if (literal >= 0)
        {
            Passwd.RemoveAt(literal);
        }
        else
        {
            var regex = Bre.Compile("^" + Bre.Literal(ftpUser) + ":");
            Passwd.RemoveAll(p => regex.IsMatch(p.Line));
        }

        var positions = FtpPositions(web.Get("FTP_USER"), ftpUser);
        web.Set("FTP_USER", RemovePositions(web.Get("FTP_USER"), positions, dropEmpty: true));
        web.Set("FTP_PATH", RemovePositions(web.Get("FTP_PATH"), positions, dropEmpty: false));
    }

    private CmdResult ChangeFtpPassword(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ftpUser = Arg(a, 2);
        var password = Arg(a, 3);
        CheckArgs(a, 4, "v-change-web-domain-ftp-password", "USER DOMAIN FTP_USER FTP_PASSWORD");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        UserFormatValid(ftpUser, "ftp_user");
        var panelUser = UserExists(user);
        UserUnsuspended(panelUser);
        var web = WebDomainExists(panelUser, domain);
        WebUnsuspended(web, domain);
        password = PasswordIndirection(password);
        RequireAccountOnDomain(web, ftpUser);
        DemoCheck();

        // chpasswd works on the literal name only.
        var entry = Passwd.FirstOrDefault(p => p.Name == ftpUser);
        if (entry is null || PamRejects(ftpUser, password))
        {
            throw Fail(2, "Error: Password not accepted due to PAM restrictions");
        }

        entry.Password = password;
        entry.Locked = false; // a new shadow hash has no '!' prefix
        return Ok();
    }

    private CmdResult ChangeFtpPath(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ftpUser = Arg(a, 2);
        var ftpPath = Arg(a, 3);
        CheckArgs(a, 4, "v-change-web-domain-ftp-path", "USER DOMAIN FTP_USER FTP_PATH");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        UserFormatValid(ftpUser, "ftp_user");
        var panelUser = UserExists(user);
        UserUnsuspended(panelUser);
        var web = WebDomainExists(panelUser, domain);
        WebUnsuspended(web, domain);
        RequireAccountOnDomain(web, ftpUser);
        var absolute = ResolveFtpPath(user, domain, ftpPath);
        DemoCheck();
        MakeLeaf(absolute, user);

        // grep -n "^NAME:" /etc/passwd; sed on that line number (several matches make sed fail: no change).
        var lineRegex = Bre.Compile("^" + Bre.Literal(ftpUser) + ":");
        var matches = Passwd.Where(p => lineRegex.IsMatch(p.Line)).ToList();
        if (matches.Count == 1 && matches[0].Home.Length > 0)
        {
            matches[0].Home = Bre.Compile(Bre.Literal(matches[0].Home)).Replace(matches[0].Home, absolute);
        }

        var relative = RelativeFtpPath(user, domain, absolute);
        var positions = FtpPositions(web.Get("FTP_USER"), ftpUser);
        var items = ShellItems(web.Get("FTP_PATH"));
        if (positions.Count != 1 || relative.Contains('%', StringComparison.Ordinal))
        {
            web.Set("FTP_PATH", ""); // sed "s%^1\n3:.*%…%" is a syntax error: the pipeline yields nothing
        }
        else
        {
            var pos = positions[0];
            if (pos <= items.Count)
            {
                items[pos - 1] = relative.Split(':')[0]; // cut -f 2 -d : keeps the part before a ':' in the path
            }

            web.Set("FTP_PATH", string.Join(':', items));
        }

        return Ok();
    }

    // ------------------------------------------------------------------ suspension

    private CmdResult SuspendWebDomain(List<string> a, bool suspend)
    {
        var name = suspend ? "v-suspend-web-domain" : "v-unsuspend-web-domain";
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        CheckArgs(a, 2, name, "USER DOMAIN [RESTART]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        RestartFormatValid(Arg(a, 2));
        var panelUser = UserExists(user);
        var web = WebDomainExists(panelUser, domain);
        if (suspend)
        {
            WebUnsuspended(web, domain);
        }
        else if (!web.Suspended)
        {
            throw Fail(6, $"Error: web {domain} is not suspended");
        }

        DemoCheck();
        web.Set("SUSPENDED", suspend ? "yes" : "no");
        return Ok();
    }

    private static void RestartFormatValid(string value)
    {
        if (value.Length > 0 && value is not ("yes" or "no" or "ssl" or "reload" or "updatessl" or "scheduled"))
        {
            throw Fail(2, $"Error: invalid restart format :: {value}");
        }
    }

    private CmdResult SuspendUser(List<string> a, bool suspend)
    {
        var user = Arg(a, 0);
        CheckArgs(a, 1, suspend ? "v-suspend-user" : "v-unsuspend-user", "USER [RESTART]");
        UserFormatValid(user, "user");
        RestartFormatValid(Arg(a, 1));
        var panelUser = UserExists(user);
        if (suspend)
        {
            UserUnsuspended(panelUser);
        }

        if (user == RootUser)
        {
            return Ok();
        }

        DemoCheck();
        ApplyUserSuspension(panelUser, suspend);
        return Ok();
    }

    internal void ApplyUserSuspension(PanelUser panelUser, bool suspend)
    {
        // usermod --lock USER and every /etc/passwd account matching ^USER_
        var prefix = Bre.Compile("^" + Bre.Literal(panelUser.Name + "_"));
        foreach (var entry in Passwd.Where(p => p.Name == panelUser.Name || prefix.IsMatch(p.Name)))
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

    // ------------------------------------------------------------------ web domains

    private CmdResult AddWebDomain(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ip = Arg(a, 2);
        var aliases = Arg(a, 4);
        CheckArgs(a, 2, "v-add-web-domain", "USER DOMAIN [IP] [RESTART] [ALIASES] [PROXY_EXTENSIONS]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        if (ip.Length > 0 && !(IPAddress.TryParse(ip, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetwork && ip.Count(c => c == '.') == 3))
        {
            throw Fail(2, $"Error: invalid ip :: {ip}");
        }

        RestartFormatValid(Arg(a, 3));
        var panelUser = UserExists(user);
        UserUnsuspended(panelUser);
        if (Users.SelectMany(u => u.Domains).Any(d => d.Domain == domain))
        {
            throw Fail(4, $"Error: Web domain {domain} exists");
        }

        if (IPAddress.TryParse(domain, out _))
        {
            throw Fail(1, "Error: Invalid domain format. IP address detected as input.");
        }

        if (Fs.Exists(DomainDir(user, domain)))
        {
            throw Fail(4, $"Error: Web domain folder for {domain} should not exist");
        }

        DemoCheck();
        string alias;
        if (aliases == "none")
        {
            alias = "";
        }
        else if (aliases.Length == 0)
        {
            alias = domain.StartsWith("www.", StringComparison.Ordinal) ? "" : "www." + domain;
        }
        else
        {
            alias = string.Join(',', aliases.ToLowerInvariant().Split(',').Select(x => x.Trim('.')).Where(x => x.Length > 0).Distinct().Order(StringComparer.Ordinal));
        }

        CreateDomain(panelUser, domain, ip.Length > 0 ? ip : DefaultIp, alias, ssl: false, suspended: false, fields: null, folders: null, files: null);
        return Ok();
    }

    internal string DefaultIp = "127.0.0.1";

    internal WebDomainRecord CreateDomain(PanelUser user, string domain, string ip, string alias, bool ssl, bool suspended,
        IReadOnlyDictionary<string, string>? fields, IEnumerable<string>? folders, IEnumerable<string>? files)
    {
        var now = Time.GetLocalNow();
        var web = new WebDomainRecord { Domain = domain };
        var values = new (string, string)[]
        {
            ("IP", ip), ("IP6", ""), ("CUSTOM_DOCROOT", ""), ("CUSTOM_PHPROOT", ""), ("FASTCGI_CACHE", ""), ("FASTCGI_DURATION", ""),
            ("ALIAS", alias), ("TPL", "default"), ("SSL", ssl ? "yes" : "no"), ("SSL_FORCE", ssl ? "yes" : "no"),
            ("SSL_HSTS", ssl ? "no" : ""), ("SSL_HOME", "same"), ("LETSENCRYPT", ssl ? "yes" : "no"), ("FTP_USER", ""),
            ("FTP_MD5", ""), ("FTP_PATH", ""), ("BACKEND", "default"), ("PROXY", "default"), ("PROXY_EXT", ""),
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

        user.Domains.Add(web);
        var dir = DomainDir(user.Name, domain);
        Fs.MakeDirs($"/home/{user.Name}/web", user.Name, "751", now);
        Fs.MakeDirs(dir, user.Name, "751", now);
        foreach (var folder in folders ?? DefaultFolders)
        {
            Fs.MakeDirs(dir + "/" + folder.Trim('/'), user.Name, "751", now);
        }

        foreach (var file in files ?? DefaultFiles(domain))
        {
            Fs.AddFile(dir + "/" + file.Trim('/'), user.Name, FakeSize(file), now);
        }

        return web;
    }

    internal static readonly string[] DefaultFolders = ["public_html", "private", "document_errors", "cgi-bin", "logs", "stats"];

    internal static IEnumerable<string> DefaultFiles(string domain) =>
    [
        "public_html/index.html", "public_html/robots.txt", "document_errors/403.html", "document_errors/404.html",
        "document_errors/410.html", "document_errors/50x.html", $"logs/{domain}.log", $"logs/{domain}.error.log",
    ];

    private static long FakeSize(string file) => file.EndsWith(".log", StringComparison.Ordinal) ? 0 : 300 + (file.Length * 37 % 1500);

    private CmdResult DeleteWebDomain(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        CheckArgs(a, 2, "v-delete-web-domain", "USER DOMAIN [RESTART]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        RestartFormatValid(Arg(a, 2));
        var panelUser = UserExists(user);
        var web = WebDomainExists(panelUser, domain);
        DemoCheck();
        foreach (var ftp in ShellItems(web.Get("FTP_USER")).Where(x => x.Length > 0).ToList())
        {
            DeleteFtpEffects(web, ftp);
        }

        panelUser.Domains.Remove(web);
        Fs.RemoveTree(DomainDir(user, web.Domain));
        return Ok();
    }

    // ------------------------------------------------------------------ users and passwords

    internal int UidOf(string user) => Passwd.FirstOrDefault(p => p.Name == user)?.Uid ?? 1000;

    /// <summary>v-check-user-password's verdict: 0 or 9.</summary>
    internal int CheckPanelPassword(string user, string password, string ip)
    {
        _ = ip;
        if (!Users.Any(u => u.Name == user))
        {
            return 9;
        }

        password = PasswordIndirection(password);
        if (password.Length == 0)
        {
            return 9;
        }

        var entry = Passwd.FirstOrDefault(p => p.Name == user);
        if (entry is null || entry.Locked || entry.Password is null || entry.Password != password)
        {
            return 9;
        }

        return 0;
    }

    private CmdResult CheckUserPassword(List<string> a)
    {
        var user = Arg(a, 0);
        var password = Arg(a, 1);
        var ip = a.Count > 2 ? a[2] : "127.0.0.1";
        var returnHash = Arg(a, 3);
        CheckArgs(a, 2, "v-check-user-password", "USER PASSWORD [IP] [RETURN_HASH]");
        UserFormatValid(user, "user");
        if (ip.Length > 0 && !IPAddress.TryParse(ip, out _))
        {
            throw Fail(2, $"Error: invalid IP format :: {ip}");
        }

        if (CheckPanelPassword(user, password, ip) != 0)
        {
            throw Fail(9, "Error: password missmatch");
        }

        return returnHash.Length > 0 ? Ok(FakeShadowHash(user)) : Ok();
    }

    private static string FakeShadowHash(string user)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("hestia-emulator:" + user));
        return "$y$j9T$" + Convert.ToBase64String(bytes)[..22].Replace('+', '.') + "$" + Convert.ToBase64String(bytes)[22..43].Replace('+', '.');
    }

    // ------------------------------------------------------------------ filesystem helpers

    private CmdResult CheckFsPermission(List<string> a)
    {
        var user = Arg(a, 0);
        var src = Arg(a, 1);
        CheckArgs(a, 2, "v-check-fs-permission", "USER FILE");
        UserFormatValid(user, "user");
        UserExists(user);
        DemoCheck();
        var home = Passwd.FirstOrDefault(p => p.Name == user)?.Home ?? "";
        if (home.Length == 0)
        {
            throw Fail(12, "Error: user home directory doesn't exist");
        }

        if (src.Length > 0)
        {
            var rpath = Fs.ReadlinkF(src) ?? "";
            var allowed = Bre.Compile("^/tmp|^" + Bre.Literal(home));
            if (!allowed.IsMatch(rpath))
            {
                throw Fail(2, $"Error: invalid source path {user} {src}");
            }
        }

        // ls as the user
        var target = src.Length == 0 ? null : Fs.ReadlinkF(src);
        if (target is null || !Fs.Exists(target) || !ReadableBy(user, target))
        {
            throw Fail(1, $"Error: can't read {src}");
        }

        return Ok();
    }

    private bool ReadableBy(string user, string path) =>
        path == "/tmp" || path.StartsWith("/tmp/", StringComparison.Ordinal)
        || path == $"/home/{user}" || path.StartsWith($"/home/{user}/", StringComparison.Ordinal)
        || (Fs.Get(path)?.Owner == user);

    private CmdResult ListFsDirectory(List<string> a)
    {
        var user = Arg(a, 0);
        var path = Arg(a, 1);
        CheckArgs(a, 1, "v-list-fs-directory", "USER [DIRECTORY]");
        UserFormatValid(user, "user");
        UserExists(user);
        var home = Passwd.FirstOrDefault(p => p.Name == user)?.Home ?? "";
        if (home.Length == 0)
        {
            throw Fail(12, "Error: user home directory doesn't exist");
        }

        if (path.Length > 0)
        {
            var rpath = Fs.ReadlinkF(path) ?? "";
            if (!Bre.Compile(Bre.Literal(home)).IsMatch(rpath))
            {
                throw Fail(2, $"Error: invalid path {path}");
            }
        }
        else
        {
            path = home;
        }

        // find "$path" -maxdepth 1 as the user; a missing path prints nothing and exits 1.
        var target = Fs.ReadlinkF(path);
        var node = target is null ? null : Fs.Get(target);
        if (target is null || node is null || !ReadableBy(user, target))
        {
            return new CmdResult(1, []);
        }

        var lines = new List<string> { FsLine(node, "") };
        if (node.IsDir)
        {
            lines.AddRange(Fs.Children(target).Select(c => FsLine(c.Node, c.Name)));
        }

        return Listed(lines.Count, lines);
    }

    private static string FsLine(FsNode n, string name) =>
        string.Join('|', n.IsDir ? "d" : "f", n.Mode, n.Modified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            n.Modified.ToString("HH:mm", CultureInfo.InvariantCulture), n.Owner, n.Owner,
            n.Size.ToString(CultureInfo.InvariantCulture), name);
}
