using System.Globalization;

namespace HestiaFtp.Emulator;

/// <summary>The v-list-* scripts, printed exactly as their bash json/shell/plain functions do.</summary>
public sealed partial class HestiaEmulator
{
    private static readonly string[] WebDomainsFields =
    [
        "IP", "IP6", "DOCUMENT_ROOT", "U_DISK", "U_BANDWIDTH", "TPL", "ALIAS", "STATS", "STATS_USER", "SSL", "SSL_HOME",
        "LETSENCRYPT", "FTP_USER", "FTP_PATH", "AUTH_USER", "BACKEND", "PROXY", "PROXY_EXT", "SUSPENDED", "TIME", "DATE",
    ];

    private static readonly string[] WebDomainFields =
    [
        "IP", "IP6", "DOCUMENT_ROOT", "U_DISK", "U_BANDWIDTH", "TPL", "ALIAS", "STATS", "STATS_USER", "SSL", "SSL_FORCE",
        "SSL_HSTS", "SSL_HOME", "LETSENCRYPT", "FTP_USER", "FTP_PATH", "AUTH_USER", "BACKEND", "PROXY", "PROXY_EXT",
        "FASTCGI_CACHE", "FASTCGI_DURATION", "REDIRECT", "REDIRECT_CODE", "CUSTOM_DOCROOT", "SUSPENDED", "TIME", "DATE",
    ];

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

    /// <summary>8-space indented <c>"KEY": "value"</c> lines, a comma after all but the last, values unescaped (as bash prints them).</summary>
    private static IEnumerable<string> JsonFields(IReadOnlyList<string> keys, Func<string, string> value) =>
        keys.Select((k, i) => $"        \"{k}\": \"{value(k)}\"" + (i < keys.Count - 1 ? "," : ""));

    private string DocRoot(PanelUser user, WebDomainRecord web) =>
        web.Get("CUSTOM_DOCROOT").Length > 0 ? web.Get("CUSTOM_DOCROOT") : $"/home/{user.Name}/web/{web.Domain}/public_html/";

    private string WebValue(PanelUser user, WebDomainRecord web, string key) =>
        key == "DOCUMENT_ROOT" ? DocRoot(user, web) : web.Get(key);

