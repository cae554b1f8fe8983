using System.Globalization;
using HestiaFtp.Emulator.Commands;
using static HestiaFtp.Emulator.Protocol.ApiResponses;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>The legacy flow of <c>/api/index.php</c> (<c>api_legacy</c>): the API switch, IP list, admin password or
/// legacy key, then the command; output is <c>OK</c> or the lines, always HTTP 200 without <c>Hestia-Exit-Code</c>.</summary>
internal sealed class LegacyApi(ScriptChecks checks, CommandRunner runner)
{
    private readonly State.ServerState _state = checks.State;

    public ApiAnswer Answer(Dictionary<string, string?> f, string ip)
    {
        var codeMode = Php.Get(f, "returncode") == "yes";
        if (_state.Api != "yes")
        {
            // PHP echoes a line before api_error(): both texts end up in the body.
            var inner = ApiError(11, "Error: API Disabled", codeMode);
            return new(inner with { Body = "Error: API has been disabled" + inner.Body });
        }

        if (!IpAllowed(_state.ApiAllowedIp, ip, newStyle: false))
        {
            return new(ApiError(10, "Error: IP is not allowed to connect with API", codeMode));
        }

        if (Authenticate(f) is { } refused)
        {
            return new(ApiError(refused, "Error: authentication failed", codeMode));
        }

        var cmd = Php.Trim(Php.Get(f, "cmd") ?? "");
        var args = Php.Args(f);
        if (cmd.Length == 0 || cmd == "0")
        {
            return new(ApiError(2, "Command not provided", codeMode));
        }

        if (!Php.CmdPattern().IsMatch(cmd))
        {
            return new(ApiError(2, $"{cmd} command invalid", codeMode));
        }

        var run = runner.Run(cmd, args);
        if (run.FaultResponse is { } faulted)
        {
            return new(faulted, run.Fault, run.Records);
        }

        var body = codeMode ? run.Exit.ToString(CultureInfo.InvariantCulture)
            : run.Lines.Count == 0 ? "OK"
            : string.Join('\n', run.Lines) + "\n";
        return new(new EmulatorResponse(200, null, TextHtml, body), run.Fault, run.Records);
    }

    /// <summary>The exit code of a refused sign-in (user/password of the ROOT_USER, or a legacy key), null when accepted.</summary>
    private int? Authenticate(Dictionary<string, string?> f)
    {
        var hash = Php.Get(f, "hash");
        if (string.IsNullOrEmpty(hash) || hash == "0")
        {
            if (Php.Get(f, "user") != _state.RootUser)
            {
                return 10;
            }

            var password = Php.Get(f, "password");
            return password is null || checks.CheckPanelPassword(_state.RootUser, password) != 0 ? 9 : null;
        }

        var key = hash.Contains('/') ? hash[(hash.LastIndexOf('/') + 1)..] : hash;
        return key.Length < 16 || !_state.LegacyKeys.Contains(key) ? 9 : null;
    }
}
