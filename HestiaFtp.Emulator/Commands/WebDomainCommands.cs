using System.Net;
using System.Net.Sockets;
using System.Globalization;
using HestiaFtp.Emulator.Shell;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.CmdResult;
using static HestiaFtp.Emulator.Commands.ScriptChecks;
using static HestiaFtp.Emulator.Commands.ScriptExit;

namespace HestiaFtp.Emulator.Commands;

/// <summary>v-add-web-domain, v-delete-web-domain, v-(un)suspend-web-domain.</summary>
internal sealed class WebDomainCommands(ScriptChecks checks, Provisioning provisioning)
{
    private readonly ServerState _state = checks.State;

    public CmdResult Suspend(List<string> a, bool suspend)
    {
        var name = suspend ? "v-suspend-web-domain" : "v-unsuspend-web-domain";
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        CheckArgs(a, 2, name, "USER DOMAIN [RESTART]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        RestartFormatValid(Arg(a, 2));
        var panelUser = checks.UserExists(user);
        var web = WebDomainExists(panelUser, domain);
        if (suspend)
        {
            WebUnsuspended(web, domain);
        }
        else if (!web.Suspended)
        {
            throw Fail(6, $"Error: web {domain} is not suspended");
        }

        checks.DemoCheck();
        web.Set("SUSPENDED", suspend ? "yes" : "no");
        return Ok();
    }

    public CmdResult Add(List<string> a)
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
        var panelUser = checks.UserExists(user);
        UserUnsuspended(panelUser);
        if (_state.Users.SelectMany(u => u.Domains).Any(d => d.Domain == domain))
        {
            throw Fail(4, $"Error: Web domain {domain} exists");
        }

        if (IPAddress.TryParse(domain, out _))
        {
            throw Fail(1, "Error: Invalid domain format. IP address detected as input.");
        }

        if (_state.Fs.Exists(ServerState.DomainDir(user, domain)))
        {
            throw Fail(4, $"Error: Web domain folder for {domain} should not exist");
        }

        checks.DemoCheck();
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
            alias = FormatAliases(aliases);
        }

        provisioning.CreateDomain(panelUser, domain, ip.Length > 0 ? ip : _state.DefaultIp, alias, ssl: false, suspended: false, fields: null, folders: null, files: null);
        return Ok();
    }

    /// <summary>v-add-web-domain-alias USER DOMAIN ALIASES [RESTART] (bin/v-add-web-domain-alias of HestiaCP 1.10.3).</summary>
    public CmdResult AddAlias(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var aliases = FormatAliases(Arg(a, 2));
        if (aliases.Length == 0)
        {
            throw Fail(2, "Error: Invalid alias format: empty"); // before check_args (line 43-45)
        }

        CheckArgs(a, 3, "v-add-web-domain-alias", "USER DOMAIN ALIASES [RESTART]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        AliasFormatValid(aliases);
        RestartFormatValid(Arg(a, 3));
        var panelUser = checks.UserExists(user);
        UserUnsuspended(panelUser);
        var web = WebDomainExists(panelUser, domain);
        WebUnsuspended(web, domain);
        var allDomains = _state.Users.SelectMany(u => u.Domains).ToList();
        foreach (var alias in aliases.Split(','))
        {
            if (allDomains.Any(d => d.Domain == alias))
            {
                throw Fail(4, $"Error: Web domain {alias} exists");
            }

            if (allDomains.Any(d => d.Get("ALIAS").Split(',').Contains(alias)))
            {
                throw Fail(4, $"Error: Web alias {alias} exists");
            }
        }

        foreach (var alias in aliases.Split(',').Where(x => x != "none"))
        {
            // is_base_domain_owner, ENFORCE_SUBDOMAIN_OWNERSHIP='yes': the base domain is the last two labels here.
            var labels = alias.Split('.');
            var baseDomain = string.Join('.', labels[Math.Max(0, labels.Length - 2)..]);
            if (_state.Users.Where(u => u.Name != user).SelectMany(u => u.Domains).Any(d => d.Domain == baseDomain))
            {
                throw Fail(4, $"Error: Unable to add {alias}. {baseDomain} belongs to a different user");
            }
        }

        checks.DemoCheck();
        web.Set("ALIAS", web.Get("ALIAS").Length == 0 ? aliases : web.Get("ALIAS") + "," + aliases);
        return Ok();
    }

    public CmdResult Delete(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        CheckArgs(a, 2, "v-delete-web-domain", "USER DOMAIN [RESTART]");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        RestartFormatValid(Arg(a, 2));
        var panelUser = checks.UserExists(user);
        var web = WebDomainExists(panelUser, domain);
        checks.DemoCheck();
        foreach (var ftp in ShellLists.Items(web.Get("FTP_USER")).Where(x => x.Length > 0).ToList())
        {
            provisioning.RemoveFtpAccount(web, ftp);
        }

        panelUser.Domains.Remove(web);
        provisioning.RemoveDomainFiles(user, web.Domain);
        return Ok();
    }
}
