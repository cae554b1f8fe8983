using System.Diagnostics.CodeAnalysis;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator.Commands;

/// <summary>One v-* script: its <c># options:</c> line (where v-check-access-key finds the USER argument) and its body.</summary>
internal sealed record CommandDef(string Name, string Options, Func<List<string>, CmdResult> Run);

/// <summary>
/// The v-* scripts the emulator has, by name, each run by the command family that owns it. Anything else is
/// "not found", as sudo says for a script that does not exist.
/// </summary>
internal sealed class CommandTable
{
    private readonly Dictionary<string, CommandDef> _commands = new(StringComparer.Ordinal);

    public CommandTable(ScriptChecks checks, Provisioning provisioning)
    {
        var users = new UserCommands(checks, provisioning);
        var webDomains = new WebDomainCommands(checks, provisioning);
        var ftp = new FtpCommands(checks, provisioning);
        var fs = new FsCommands(checks);
        var userListing = new UserListing(checks);
        var webListing = new WebDomainListing(checks);

        Add("v-list-users", "[FORMAT]", userListing.ListUsers);
        Add("v-list-user", "USER [FORMAT]", userListing.ListUser);
        Add("v-list-web-domains", "USER [FORMAT]", webListing.ListWebDomains);
        Add("v-list-web-domain", "USER DOMAIN [FORMAT]", webListing.ListWebDomain);
        Add("v-add-web-domain-ftp", "USER DOMAIN FTP_USER FTP_PASSWORD [FTP_PATH]", ftp.Add);
        Add("v-change-web-domain-ftp-password", "USER DOMAIN FTP_USER FTP_PASSWORD", ftp.ChangePassword);
        Add("v-change-web-domain-ftp-path", "USER DOMAIN FTP_USER FTP_PATH", ftp.ChangePath);
        Add("v-delete-web-domain-ftp", "USER DOMAIN FTP_USER", ftp.Delete);
        Add("v-suspend-web-domain", "USER DOMAIN [RESTART]", a => webDomains.Suspend(a, true));
        Add("v-unsuspend-web-domain", "USER DOMAIN [RESTART]", a => webDomains.Suspend(a, false));
        Add("v-suspend-user", "USER [RESTART]", a => users.Suspend(a, true));
        Add("v-unsuspend-user", "USER [RESTART]", a => users.Suspend(a, false));
        Add("v-add-web-domain", "USER DOMAIN [IP] [RESTART] [ALIASES] [PROXY_EXTENSIONS]", webDomains.Add);
        Add("v-delete-web-domain", "USER DOMAIN [RESTART]", webDomains.Delete);
        Add("v-check-user-password", "USER PASSWORD [IP] [RETURN_HASH]", users.CheckPassword);
        Add("v-check-fs-permission", "USER FILE", fs.CheckPermission);
        Add("v-list-fs-directory", "USER DIRECTORY", fs.ListDirectory);
        Add("v-add-user", "USER PASSWORD EMAIL [PACKAGE] [NAME] [LASTNAME]", users.Add);
        Add("v-delete-user", "USER [RESTART]", users.Delete);
        Add("v-add-web-domain-alias", "USER DOMAIN ALIASES [RESTART]", webDomains.AddAlias);
        Add("v-add-fs-directory", "USER DIRECTORY", fs.AddDirectory);
    }

    public IReadOnlyCollection<string> Names => _commands.Keys;

    public bool TryGet(string name, [MaybeNullWhen(false)] out CommandDef definition) => _commands.TryGetValue(name, out definition);

    /// <summary>Runs a script (the caller holds the state lock).</summary>
    public CmdResult Execute(string name, List<string> args)
    {
        if (!_commands.TryGetValue(name, out var definition))
        {
            return new CmdResult(1, []); // sudo: command not found (stderr only)
        }

        try
        {
            return definition.Run(args);
        }
        catch (ScriptExit exit)
        {
            return new CmdResult(exit.Code, exit.Lines);
        }
    }

    private void Add(string name, string options, Func<List<string>, CmdResult> run) => _commands.Add(name, new CommandDef(name, options, run));
}
