using System.Globalization;
using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator;

/// <summary>v-check-access-key, user pinning, and seeding.</summary>
public sealed partial class HestiaEmulator
{
    private static readonly Regex KeyIdFormat = new("^[A-Za-z0-9]{20}$", RegexOptions.CultureInvariant);
    private static readonly Regex SecretFormat = new(@"^[A-Za-z0-9|_\\.+/^~=%-]{40}$", RegexOptions.CultureInvariant);

    internal sealed record AccessCheck(int Exit, string Message, string User, int UserArgPosition);

    /// <summary>v-check-access-key KEY SECRET CMD IP json: failures exit 10 when "forbidden", otherwise 9.</summary>
    private AccessCheck CheckAccessKey(string keyIdRaw, string secret, string cmd)
    {
        static AccessCheck Fail9(string m) => new(9, m, "", -1);
        static AccessCheck Fail10(string m) => new(10, m, "", -1);

        if (DemoMode)
        {
            return new AccessCheck(1, DemoMessage, "", -1); // check_hestia_demo_mode runs before the callback is set
        }

        var keyId = keyIdRaw.Contains('/') ? keyIdRaw[(keyIdRaw.LastIndexOf('/') + 1)..] : keyIdRaw;
        if (!KeyIdFormat.IsMatch(keyId))
        {
            return Fail9($"Error: invalid access_key_id format :: {keyId}");
        }

        if (keyId.Length < 16 || !AccessKeys.TryGetValue(keyId, out var key))
        {
            return Fail9($"Error: key {keyId} doesn't exist");
        }

        if (!SecretFormat.IsMatch(secret))
        {
            return Fail9("Error: invalid secret_access_key format");
        }

        if (key.Secret != secret)
        {
            return Fail9($"Error: Invalid secret key for key {keyId}");
        }

        int position;
        if (cmd == "v-make-tmp-file" || Commands.ContainsKey(cmd))
        {
            if (key.Permissions.Count > 0)
            {
                var allowed = key.Permissions
                    .SelectMany(p => ApiProfiles.TryGetValue(p.Trim(), out var cmds) ? cmds : [])
                    .ToHashSet(StringComparer.Ordinal);
                if (!allowed.Contains(cmd))
                {
                    return Fail10($"Error: Key {keyId} don't have permission to run the command {cmd}");
                }
            }
            else if (key.User != RootUser)
            {
                return Fail10($"Error: Key {keyId} don't have permission to run the command {cmd}");
            }

            position = cmd == "v-make-tmp-file" || key.User == RootUser ? 0 : UserArgPosition(Commands[cmd].Options);
        }
        else
        {
            return Fail10($"Error: Command {cmd} not found");
        }

        try
        {
            UserFormatValid(key.User, "user");
            var owner = UserExists(key.User);
            UserUnsuspended(owner);
        }
        catch (ScriptExit e)
        {
            return new AccessCheck(e.Code == 10 ? 10 : 9, string.Join('\n', e.Lines), "", -1);
        }

        return new AccessCheck(0, "", key.User, position);
    }

