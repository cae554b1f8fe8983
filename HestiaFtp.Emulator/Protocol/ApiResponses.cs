using System.Globalization;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>How <c>/api/index.php</c> shapes failures: status from the exit code, <c>Error:</c> prefix, returncode mode.</summary>
internal static class ApiResponses
{
    public const string TextHtml = "text/html; charset=UTF-8";
    public const string ApplicationJson = "application/json; charset=utf-8";

    public const string DataInvalid =
        "Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html";

    public const string Http500Body = "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /// <summary>nginx's own 500 page, without Hestia-Exit-Code (an injected fault).</summary>
    public static EmulatorResponse Http500 { get; } = new(500, null, TextHtml, Http500Body);

    public static EmulatorResponse NotAccepted { get; } = new(405, 405, TextHtml, DataInvalid);

    public static EmulatorResponse ApiError(int exitCode, string message, bool codeMode)
    {
        message = Php.Trim(message);
        var status = exitCode >= 100 ? exitCode : ExitToHttp(exitCode);
        var body = codeMode ? exitCode.ToString(CultureInfo.InvariantCulture)
            : message.StartsWith("Error:", StringComparison.Ordinal) ? message : "Error: " + message;
        return new EmulatorResponse(status, exitCode, TextHtml, body);
    }

    public static int ExitToHttp(int exit) => exit switch
    {
        0 => 200,
        1 => 400,
        2 => 422,
        5 or 6 or 9 or 10 or 21 => 401,
        _ => 400,
    };

    /// <summary>API_ALLOWED_IP: a comma list (an empty entry always matches an empty IP), <c>allow-all</c>, and for keys
    /// <c>0.0.0.0</c> meaning anyone.</summary>
    public static bool IpAllowed(string allowedIp, string ip, bool newStyle)
    {
        if (allowedIp == "allow-all")
        {
            return true;
        }

        var list = allowedIp.Split(',').ToList();
        list.Add("");
        return list.Contains(ip) || (newStyle && list.Contains("0.0.0.0"));
    }
}
