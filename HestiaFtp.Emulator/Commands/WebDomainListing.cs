using System.Globalization;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.CmdResult;
using static HestiaFtp.Emulator.Commands.ListFormat;
using static HestiaFtp.Emulator.Commands.ScriptChecks;

namespace HestiaFtp.Emulator.Commands;

/// <summary>v-list-web-domains and v-list-web-domain, printed exactly as their bash json/shell/plain/csv functions do.</summary>
internal sealed class WebDomainListing(ScriptChecks checks)
{
    private readonly ServerState _state = checks.State;

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

    private string DocRoot(PanelUser user, WebDomainRecord web) =>
        web.Get("CUSTOM_DOCROOT").Length > 0 ? web.Get("CUSTOM_DOCROOT") : $"/home/{user.Name}/web/{web.Domain}/public_html/";

    private string WebValue(PanelUser user, WebDomainRecord web, string key) =>
        key == "DOCUMENT_ROOT" ? DocRoot(user, web) : web.Get(key);

    public CmdResult ListWebDomains(List<string> a)
    {
        var user = Arg(a, 0);
        var format = a.Count > 1 ? a[1] : "shell";
        CheckArgs(a, 1, "v-list-web-domains", "USER [FORMAT]");
        UserFormatValid(user, "user");
        var u = checks.UserExists(user);
        var parsed = ParseWebConf(u);
        switch (format)
        {
            case "json":
            {
                var lines = new List<string> { "{" };
                for (var i = 0; i < u.Domains.Count; i++)
                {
                    var web = u.Domains[i];
                    lines.Add($"    \"{web.Domain}\": {{");
                    lines.AddRange(JsonFields(WebDomainsFields, parsed[i]));
                    lines.Add(i < u.Domains.Count - 1 ? "    }," : "    }");
                }

                lines.Add("}");
                return Listed(u.Domains.Count, lines);
            }

            case "plain":
                return Listed(u.Domains.Count, [.. parsed.Select(v => string.Join('\t', new[] { v("DOMAIN") }.Concat(WebDomainsFields.Select(v))))]);
            case "shell":
            {
                var lines = new List<string> { "DOMAIN   IP   TPL   SSL   DISK   BW   SPND   DATE", "------   --   ---   ---   ----   --   ----   -----" };
                lines.AddRange(parsed.Select(v => string.Join(' ', v("DOMAIN"), v("IP"), v("TPL"), v("SSL"), v("U_DISK"), v("U_BANDWIDTH"), v("SUSPENDED"), v("DATE"))));
                return Listed(u.Domains.Count, lines);
            }

            default:
                return Ok();
        }
    }

    /// <summary>
    /// bin/v-list-web-domains 31-32: each web.conf line goes through parse_object_kv_list into shell variables that are
    /// never reset, so a key missing from a line (FTP_PATH before the domain's first FTP account) keeps the previous
    /// line's value. One value lookup per line, in web.conf order.
    /// </summary>
    private static List<Func<string, string>> ParseWebConf(PanelUser user)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<Func<string, string>>();
        foreach (var web in user.Domains)
        {
            vars["DOMAIN"] = web.Domain;
            foreach (var (k, v) in web.Conf)
            {
                vars[k] = v;
            }

            var line = new Dictionary<string, string>(vars, StringComparer.Ordinal);
            var docRoot = line.GetValueOrDefault("CUSTOM_DOCROOT", "") is { Length: > 0 } custom ? custom : $"/home/{user.Name}/web/{web.Domain}/public_html/";
            result.Add(key => key == "DOCUMENT_ROOT" ? docRoot : line.GetValueOrDefault(key, ""));
        }

        return result;
    }

    public CmdResult ListWebDomain(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = Arg(a, 1);
        var format = a.Count > 2 ? a[2] : "shell";
        CheckArgs(a, 2, "v-list-web-domain", "USER DOMAIN [FORMAT]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        var u = checks.UserExists(user);
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
                if (_state.WebBackend.Length > 0)
                {
                    lines.Add("BACKEND:          " + V("BACKEND"));
                }

                if (_state.ProxySystem.Length > 0)
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
