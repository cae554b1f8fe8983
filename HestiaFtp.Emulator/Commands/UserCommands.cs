using System.Net;
using System.Text.RegularExpressions;
using HestiaFtp.Emulator.Shell;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.CmdResult;
using static HestiaFtp.Emulator.Commands.ScriptChecks;
using static HestiaFtp.Emulator.Commands.ScriptExit;

namespace HestiaFtp.Emulator.Commands;

/// <summary>v-add-user, v-delete-user, v-(un)suspend-user and v-check-user-password.</summary>
internal sealed class UserCommands(ScriptChecks checks, Provisioning provisioning)
{
    private static readonly string[] ReservedNames = ["aria", "aria_log", "mysql", "mysql_upgrade", "ib", "ib_buffer", "ddl", "ddl_recovery", "performance", "sudo"];
    private static readonly Regex NewUserFormat = new(@"^[a-zA-Z][-|_A-Za-z0-9]{0,28}[A-Za-z0-9]$", RegexOptions.CultureInvariant);
    private static readonly Regex EmailFormat = new(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.([A-Za-z]{2,63}|xn--[A-Za-z0-9]{2,63})$", RegexOptions.CultureInvariant);
    private static readonly Regex PackageFormat = new(@"^[A-Za-z0-9][-|._A-Za-z0-9]{0,64}[A-Za-z0-9]$", RegexOptions.CultureInvariant);

    private readonly ServerState _state = checks.State;

    /// <summary>v-add-user USER PASSWORD EMAIL [PACKAGE] [NAME] [LASTNAME] (bin/v-add-user of HestiaCP 1.10.3).</summary>
    public CmdResult Add(List<string> a)
    {
        var user = Arg(a, 0);
        var password = Arg(a, 1);
        var email = Arg(a, 2);
        var package = a.Count > 3 ? a[3] : HestiaPackages.DefaultName;
        var name = Arg(a, 4) + (Arg(a, 5).Length > 0 ? " " + a[5] : "");

        CheckArgs(a, 3, "v-add-user", "USER PASSWORD EMAIL [PACKAGE] [NAME] ");
        UserFormatValid(user, "user");
        FormatValid(user.Length == 0 || NewUserFormat.IsMatch(user), "user", user); // FROM_V_ADD_USER (func/main.sh 947-952)
        FormatValid(email.Length == 0 || EmailFormat.IsMatch(email), "email", email);
        FormatValid(package.Length == 0 || PackageFormat.IsMatch(package), "package", package);
        if (name.IndexOfAny(['\'', '"', '<', '>', '|']) >= 0)
        {
            throw Fail(2, $"Error: Invalid name contains qoutes (\" or ') :: {name}");
        }

        if (name.Contains('\n', StringComparison.Ordinal))
        {
            throw Fail(2, $"Error: invalid value :: {name}");
        }

        if (ReservedNames.Contains(user.ToLowerInvariant()))
        {
            throw Fail(2, $"Error: The user name '{user}' is reserved and cannot be used. List of reserved names: {string.Join(' ', ReservedNames)}");
        }

        var taken = Bre.Compile("^" + Bre.Literal(user) + "$");
        if (_state.Passwd.Any(p => taken.IsMatch(p.Name)) || _state.FindUser(user) is not null)
        {
            throw Fail(4, $"Error: user {user} exists");
        }

        password = checks.PasswordIndirection(password);
        var packageLines = HestiaPackages.Find(package) ?? throw Fail(3, $"Error: package {package} doesn't exist");
        checks.DemoCheck();
        if (checks.PamRejects(user, password))
        {
            throw Fail(2, "Error: Password not accepted due to PAM restrictions"); // deluser removes the account again
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["NAME"] = name, ["PACKAGE"] = package, ["CONTACT"] = email };
        foreach (var (key, value) in packageLines)
        {
            fields[key] = value;
        }

        provisioning.AddPanelUser(user, password, "user", fields);
        return Ok();
    }

    /// <summary>v-delete-user USER [RESTART] (bin/v-delete-user of HestiaCP 1.10.3): never the ROOT_USER, yet exit 0.</summary>
    public CmdResult Delete(List<string> a)
    {
        var user = Arg(a, 0);
        CheckArgs(a, 1, "v-delete-user", "USER [RESTART]");
        UserFormatValid(user, "user");
        RestartFormatValid(Arg(a, 1));
        var panelUser = checks.UserExists(user);
        if (user == _state.RootUser)
        {
            return Ok();
        }

        checks.DemoCheck();
        provisioning.RemovePanelUser(panelUser);
        return Ok();
    }

    private static void FormatValid(bool valid, string argName, string value)
    {
        if (!valid)
        {
            throw Fail(2, $"Error: invalid {argName} format :: {value}");
        }
    }

    public CmdResult Suspend(List<string> a, bool suspend)
    {
        var user = Arg(a, 0);
        CheckArgs(a, 1, suspend ? "v-suspend-user" : "v-unsuspend-user", "USER [RESTART]");
        UserFormatValid(user, "user");
        RestartFormatValid(Arg(a, 1));
        var panelUser = checks.UserExists(user);
        if (suspend)
        {
            UserUnsuspended(panelUser);
        }

        if (user == _state.RootUser)
        {
            return Ok();
        }

        checks.DemoCheck();
        provisioning.ApplyUserSuspension(panelUser, suspend);
        return Ok();
    }

    public CmdResult CheckPassword(List<string> a)
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

        if (checks.CheckPanelPassword(user, password) != 0)
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
}
