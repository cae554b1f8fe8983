using System.Globalization;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.CmdResult;
using static HestiaFtp.Emulator.Commands.ListFormat;
using static HestiaFtp.Emulator.Commands.ScriptChecks;

namespace HestiaFtp.Emulator.Commands;

/// <summary>v-list-users and v-list-user, printed exactly as their bash json/shell/plain functions do.</summary>
internal sealed class UserListing(ScriptChecks checks)
{
    private readonly ServerState _state = checks.State;

    private static readonly string[] UserFields =
    [
        "NAME", "PACKAGE", "WEB_TEMPLATE", "BACKEND_TEMPLATE", "PROXY_TEMPLATE", "DNS_TEMPLATE", "WEB_DOMAINS", "WEB_ALIASES",
        "DNS_DOMAINS", "DNS_RECORDS", "MAIL_DOMAINS", "MAIL_ACCOUNTS", "DATABASES", "CRON_JOBS", "DISK_QUOTA", "BANDWIDTH",
        "HOME", "NS", "SHELL", "BACKUPS", "CONTACT", "CRON_REPORTS", "RKEY", "TWOFA", "QRCODE", "ROLE", "SUSPENDED",
        "SUSPENDED_USERS", "SUSPENDED_WEB", "SUSPENDED_DNS", "SUSPENDED_MAIL", "SUSPENDED_DB", "SUSPENDED_CRON", "IP_AVAIL",
        "IP_OWNED", "U_USERS", "U_DISK", "U_DISK_DIRS", "U_DISK_WEB", "U_DISK_MAIL", "U_DISK_DB", "U_BANDWIDTH",
        "U_WEB_DOMAINS", "U_WEB_SSL", "U_WEB_ALIASES", "U_DNS_DOMAINS", "U_DNS_RECORDS", "U_MAIL_DOMAINS", "U_MAIL_DKIM",
        "U_MAIL_ACCOUNTS", "U_DATABASES", "U_CRON_JOBS", "U_BACKUPS", "BACKUPS_INCREMENTAL", "LANGUAGE", "THEME",
        "NOTIFICATIONS", "PREF_UI_SORT", "LOGIN_DISABLED", "LOGIN_USE_IPLIST", "LOGIN_ALLOW_IPS", "PHPCLI", "TIME", "DATE",
    ];

    private static readonly string[] UsersFields =
    [
        "NAME", "PACKAGE", "WEB_TEMPLATE", "BACKEND_TEMPLATE", "PROXY_TEMPLATE", "DNS_TEMPLATE", "WEB_DOMAINS", "WEB_ALIASES",
        "DNS_DOMAINS", "DNS_RECORDS", "MAIL_DOMAINS", "MAIL_ACCOUNTS", "DATABASES", "CRON_JOBS", "DISK_QUOTA", "CPU_QUOTA",
        "CPU_QUOTA_PERIOD", "MEMORY_LIMIT", "SWAP_LIMIT", "BANDWIDTH", "NS", "SHELL", "BACKUPS", "CONTACT", "CRON_REPORTS",
        "RKEY", "ROLE", "SUSPENDED", "SUSPENDED_USERS", "SUSPENDED_WEB", "SUSPENDED_DNS", "SUSPENDED_MAIL", "SUSPENDED_DB",
        "SUSPENDED_CRON", "IP_AVAIL", "IP_OWNED", "U_USERS", "U_DISK", "U_DISK_DIRS", "U_DISK_WEB", "U_DISK_MAIL",
        "U_DISK_DB", "U_BANDWIDTH", "U_WEB_DOMAINS", "U_WEB_SSL", "U_WEB_ALIASES", "U_DNS_DOMAINS", "U_DNS_RECORDS",
        "U_MAIL_DOMAINS", "U_MAIL_DKIM", "U_MAIL_ACCOUNTS", "U_DATABASES", "U_CRON_JOBS", "U_BACKUPS", "LANGUAGE", "TIME", "DATE",
    ];

