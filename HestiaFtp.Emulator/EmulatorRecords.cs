namespace HestiaFtp.Emulator;

/// <summary>
/// One API request as the emulator's protocol core sees it (what PHP's <c>$_POST</c>,
/// <c>php://input</c> and <c>REMOTE_ADDR</c> would hold), free of any HTTP framework type.
/// </summary>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="ContentType">The request's Content-Type header, if any.</param>
/// <param name="Form">Parsed form fields in request order (only for form content types), else null.</param>
/// <param name="RawBody">The raw request body (used for the JSON-body variant), else null.</param>
/// <param name="RemoteIp">The caller's address as the server sees it.</param>
public sealed record EmulatorRequest(
    string Method,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>>? Form,
    string? RawBody,
    string RemoteIp);

/// <summary>The emulator's answer, byte for byte what HestiaCP's <c>/api/index.php</c> would send.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="ExitCodeHeader">Value of the <c>Hestia-Exit-Code</c> header, or null when the header is absent.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The body (empty for 204).</param>
public sealed record EmulatorResponse(int Status, int? ExitCodeHeader, string ContentType, string Body);

/// <summary>Result of running a command as root on the emulated server's shell (out of band, no API).</summary>
/// <param name="ExitCode">The script's exit code.</param>
/// <param name="Output">Its stdout, lines joined with <c>\n</c>, no trailing newline.</param>
public sealed record EmulatorCliResult(int ExitCode, string Output);

/// <summary>Transport-level faults a test can inject with <see cref="EmulatorControl.FailNext"/>.</summary>
public enum EmulatorFault
{
    /// <summary>HTTP 500 without running the command: nothing changed on the server.</summary>
    Http500BeforeApplying,

    /// <summary>The command runs (state changes), then HTTP 500 (hestiacp#797: 500 although the account was created).</summary>
    Http500AfterApplying,

    /// <summary>No answer until the caller gives up (request aborted); the command is not run.</summary>
    Hang,

    /// <summary>The command runs, then no answer until the caller gives up: the outcome is unknown to the caller.</summary>
    HangAfterApplying,

    /// <summary>Answer normally after the configured delay (measured with the emulator's <see cref="TimeProvider"/>).</summary>
    Delay,
}

/// <summary>Server-wide outage modes of <see cref="EmulatorServer"/>, switched with <see cref="EmulatorServer.SetOutageAsync"/>.</summary>
public enum EmulatorOutage
{
    /// <summary>Normal service.</summary>
    None,

    /// <summary>The port is closed: new connections are refused (ECONNREFUSED), open ones are closed and requests in flight
    /// are aborted, as when the panel is down. Nothing reaches the emulator.</summary>
    RefuseConnections,

    /// <summary>Connections are accepted and requests read and counted in <see cref="HestiaEmulator.CallCounts"/>, but no
    /// answer is sent while the mode lasts (PHP workers hanging, a black hole after accept). The commands do not run yet:
    /// back to <see cref="None"/>, the requests still held run and are answered then (a request whose connection the
    /// server has seen close is dropped without running).</summary>
    NeverAnswer,
}

/// <summary>Thrown by the synchronous <see cref="HestiaEmulator.Handle"/> when a hang fault is injected
/// (a synchronous call cannot be aborted by a caller's timeout); <see cref="HestiaEmulator.HandleAsync"/> waits instead.</summary>
public sealed class EmulatorHangException(string command)
    : Exception($"The emulator was told to hang on {command}.")
{
    /// <summary>The command the fault was injected for.</summary>
    public string Command { get; } = command;
}

/// <summary>A panel user as <see cref="EmulatorControl.GetUsers"/> reports it.</summary>
public sealed record EmulatorUserInfo(string Name, string Role, bool Suspended, IReadOnlyList<string> Domains);

/// <summary>A web domain as <see cref="EmulatorControl.GetDomains"/> reports it.</summary>
public sealed record EmulatorDomainInfo(string Name, string Ip, string Aliases, bool Ssl, bool Suspended, string FtpUser, string FtpPath);

/// <summary>An FTP account as stored in the domain's <c>FTP_USER</c>/<c>FTP_PATH</c> lists.</summary>
/// <param name="Login">The full system account name (<c>USER_name</c>).</param>
/// <param name="Path">The stored <c>FTP_PATH</c> entry (relative to <c>/home/USER/web/DOMAIN</c>; empty = domain root).</param>
public sealed record EmulatorFtpAccount(string Login, string Path);
