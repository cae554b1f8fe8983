using System.Net;
using System.Globalization;
using HestiaFtp.Emulator.Shell;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.CmdResult;
using static HestiaFtp.Emulator.Commands.ScriptChecks;
using static HestiaFtp.Emulator.Commands.ScriptExit;

namespace HestiaFtp.Emulator.Commands;

/// <summary>v-(un)suspend-user and v-check-user-password.</summary>
internal sealed class UserCommands(ScriptChecks checks, Provisioning provisioning)
{
    private readonly ServerState _state = checks.State;

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
