using System.Globalization;
using HestiaFtp.Emulator.Shell;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.CmdResult;
using static HestiaFtp.Emulator.Commands.ScriptChecks;
using static HestiaFtp.Emulator.Commands.ScriptExit;

namespace HestiaFtp.Emulator.Commands;

/// <summary>v-add-web-domain-ftp, v-delete-web-domain-ftp, v-change-web-domain-ftp-password and -path: checks in upstream order, messages, exit codes, effects.</summary>
internal sealed class FtpCommands(ScriptChecks checks, Provisioning provisioning)
{
    private readonly ServerState _state = checks.State;

    public CmdResult Add(List<string> a)
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
        var panelUser = checks.UserExists(user);
        UserUnsuspended(panelUser);
        var web = WebDomainExists(panelUser, domain);
        WebUnsuspended(web, domain);
        var dup = Bre.Compile("^" + Bre.Literal(ftpUser) + ":");
        if (_state.Passwd.Any(p => dup.IsMatch(p.Line)))
        {
            throw Fail(4, $"Error: ftp user {ftpUser} already exists");
        }

        password = checks.PasswordIndirection(password);
        checks.DemoCheck();

        string absolute;
        if (ftpPath.Length == 0)
        {
            absolute = ServerState.DomainDir(user, domain);
        }
        else
        {
            absolute = ResolveFtpPath(user, domain, ftpPath);
            MakeLeaf(absolute, user);
        }

        if (checks.PamRejects(ftpUser, password))
        {
            // useradd ran, chpasswd failed, deluser removed the account again (the folder stays).
            throw Fail(2, "Error: Password not accepted due to PAM restrictions");
        }

        _state.Passwd.Add(new PasswdEntry { Name = ftpUser, Uid = _state.UidOf(user), Home = absolute, Password = password });
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

    public CmdResult Delete(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ftpUser = Arg(a, 2);
        CheckArgs(a, 3, "v-delete-web-domain-ftp", "USER DOMAIN FTP_USER");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        UserFormatValid(ftpUser, "ftp_user");
        var panelUser = checks.UserExists(user);
        var web = WebDomainExists(panelUser, domain);
        RequireAccountOnDomain(web, ftpUser);
        checks.DemoCheck();
        provisioning.RemoveFtpAccount(web, ftpUser);
        return Ok();
    }

    public CmdResult ChangePassword(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ftpUser = Arg(a, 2);
        var password = Arg(a, 3);
        CheckArgs(a, 4, "v-change-web-domain-ftp-password", "USER DOMAIN FTP_USER FTP_PASSWORD");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        UserFormatValid(ftpUser, "ftp_user");
        var panelUser = checks.UserExists(user);
        UserUnsuspended(panelUser);
        var web = WebDomainExists(panelUser, domain);
        WebUnsuspended(web, domain);
        password = checks.PasswordIndirection(password);
        RequireAccountOnDomain(web, ftpUser);
        checks.DemoCheck();

        // chpasswd works on the literal name only.
        var entry = _state.Passwd.FirstOrDefault(p => p.Name == ftpUser);
        if (entry is null || checks.PamRejects(ftpUser, password))
        {
            throw Fail(2, "Error: Password not accepted due to PAM restrictions");
        }

        entry.Password = password;
        entry.Locked = false; // a new shadow hash has no '!' prefix
        return Ok();
    }

    public CmdResult ChangePath(List<string> a)
    {
        var user = Arg(a, 0);
        var domain = NormalizeDomain(Arg(a, 1));
        var ftpUser = Arg(a, 2);
        var ftpPath = Arg(a, 3);
        CheckArgs(a, 4, "v-change-web-domain-ftp-path", "USER DOMAIN FTP_USER FTP_PATH");
        UserFormatValid(user, "user");
        DomainFormatValid(domain);
        UserFormatValid(ftpUser, "ftp_user");
        var panelUser = checks.UserExists(user);
        UserUnsuspended(panelUser);
        var web = WebDomainExists(panelUser, domain);
        WebUnsuspended(web, domain);
        RequireAccountOnDomain(web, ftpUser);
        var absolute = ResolveFtpPath(user, domain, ftpPath);
        checks.DemoCheck();
        MakeLeaf(absolute, user);

        // grep -n "^NAME:" /etc/passwd; sed on that line number (several matches make sed fail: no change).
        var lineRegex = Bre.Compile("^" + Bre.Literal(ftpUser) + ":");
        var matches = _state.Passwd.Where(p => lineRegex.IsMatch(p.Line)).ToList();
        if (matches.Count == 1 && matches[0].Home.Length > 0)
        {
            matches[0].Home = Bre.Compile(Bre.Literal(matches[0].Home)).Replace(matches[0].Home, absolute);
        }

        var relative = RelativeFtpPath(user, domain, absolute);
        var positions = ShellLists.Positions(web.Get("FTP_USER"), ftpUser);
        var items = ShellLists.Items(web.Get("FTP_PATH"));
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

    private void RequireAccountOnDomain(WebDomainRecord web, string name)
    {
        if (ShellLists.Positions(web.Get("FTP_USER"), name).Count == 0)
        {
            throw Fail(3, $"Error: account {name} doesn't exist");
        }
    }

    /// <summary>readlink -f + the unanchored "contains" test shared by add and change-path.</summary>
    private string ResolveFtpPath(string user, string domain, string path)
    {
        var dir = ServerState.DomainDir(user, domain);
        var resolved = _state.Fs.ReadlinkF(dir + "/" + path) ?? "";
        if (!Bre.Compile(Bre.Literal(dir)).IsMatch(resolved))
        {
            throw Fail(2, $"Error: absolute path {resolved} is invalid");
        }

        return resolved;
    }

    private static string RelativeFtpPath(string user, string domain, string absolute) =>
        Bre.Compile(Bre.Literal(ServerState.DomainDir(user, domain))).Replace(absolute, "", 1);

    private void MakeLeaf(string path, string owner)
    {
        if (!_state.Fs.Exists(path))
        {
            _state.Fs.MakeDirs(path, owner, "751", _state.Time.GetLocalNow());
        }
    }
}
