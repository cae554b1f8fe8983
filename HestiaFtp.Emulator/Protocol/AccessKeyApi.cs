using System.Globalization;
using static HestiaFtp.Emulator.Protocol.ApiResponses;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>The access-key flow of <c>/api/index.php</c> (<c>api_connection</c>): API_SYSTEM, IP list, key check, user pinning,
/// then the command, its output shaped into 200/204/4xx with <c>Hestia-Exit-Code</c> and the JSON content type.</summary>
internal sealed class AccessKeyApi(State.ServerState state, AccessKeyCheck keys, CommandRunner runner)
{
    public ApiAnswer Answer(Dictionary<string, string?> f, string ip)
    {
        var codeMode = Php.Get(f, "returncode") == "yes";
        var apiStatus = int.TryParse(state.ApiSystem, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (apiStatus == 0)
        {
            return new(ApiError(11, "API has been disabled", codeMode));
        }

        if (!IpAllowed(state.ApiAllowedIp, ip, newStyle: true))
        {
            return new(ApiError(10, "IP is not allowed to connect with API", codeMode));
        }

        var keyId = Php.Trim(Php.Get(f, "access_key") ?? "");
        var secret = Php.Trim(Php.Get(f, "secret_key") ?? "");
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

        if (keyId.Length == 0 || keyId == "0" || secret.Length == 0 || secret == "0")
        {
            return new(ApiError(9, "Authentication failed", codeMode));
        }

        var check = keys.Check(keyId, secret, cmd);
        if (check.Exit > 0)
        {
            return new(ApiError(check.Exit, check.Message, codeMode));
        }

        if (check.User != state.RootUser && apiStatus < 2)
        {
            return new(ApiError(21, "API has been disabled", codeMode));
        }

        if (check.User != state.RootUser && check.UserArgPosition > 0
            && (check.UserArgPosition > args.Count || args[check.UserArgPosition - 1] != check.User))
        {
            // The PHP string is double-quoted with \' inside: the backslashes end up in the output.
            return new(ApiError(10, $"Key {keyId} - the \"user\" argument doesn\\'t match the key\\'s user", codeMode));
        }

        var run = runner.Run(cmd, args);
        if (run.FaultResponse is { } faulted)
        {
            return new(faulted, run.Fault, run.Records);
        }

        var exit = run.Exit;
        var output = Php.Trim(string.Join('\n', run.Lines));
        EmulatorResponse response;
        if (codeMode)
        {
            response = new EmulatorResponse(200, exit, TextHtml, exit.ToString(CultureInfo.InvariantCulture));
        }
        else if (exit > 0)
        {
            response = new EmulatorResponse(ExitToHttp(exit), exit, TextHtml, output);
        }
        else
        {
            // PHP empty(): "" and "0" are empty -> 204 (a 204 carries no body).
            var phpEmpty = output.Length == 0 || output == "0";
            var contentType = !phpEmpty && Php.JsonTruthy(output) ? ApplicationJson : TextHtml;
            response = new EmulatorResponse(phpEmpty ? 204 : 200, 0, contentType, phpEmpty ? "" : output);
        }

        return new(response, run.Fault, run.Records);
    }
}