    /// <summary>
    /// The user.conf value, with the counters Hestia keeps up to date computed from the live state. Only the ROOT_USER's
    /// record counts users (bin/v-add-user 215-221 and 283-286, bin/v-suspend-user 99); the others keep 0.
    /// </summary>
    private string UserValue(PanelUser user, string key)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        return key switch
        {
            "HOME" => $"/home/{user.Name}",
            "U_USERS" when user.Name == _state.RootUser => N(_state.Users.Count),
            "SUSPENDED_USERS" when user.Name == _state.RootUser => N(_state.Users.Count(u => u.Suspended)),
            "U_WEB_DOMAINS" => N(user.Domains.Count),
            "SUSPENDED_WEB" => N(user.Domains.Count(d => d.Suspended)),
            "U_WEB_SSL" => N(user.Domains.Count(d => d.Get("SSL") == "yes")),
            "U_WEB_ALIASES" => N(user.Domains.Sum(d => d.Get("ALIAS").Split(',', StringSplitOptions.RemoveEmptyEntries).Length)),
            _ => user.Get(key),
        };
    }

    /// <summary>v-list-user: U_USERS and SUSPENDED_USERS are awk'ed from the ROOT_USER's user.conf (bin/v-list-user 182-184).</summary>
    private string SingleUserValue(PanelUser user, string key)
    {
        if (key is "U_USERS" or "SUSPENDED_USERS")
        {
            return _state.FindUser(_state.RootUser) is { } root ? UserValue(root, key) : "";
        }

        return UserValue(user, key);
    }

    public CmdResult ListUsers(List<string> a)
    {
        var format = a.Count > 0 ? a[0] : "shell";
        var users = _state.Passwd.Where(p => p.Gecos.Contains('@')).Select(p => _state.Users.FirstOrDefault(u => u.Name == p.Name)).OfType<PanelUser>().ToList();
        switch (format)
        {
            case "json":
            {
                // echo -n per entry, "," + newline between entries, the final "}" glued to the last "        }".
                var text = new System.Text.StringBuilder("{\n");
                for (var i = 0; i < users.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(",\n");
                    }

                    var u = users[i];
                    text.Append($"    \"{u.Name}\": {{\n").Append(string.Join('\n', JsonFields(UsersFields, f => UserValue(u, f)))).Append("\n        }");
                }

                text.Append("}\n");
                return Listed(users.Count, [.. text.ToString().TrimEnd('\n').Split('\n')]);
            }

            case "list":
                return Listed(users.Count, [.. users.Select(u => u.Name)]);
            case "plain":
                return Listed(users.Count, [.. users.Select(u => string.Join('\t', new[] { u.Name }.Concat(UsersFields.Select(f => UserValue(u, f)))) + "\t")]);
            case "shell":
            {
                var rows = new List<string[]>
                {
                    new[] { "USER", "ROLE", "PKG", "WEB", "DNS", "MAIL", "DB", "DISK", "BW", "SPND", "DATE" },
                    new[] { "----", "----", "---", "---", "---", "---", "--", "----", "--", "----", "----" },
                };
                rows.AddRange(users.Select(u => new[]
                {
                    u.Name, UserValue(u, "ROLE"), UserValue(u, "PACKAGE"), UserValue(u, "U_WEB_DOMAINS"), UserValue(u, "U_DNS_DOMAINS"),
                    UserValue(u, "U_MAIL_DOMAINS"), UserValue(u, "U_DATABASES"), UserValue(u, "U_DISK"), UserValue(u, "U_BANDWIDTH"),
                    UserValue(u, "SUSPENDED"), UserValue(u, "DATE"),
                }));
                return Listed(users.Count, ColumnT(rows));
            }

            default:
                return Ok();
        }
    }

    public CmdResult ListUser(List<string> a)
    {
        var user = Arg(a, 0);
        var format = a.Count > 1 ? a[1] : "shell";
        CheckArgs(a, 1, "v-list-user", "USER [FORMAT]");
        UserFormatValid(user, "user");
        var u = checks.UserExists(user);
        switch (format)
        {
            case "json":
                var lines = new List<string> { "{", $"    \"{u.Name}\": {{" };
                lines.AddRange(JsonFields(UserFields, f => SingleUserValue(u, f)));
                lines.Add("        }");
                lines.Add("}");
                return new CmdResult(0, lines);
            case "plain":
                return Ok(string.Join('\t', new[] { u.Name }.Concat(UserFields.Select(f => SingleUserValue(u, f)))));
            case "shell":
                return new CmdResult(0, [.. UserFields.Select(f => $"{f + ":",-18}{SingleUserValue(u, f)}".TrimEnd())]);
            default:
                return Ok();
        }
    }
}