    /// <summary>The user.conf value, with the counters Hestia keeps up to date computed from the live state.</summary>
    private string UserValue(PanelUser user, string key)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        return key switch
        {
            "HOME" => $"/home/{user.Name}",
            "U_USERS" => N(Users.Count),
            "SUSPENDED_USERS" => N(Users.Count(u => u.Suspended)),
            "U_WEB_DOMAINS" => N(user.Domains.Count),
            "SUSPENDED_WEB" => N(user.Domains.Count(d => d.Suspended)),
            "U_WEB_SSL" => N(user.Domains.Count(d => d.Get("SSL") == "yes")),
            "U_WEB_ALIASES" => N(user.Domains.Sum(d => d.Get("ALIAS").Split(',', StringSplitOptions.RemoveEmptyEntries).Length)),
            _ => user.Get(key),
        };
    }

    private CmdResult ListUsers(List<string> a)
    {
        var format = a.Count > 0 ? a[0] : "shell";
        var users = Passwd.Where(p => p.Gecos.Contains('@')).Select(p => Users.FirstOrDefault(u => u.Name == p.Name)).OfType<PanelUser>().ToList();
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

    /// <summary><c>column -t</c>: blank-separated words aligned, two spaces between columns.</summary>
    private static List<string> ColumnT(List<string[]> rows)
    {
        var cells = rows.Select(r => r.Where(c => c.Length > 0).ToArray()).ToList();
        var widths = new int[cells.Max(r => r.Length)];
        foreach (var r in cells)
        {
            for (var i = 0; i < r.Length; i++)
            {
                widths[i] = Math.Max(widths[i], r[i].Length);
            }
        }

        return [.. cells.Select(r => string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))))];
    }

    private CmdResult ListUser(List<string> a)
    {
        var user = Arg(a, 0);
        var format = a.Count > 1 ? a[1] : "shell";
        CheckArgs(a, 1, "v-list-user", "USER [FORMAT]");
        UserFormatValid(user, "user");
        var u = UserExists(user);
        switch (format)
        {
            case "json":
                var lines = new List<string> { "{", $"    \"{u.Name}\": {{" };
                lines.AddRange(JsonFields(UserFields, f => UserValue(u, f)));
                lines.Add("        }");
                lines.Add("}");
                return new CmdResult(0, lines);
            case "plain":
                return Ok(string.Join('\t', new[] { u.Name }.Concat(UserFields.Select(f => UserValue(u, f)))));
            case "shell":
                return new CmdResult(0, [.. UserFields.Select(f => $"{f + ":",-18}{UserValue(u, f)}".TrimEnd())]);
            default:
                return Ok();
        }
    }

    private CmdResult ListWebDomains(List<string> a)
    {
        var user = Arg(a, 0);
        var format = a.Count > 1 ? a[1] : "shell";
        CheckArgs(a, 1, "v-list-web-domains", "USER [FORMAT]");
        UserFormatValid(user, "user");
        var u = UserExists(user);
        switch (format)
        {
            case "json":
            {
                var lines = new List<string> { "{" };
                for (var i = 0; i < u.Domains.Count; i++)
                {
                    var web = u.Domains[i];
                    lines.Add($"    \"{web.Domain}\": {{");
                    lines.AddRange(JsonFields(WebDomainsFields, f => WebValue(u, web, f)));
                    lines.Add(i < u.Domains.Count - 1 ? "    }," : "    }");
                }

                lines.Add("}");
                return Listed(u.Domains.Count, lines);
            }

            case "plain":
                return Listed(u.Domains.Count, [.. u.Domains.Select(w => string.Join('\t', new[] { w.Domain }.Concat(WebDomainsFields.Select(f => WebValue(u, w, f)))))]);
            case "shell":
            {
                var lines = new List<string> { "DOMAIN   IP   TPL   SSL   DISK   BW   SPND   DATE", "------   --   ---   ---   ----   --   ----   -----" };
                lines.AddRange(u.Domains.Select(w => string.Join(' ', w.Domain, w.Get("IP"), w.Get("TPL"), w.Get("SSL"), w.Get("U_DISK"), w.Get("U_BANDWIDTH"), w.Get("SUSPENDED"), w.Get("DATE"))));
                return Listed(u.Domains.Count, lines);
            }

            default:
                return Ok();
        }
    }

    private CmdResult ListWebDomain(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = Arg(a, 1);
        var format = a.Count > 2 ? a[2] : "shell";
        CheckArgs(a, 2, "v-list-web-domain", "USER DOMAIN [FORMAT]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        var u = UserExists(user);
        var web = WebDomainExists(u, domain);
        string V(string key) => WebValue(u, web, key);
        switch (format)
        {
            case "json":
            {
                var lines = new List<string> { "{", $"    \"{web.Domain}\": {{" };
                lines.AddRange(JsonFields(WebDomainFields, V));
                lines.Add("    }");
                lines.Add("}");
                return Listed(1, lines);
            }

            case "plain":
                return Listed(1,
                    $"{web.Domain}\t{V("IP")}\t{V("IP6")}\t{V("DOCUMENT_ROOT")}\t{V("U_DISK")}\t{V("U_BANDWIDTH")}\t{V("TPL")}\t" +
                    $"{V("ALIAS")}\t{V("STATS")}\t{V("STATS_USER")}\t{V("SSL")}\t{V("SSL_FORCE")}\t{V("SSL_HSTS")}\t{V("SSL_HOME")}\t,{V("LETSENCRYPT")}" +
                    $"{V("FTP_USER")}\t{V("FTP_PATH")}\t{V("AUTH_USER")}\t{V("BACKEND")}\t{V("PROXY")}\t" +
                    $"{V("PROXY_EXT")}\t{V("SUSPENDED")}\t{V("TIME")}\t{V("DATE")}");
            case "csv":
                return Listed(1,
                    "DOMAIN,IP,IP6,DOCROOT,U_DISK,U_BANDWIDTH,TPL,ALIAS,STATS,STATS_USER,SSL,SSL_FORCE,SSL_HSTS,SSL_HOME,LETSENCRYPT,FTP_USER,FTP_PATH,AUTH_USER,BACKEND,PROXY,PROXY_EXT,SUSPENDED,TIME,DATE",
                    $"{web.Domain},{V("IP")},{V("IP6")},{V("DOCUMENT_ROOT")},{V("U_DISK")},{V("U_BANDWIDTH")},{V("TPL")},\"{V("ALIAS")}\",{V("STATS")}" +
                    $"\"{V("STATS_USER")}\",{V("SSL")},{V("SSL_FORCE")},{V("SSL_HSTS")},{V("SSL_HOME")},{V("LETSENCRYPT")},\"{V("FTP_USER")}\",\"{V("FTP_PATH")}\"," +
                    $"\"{V("AUTH_USER")}\",{V("BACKEND")},{V("PROXY")},\"{V("PROXY_EXT")}\",{V("SUSPENDED")},{V("TIME")},{V("DATE")}");
            case "shell":
            {
                var lines = new List<string>
                {
                    "DOMAIN:           " + web.Domain,
                    "ALIAS:            " + V("ALIAS").Replace(',', ' '),
                    "IP:               " + V("IP"),
                    "DOCUMENT_ROOT:    " + V("DOCUMENT_ROOT"),
                };
                if (V("IP6").Length > 0)
                {
                    lines.Add("IP6:              " + V("IP6"));
                }

                if (V("SSL").Length > 0 && V("SSL") != "no")
                {
                    lines.Add($"SSL:              {V("SSL")} / {V("SSL_HOME")}");
                    if (V("LETSENCRYPT").Length > 0 && V("LETSENCRYPT") != "no")
                    {
                        lines.Add("LETSENCRYPT:      " + V("LETSENCRYPT"));
                    }

                    if (V("SSL_FORCE").Length > 0)
                    {
                        lines.Add("SSL_FORCE:        " + V("SSL_FORCE"));
                    }

                    if (V("SSL_HSTS").Length > 0)
                    {
                        lines.Add("SSL_HSTS:         " + V("SSL_HSTS"));
                    }
                }

                lines.Add("TEMPLATE:         " + V("TPL"));
                if (WebBackend.Length > 0)
                {
                    lines.Add("BACKEND:          " + V("BACKEND"));
                }

                if (ProxySystem.Length > 0)
                {
                    lines.Add("PROXY:            " + V("PROXY"));
                    lines.Add("PROXY EXT:        " + V("PROXY_EXT").Replace(',', ' '));
                }

                if (V("STATS").Length > 0)
                {
                    lines.Add("STATS:            " + V("STATS"));
                }

                if (V("FASTCGI_CACHE") == "yes")
                {
                    lines.Add("FASTCGI_CACHE:    " + V("FASTCGI_CACHE"));
                    lines.Add("FASTCGI_DURATION: " + V("FASTCGI_DURATION"));
                }

                if (V("REDIRECT").Length > 0)
                {
                    lines.Add("REDIRECT:         " + V("REDIRECT"));
                    lines.Add("REDIRECT_CODE:    " + V("REDIRECT_CODE"));
                }

                if (V("CUSTOM_DOCROOT").Length > 0)
                {
                    lines.Add("CUSTOM_DOCROOT:   " + V("CUSTOM_DOCROOT"));
                }

                if (V("STATS_USER").Length > 0)
                {
                    lines.Add("STATS_USER:       " + V("STATS_USER"));
                }

                if (V("FTP_USER").Length > 0)
                {
                    lines.Add("FTP_USER:         " + V("FTP_USER").Replace(",", ", ", StringComparison.Ordinal));
                }

                if (V("FTP_PATH").Length > 0)
                {
                    lines.Add("FTP_PATH:         " + V("FTP_PATH"));
                }

                if (V("AUTH_USER").Length > 0)
                {
                    lines.Add("HTTP_AUTH:        " + V("AUTH_USER"));
                }

                lines.Add("DISK:             " + V("U_DISK"));
                lines.Add("BW:               " + V("U_BANDWIDTH"));
                lines.Add("SUSPENDED:        " + V("SUSPENDED"));
                lines.Add("TIME:             " + V("TIME"));
                lines.Add("DATE:             " + V("DATE"));
                return Listed(1, lines);
            }

            default:
                return Ok();
        }
    }
}
