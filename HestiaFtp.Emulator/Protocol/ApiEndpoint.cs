using HestiaFtp.Emulator.Commands;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>
/// <c>/api/index.php</c>: reads the request, counts the command, and hands it to the access-key or the legacy flow.
/// The caller holds the state lock.
/// </summary>
internal sealed class ApiEndpoint
{
    private readonly ServerState _state;
    private readonly AccessKeyApi _accessKeyApi;
    private readonly LegacyApi _legacyApi;

    public ApiEndpoint(ScriptChecks checks, CommandTable commands)
    {
        _state = checks.State;
        var runner = new CommandRunner(_state, commands);
        _accessKeyApi = new AccessKeyApi(_state, new AccessKeyCheck(checks, commands), runner);
        _legacyApi = new LegacyApi(checks, runner);
    }

    public ApiAnswer Answer(EmulatorRequest request, bool countCall)
    {
        var data = ApiRequestReader.Read(request);
        if (data is null)
        {
            return new(ApiResponses.NotAccepted);
        }

        if (data.HasNonScalar)
        {
            // PHP: trim(array) is a TypeError -> fatal error -> HTTP 500 with an empty body.
            return new(new EmulatorResponse(500, null, ApiResponses.TextHtml, ""));
        }

        var fields = data.Fields;
        ApiRequestReader.SplitHash(fields);
        if (countCall)
        {
            CountCall(fields);
        }

        var ip = Php.RealIp(request.RemoteIp);
        if (Php.Isset(fields, "access_key") && Php.Isset(fields, "secret_key"))
        {
            return _accessKeyApi.Answer(fields, ip);
        }

        if (Php.Isset(fields, "user") || Php.Isset(fields, "hash"))
        {
            return _legacyApi.Answer(fields, ip);
        }

        return new(ApiResponses.NotAccepted);
    }

    /// <summary>Counts a request without running it (the server holds it: <see cref="EmulatorOutage.NeverAnswer"/>).</summary>
    public void CountReceived(EmulatorRequest request)
    {
        if (ApiRequestReader.Read(request) is { HasNonScalar: false } data)
        {
            CountCall(data.Fields);
        }
    }

    private void CountCall(Dictionary<string, string?> fields)
    {
        var cmd = Php.Trim(Php.Get(fields, "cmd") ?? "");
        if (cmd.Length > 0 && Php.CmdPattern().IsMatch(cmd))
        {
            _state.CallCounts[cmd] = _state.CallCounts.GetValueOrDefault(cmd) + 1;
        }
    }
}