    /// <summary>search_command_arg_position: 1-based position of USER in the "# options:" line, 0 when absent.</summary>
    private static int UserArgPosition(string options)
    {
        var position = 0;
        var parts = options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Trim('[', ']').ToUpperInvariant() == "USER")
            {
                position = i + 1;
            }
        }

        return position;
    }

    // ------------------------------------------------------------------ seeding

    private void ApplySeed(EmulatorSeed seed)
    {
        RootUser = seed.RootUser;
        if (seed.Config is { } c)
        {
            Api = c.Api ?? Api;
            ApiSystem = c.ApiSystem?.ToString(CultureInfo.InvariantCulture) ?? ApiSystem;
            ApiAllowedIp = c.ApiAllowedIp ?? ApiAllowedIp;
            DemoMode = c.DemoMode ?? DemoMode;
        }

        var firstIp = seed.Users.Values.SelectMany(u => u.Domains?.Values ?? Enumerable.Empty<EmulatorSeedDomain>())
            .Select(d => d.Ip).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));
        if (firstIp is not null)
        {
            DefaultIp = firstIp;
        }

        foreach (var (name, commands) in seed.ApiProfiles ?? [])
        {
            ApiProfiles[name] = commands;
        }

        foreach (var (name, u) in seed.Users)
        {
            var user = AddPanelUser(name, u.Password, u.Role ?? (name == RootUser ? "admin" : "user"), u.Fields);
            foreach (var (domainName, d) in u.Domains ?? [])
            {
                var fields = d.Fields ?? new Dictionary<string, string>();
                var web = CreateDomain(user, domainName, d.Ip ?? DefaultIp, d.Alias ?? "www." + domainName,
                    string.Equals(d.Ssl, "yes", StringComparison.Ordinal), string.Equals(d.Suspended, "yes", StringComparison.Ordinal),
                    fields, d.Folders, d.Files);
                foreach (var ftp in d.FtpAccounts ?? [])
                {
                    AddFtpDirect(user, web, ftp.Login, ftp.Path, ftp.Password);
                }
            }

            if (u.Suspended)
            {
                ApplyUserSuspension(user, true);
            }
        }

        foreach (var k in seed.AccessKeys ?? [])
        {
            AccessKeys[k.Id] = new AccessKeyRecord(k.Id, k.Secret, k.User, k.Permissions ?? []);
        }

        foreach (var k in seed.LegacyApiKeys ?? [])
        {
            LegacyKeys.Add(k);
        }
    }

    internal PanelUser AddPanelUser(string name, string? password, string role, IReadOnlyDictionary<string, string>? fields)
    {
        if (Passwd.Any(p => p.Name == name))
        {
            throw new InvalidOperationException($"A system account named {name} already exists.");
        }

        var now = Time.GetLocalNow();
        var uid = 1000 + Users.Count;
        var user = new PanelUser { Name = name };
        var defaults = new (string, string)[]
        {
            ("NAME", name == RootUser ? "System Administrator" : name), ("PACKAGE", "default"), ("WEB_TEMPLATE", "default"),
            ("BACKEND_TEMPLATE", "default"), ("PROXY_TEMPLATE", "default"), ("DNS_TEMPLATE", "default"),
            ("WEB_DOMAINS", "unlimited"), ("WEB_ALIASES", "unlimited"), ("DNS_DOMAINS", "unlimited"), ("DNS_RECORDS", "unlimited"),
            ("MAIL_DOMAINS", "unlimited"), ("MAIL_ACCOUNTS", "unlimited"), ("DATABASES", "unlimited"), ("CRON_JOBS", "unlimited"),
            ("DISK_QUOTA", "unlimited"), ("CPU_QUOTA", "unlimited"), ("CPU_QUOTA_PERIOD", "unlimited"), ("MEMORY_LIMIT", "unlimited"),
            ("SWAP_LIMIT", "unlimited"), ("BANDWIDTH", "unlimited"), ("NS", "ns1.example.test,ns2.example.test"), ("SHELL", "nologin"),
            ("BACKUPS", "1"), ("CONTACT", $"{name}@example.test"), ("CRON_REPORTS", "yes"), ("RKEY", RandomRkey()), ("TWOFA", ""),
            ("QRCODE", ""), ("ROLE", role), ("SUSPENDED", "no"), ("SUSPENDED_DNS", "0"), ("SUSPENDED_MAIL", "0"),
            ("SUSPENDED_DB", "0"), ("SUSPENDED_CRON", "0"), ("IP_AVAIL", "1"), ("IP_OWNED", role == "admin" ? "1" : "0"),
            ("U_DISK", "0"), ("U_DISK_DIRS", "0"), ("U_DISK_WEB", "0"), ("U_DISK_MAIL", "0"), ("U_DISK_DB", "0"),
            ("U_BANDWIDTH", "0"), ("U_DNS_DOMAINS", "0"), ("U_DNS_RECORDS", "0"), ("U_MAIL_DOMAINS", "0"), ("U_MAIL_DKIM", "0"),
            ("U_MAIL_ACCOUNTS", "0"), ("U_DATABASES", "0"), ("U_CRON_JOBS", "0"), ("U_BACKUPS", "0"),
            ("BACKUPS_INCREMENTAL", "no"), ("LANGUAGE", ""), ("THEME", ""), ("NOTIFICATIONS", "no"), ("PREF_UI_SORT", "name"),
            ("LOGIN_DISABLED", "no"), ("LOGIN_USE_IPLIST", "no"), ("LOGIN_ALLOW_IPS", ""), ("PHPCLI", ""),
            ("TIME", now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)), ("DATE", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        foreach (var (k, v) in defaults)
        {
            user.Conf[k] = v;
        }

        foreach (var (k, v) in fields ?? new Dictionary<string, string>())
        {
            user.Conf[k] = v;
        }

        Users.Add(user);
        Passwd.Add(new PasswdEntry
        {
            Name = name, Uid = uid, Home = $"/home/{name}", Gecos = user.Get("CONTACT").Contains('@') ? user.Get("CONTACT") : name + "@localhost",
            Shell = "/usr/sbin/nologin", Password = password,
        });
        Fs.MakeDirs($"/home/{name}/web", name, "751", now);
        Fs.MakeDirs($"/home/{name}/tmp", name, "700", now);
        Fs.MakeDirs($"/home/{name}/conf", name, "751", now);
        return user;
    }

    internal void AddFtpDirect(PanelUser user, WebDomainRecord web, string login, string path, string? password)
    {
        if (Passwd.Any(p => p.Name == login))
        {
            throw new InvalidOperationException($"A system account named {login} already exists.");
        }

        var dir = DomainDir(user.Name, web.Domain);
        var home = path.Length == 0 ? dir : dir + (path.StartsWith('/') ? "" : "/") + path.TrimEnd('/');
        Fs.MakeDirs(home, user.Name, "751", Time.GetLocalNow());
        Passwd.Add(new PasswdEntry { Name = login, Uid = UidOf(user.Name), Home = home, Password = password, Locked = user.Suspended });
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

    internal static string RandomToken(int length, string alphabet)
    {
        return string.Create(length, alphabet, static (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[System.Security.Cryptography.RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }

    internal const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static string RandomRkey() => RandomToken(16, Alnum);
}
