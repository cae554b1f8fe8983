using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator;

/// <summary>
/// An in-memory HestiaCP 1.10.3 server: the protocol of <c>/api/index.php</c> (authentication modes,
/// IP allow-list, response shaping) and the semantics of the <c>v-*</c> commands an FTP dashboard uses
/// (<c>v-list-web-domains</c>, <c>v-add-web-domain-ftp</c>, <c>v-change-web-domain-ftp-password</c>,
/// <c>v-change-web-domain-ftp-path</c>, <c>v-delete-web-domain-ftp</c>, suspension, fs helpers …),
/// reproduced from the upstream scripts and the observed transcript. Thread-safe (one lock).
/// Shares no code with the HestiaCP client.
/// </summary>
public sealed partial class HestiaEmulator
{
    internal const string TextHtml = "text/html; charset=UTF-8";
    internal const string ApplicationJson = "application/json; charset=utf-8";
    private const string DataInvalid =
        "Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html";

    private static readonly Regex CmdPattern = new("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant);

    internal readonly Lock Sync = new();
    internal readonly TimeProvider Time;
    private readonly Dictionary<string, int> _callCounts = new(StringComparer.Ordinal);

    // ---- hestia.conf ----
    internal string RootUser = "admin";
    internal string Api = "yes";
    internal string ApiSystem = "1";
    internal string ApiAllowedIp = "";
    internal bool DemoMode;
    internal string WebSystem = "nginx";
    internal string WebBackend = "php-fpm";
    internal string ProxySystem = "";

    // ---- data ----
    internal readonly List<PasswdEntry> Passwd = [];
    internal readonly List<PanelUser> Users = [];
    internal readonly Dictionary<string, AccessKeyRecord> AccessKeys = new(StringComparer.Ordinal);
    internal readonly HashSet<string> LegacyKeys = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, IReadOnlyList<string>> ApiProfiles = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, string> TmpFiles = new(StringComparer.Ordinal);
    internal readonly FakeFileSystem Fs;
    internal readonly List<(string Command, EmulatorFault Fault, TimeSpan Delay)> Faults = [];

    // ---- latency model (see EmulatorControl.SetLatency) ----
    internal TimeSpan LatencyPerCall;
    internal TimeSpan LatencyPerRecord;

    private HestiaEmulator(TimeProvider time)
    {
        Time = time;
        Fs = new FakeFileSystem(time.GetLocalNow());
        Control = new EmulatorControl(this);
        foreach (var (name, commands) in ShippedProfiles)
        {
            ApiProfiles[name] = commands;
        }

        var uid = 0;
        foreach (var sys in SystemAccounts)
        {
            Passwd.Add(new PasswdEntry { Name = sys, Uid = uid++, Home = sys == "root" ? "/root" : "/nonexistent" });
        }
    }

    /// <summary>The out-of-band admin surface (like a root shell on the server).</summary>
    public EmulatorControl Control { get; }

    /// <summary>Requests per command name that carried a valid <c>cmd</c> (including those refused by auth).</summary>
    public IReadOnlyDictionary<string, int> CallCounts
    {
        get
        {
            lock (Sync)
            {
                return new Dictionary<string, int>(_callCounts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Clears <see cref="CallCounts"/>.</summary>
    public void ResetCallCounts()
    {
        lock (Sync)
        {
            _callCounts.Clear();
        }
    }

    /// <summary>Creates an emulator from a seed.</summary>
    public static HestiaEmulator Create(EmulatorSeed seed, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var emulator = new HestiaEmulator(time ?? TimeProvider.System);
        emulator.ApplySeed(seed);
        return emulator;
    }

    /// <summary>Creates an emulator with the realistic demo data set (admin, alice, bob, carol, support).</summary>
    public static HestiaEmulator CreateDemo(TimeProvider? time = null) => Create(EmulatorDemoSeed.Build(), time);

    /// <summary>Reads a seed from a JSON file (the transcript's <c>initialState</c> shape, see <see cref="EmulatorSeed"/>).</summary>
    public static EmulatorSeed LoadSeed(string jsonPath)
    {
        var text = File.ReadAllText(jsonPath);
        using var doc = JsonDocument.Parse(text);
        // Accept either a bare seed or a transcript file carrying one under "initialState".
        if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("initialState", out var inner))
        {
            return EmulatorSeedJson.Parse(inner.GetRawText());
        }

        return EmulatorSeedJson.Parse(text);
    }

    /// <summary>Handles one API request synchronously. Delay faults and the latency model are skipped; hang faults throw
    /// <see cref="EmulatorHangException"/>.</summary>
    public EmulatorResponse Handle(EmulatorRequest request)
    {
        var handled = HandleCore(request, countCall: true);
        if (handled.Fault is { Fault: EmulatorFault.Hang or EmulatorFault.HangAfterApplying } fault)
        {
            throw new EmulatorHangException(fault.Command);
        }

        return handled.Response;
    }

    /// <summary>
    /// Handles one API request. The command runs (and <see cref="CallCounts"/> counts it) at once, under the lock; the
    /// answer then waits, outside the lock and on the emulator's <see cref="TimeProvider"/>, for the latency model
    /// (<see cref="EmulatorControl.SetLatency"/>) plus any delay fault. Hang faults wait until <paramref name="ct"/> is cancelled.
    /// </summary>
    public Task<EmulatorResponse> HandleAsync(EmulatorRequest request, CancellationToken ct = default) =>
        AnswerAsync(HandleCore(request, countCall: true), ct);

    /// <summary>Counts a request in <see cref="CallCounts"/> without running it: the server holds it (<see cref="EmulatorOutage.NeverAnswer"/>).</summary>
    internal void CountReceived(EmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (Sync)
        {
            if (ReadRequestData(request) is { HasNonScalar: false } data)
            {
                CountCall(data.Fields);
            }
        }
    }

    /// <summary><see cref="HandleAsync"/> for a request <see cref="CountReceived"/> already counted.</summary>
    internal Task<EmulatorResponse> HandleCountedAsync(EmulatorRequest request, CancellationToken ct) =>
        AnswerAsync(HandleCore(request, countCall: false), ct);

    private async Task<EmulatorResponse> AnswerAsync(Handled handled, CancellationToken ct)
    {
        var wait = handled.Latency;
        switch (handled.Fault?.Fault)
        {
            case EmulatorFault.Hang or EmulatorFault.HangAfterApplying:
                wait = Timeout.InfiniteTimeSpan;
                break;
            case EmulatorFault.Delay when handled.Fault.Value.Delay > TimeSpan.Zero:
                wait += handled.Fault.Value.Delay;
                break;
        }

        // One timer for latency and delay fault together, so a test advancing a fake clock sees a single due time.
        if (wait != TimeSpan.Zero)
        {
            await Task.Delay(wait, Time, ct).ConfigureAwait(false);
        }

        return handled.Response;
    }

    // ------------------------------------------------------------------ transport

    private readonly record struct Handled(EmulatorResponse Response, (string Command, EmulatorFault Fault, TimeSpan Delay)? Fault, TimeSpan Latency);

    private Handled HandleCore(EmulatorRequest request, bool countCall)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (Sync)
        {
            var records = 0;
            var (response, fault) = Dispatch(request, countCall, ref records);
            return new Handled(response, fault, LatencyPerCall + TimeSpan.FromTicks(LatencyPerRecord.Ticks * records));
        }
    }

    private void CountCall(Dictionary<string, string?> fields)
    {
        var cmd = PhpTrim(Get(fields, "cmd") ?? "");
        if (cmd.Length > 0 && CmdPattern.IsMatch(cmd))
        {
            _callCounts[cmd] = _callCounts.GetValueOrDefault(cmd) + 1;
        }
    }

    private (EmulatorResponse, (string Command, EmulatorFault Fault, TimeSpan Delay)?) Dispatch(EmulatorRequest request, bool countCall, ref int records)
    {
        var data = ReadRequestData(request);
        if (data is null)
        {
            return (new EmulatorResponse(405, 405, TextHtml, DataInvalid), null);
        }

        if (data.HasNonScalar)
        {
            // PHP: trim(array) is a TypeError -> fatal error -> HTTP 500 with an empty body.
            return (new EmulatorResponse(500, null, TextHtml, ""), null);
        }

        var fields = data.Fields;
        // hash=ACCESS:SECRET split (20 + 40 bytes).
        if (!fields.ContainsKey("access_key") && fields.TryGetValue("hash", out var hash) && hash is not null
            && hash.Count(c => c == ':') == 1)
        {
            var parts = hash.Split(':');
            if (Encoding.UTF8.GetByteCount(parts[0]) == 20 && Encoding.UTF8.GetByteCount(parts[1]) == 40)
            {
                fields["access_key"] = parts[0];
                fields["secret_key"] = parts[1];
                fields.Remove("hash");
            }
        }

        if (countCall)
        {
            CountCall(fields);
        }

        var ip = RealIp(request.RemoteIp);
        if (Isset(fields, "access_key") && Isset(fields, "secret_key"))
        {
            return ApiConnection(fields, ip, ref records);
        }

        if (Isset(fields, "user") || Isset(fields, "hash"))
        {
            return ApiLegacy(fields, ip, ref records);
        }

        return (new EmulatorResponse(405, 405, TextHtml, DataInvalid), null);
    }

    private sealed record RequestData(Dictionary<string, string?> Fields, bool HasNonScalar);

    private static RequestData? ReadRequestData(EmulatorRequest request)
    {
        var isPost = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var ct = request.ContentType ?? "";
        var isForm = ct.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || ct.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (isPost && isForm && request.Form is { } form)
        {
            var post = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (k, v) in form)
            {
                post[k] = v; // PHP: the last duplicate wins
            }

            if (post.ContainsKey("access_key") || post.ContainsKey("user") || post.ContainsKey("hash"))
            {
                return new RequestData(post, false);
            }
        }

        // php://input is not available for multipart bodies.
        if (string.IsNullOrEmpty(request.RawBody) || ct.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(request.RawBody);
            var root = doc.RootElement;
            // json_decode(...) != null: only a non-empty array/object survives the loose comparison usefully.
            if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
            {
                return null;
            }

            var dict = new Dictionary<string, string?>(StringComparer.Ordinal);
            var nonScalar = false;
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String: dict[p.Name] = p.Value.GetString(); break;
                    case JsonValueKind.Number: dict[p.Name] = p.Value.GetRawText(); break;
                    case JsonValueKind.True: dict[p.Name] = "1"; break;
                    case JsonValueKind.False: dict[p.Name] = ""; break;
                    case JsonValueKind.Null: dict[p.Name] = null; break;
                    default:
                        dict[p.Name] = "Array";
                        if (IsUsedField(p.Name))
                        {
                            nonScalar = true;
                        }

                        break;
                }
            }

            return new RequestData(dict, nonScalar);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsUsedField(string name) =>
        name is "access_key" or "secret_key" or "cmd" or "user" or "password" or "hash"
        || (name.StartsWith("arg", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), out var n) && n is >= 1 and <= 13);

    private static bool Isset(Dictionary<string, string?> f, string key) => f.TryGetValue(key, out var v) && v is not null;

    private static string? Get(Dictionary<string, string?> f, string key) => f.TryGetValue(key, out var v) ? v : null;

    internal static string PhpTrim(string s) => s.Trim(' ', '\t', '\n', '\r', '\0', '\x0B');

    private static string RealIp(string remote)
    {
        var ip = System.Net.IPAddress.TryParse(remote, out _) ? remote : "";
        if (ip.StartsWith(':') && ip.IndexOf('.', StringComparison.Ordinal) > 0)
        {
            ip = ip[(ip.LastIndexOf(':') + 1)..];
        }

        return ip;
    }

    private static List<string> Args(Dictionary<string, string?> f)
    {
        var args = new List<string>();
        for (var i = 1; i <= 13; i++)
        {
            if (f.TryGetValue($"arg{i}", out var v) && v is not null)
            {
                args.Add(PhpTrim(v));
            }
        }

        return args;
    }

    private static EmulatorResponse ApiError(int exitCode, string message, bool codeMode)
    {
        message = PhpTrim(message);
        var status = exitCode >= 100 ? exitCode : ExitToHttp(exitCode);
        var body = codeMode ? exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : message.StartsWith("Error:", StringComparison.Ordinal) ? message : "Error: " + message;
        return new EmulatorResponse(status, exitCode, TextHtml, body);
    }

    internal static int ExitToHttp(int exit) => exit switch
    {
        0 => 200,
        1 => 400,
        2 => 422,
        5 or 6 or 9 or 10 or 21 => 401,
        _ => 400,
    };

    private bool IpAllowed(string ip, bool newStyle)
    {
        if (ApiAllowedIp == "allow-all")
        {
            return true;
        }

        var list = ApiAllowedIp.Split(',').ToList();
        list.Add("");
        return list.Contains(ip) || (newStyle && list.Contains("0.0.0.0"));
    }

    private (EmulatorResponse, (string Command, EmulatorFault Fault, TimeSpan Delay)?) ApiConnection(Dictionary<string, string?> f, string ip, ref int records)
    {
        var codeMode = Get(f, "returncode") == "yes";
        var apiStatus = int.TryParse(ApiSystem, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (apiStatus == 0)
        {
            return (ApiError(11, "API has been disabled", codeMode), null);
        }

        if (!IpAllowed(ip, newStyle: true))
        {
            return (ApiError(10, "IP is not allowed to connect with API", codeMode), null);
        }

        var keyId = PhpTrim(Get(f, "access_key") ?? "");
        var secret = PhpTrim(Get(f, "secret_key") ?? "");
        var cmd = PhpTrim(Get(f, "cmd") ?? "");
        var args = Args(f);
        if (cmd.Length == 0 || cmd == "0")
        {
            return (ApiError(2, "Command not provided", codeMode), null);
        }

        if (!CmdPattern.IsMatch(cmd))
        {
            return (ApiError(2, $"{cmd} command invalid", codeMode), null);
        }

        if (keyId.Length == 0 || keyId == "0" || secret.Length == 0 || secret == "0")
        {
            return (ApiError(9, "Authentication failed", codeMode), null);
        }

        var check = CheckAccessKey(keyId, secret, cmd);
        if (check.Exit > 0)
        {
            return (ApiError(check.Exit, check.Message, codeMode), null);
        }

        if (check.User != RootUser && apiStatus < 2)
        {
            return (ApiError(21, "API has been disabled", codeMode), null);
        }

        if (check.User != RootUser && check.UserArgPosition > 0
            && (check.UserArgPosition > args.Count || args[check.UserArgPosition - 1] != check.User))
        {
            // The PHP string is double-quoted with \' inside: the backslashes end up in the output.
            return (ApiError(10, $"Key {keyId} - the \"user\" argument doesn\\'t match the key\\'s user", codeMode), null);
        }

        int exit;
        string output;
        var fault = TakeFault(cmd);
        if (fault is { Fault: EmulatorFault.Http500BeforeApplying } || fault is { Fault: EmulatorFault.Hang })
        {
            return (new EmulatorResponse(500, null, TextHtml, Http500Body), fault);
        }

        if (cmd == "v-make-tmp-file")
        {
            MakeTmpFile(args);
            (exit, output) = (0, "");
        }
        else
        {
            var result = Execute(cmd, args);
            records = result.Records;
            exit = result.Exit;
            output = PhpTrim(string.Join('\n', result.Lines.Select(l => l.TrimEnd())));
        }

        if (fault is { Fault: EmulatorFault.Http500AfterApplying or EmulatorFault.HangAfterApplying })
        {
            return (new EmulatorResponse(500, null, TextHtml, Http500Body), fault);
        }

        EmulatorResponse response;
        if (codeMode)
        {
            response = new EmulatorResponse(200, exit, TextHtml, exit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (exit > 0)
        {
            response = new EmulatorResponse(ExitToHttp(exit), exit, TextHtml, output);
        }
        else
        {
            // PHP empty(): "" and "0" are empty -> 204 (a 204 carries no body).
            var phpEmpty = output.Length == 0 || output == "0";
            var contentType = !phpEmpty && JsonTruthy(output) ? ApplicationJson : TextHtml;
            response = new EmulatorResponse(phpEmpty ? 204 : 200, 0, contentType, phpEmpty ? "" : output);
        }

        return (response, fault);
    }

    internal const string Http500Body = "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private (EmulatorResponse, (string Command, EmulatorFault Fault, TimeSpan Delay)?) ApiLegacy(Dictionary<string, string?> f, string ip, ref int records)
    {
        var codeMode = Get(f, "returncode") == "yes";
        if (Api != "yes")
        {
            // PHP echoes a line before api_error(): both texts end up in the body.
            var inner = ApiError(11, "Error: API Disabled", codeMode);
            return (inner with { Body = "Error: API has been disabled" + inner.Body }, null);
        }

        if (!IpAllowed(ip, newStyle: false))
        {
            return (ApiError(10, "Error: IP is not allowed to connect with API", codeMode), null);
        }

        var hash = Get(f, "hash");
        if (string.IsNullOrEmpty(hash) || hash == "0")
        {
            if (Get(f, "user") != RootUser)
            {
                return (ApiError(10, "Error: authentication failed", codeMode), null);
            }

            var password = Get(f, "password");
            if (password is null)
            {
                return (ApiError(9, "Error: authentication failed", codeMode), null);
            }

            if (CheckPanelPassword(RootUser, password, ip) != 0)
            {
                return (ApiError(9, "Error: authentication failed", codeMode), null);
            }
        }
        else
        {
            var key = hash.Contains('/') ? hash[(hash.LastIndexOf('/') + 1)..] : hash;
            if (key.Length < 16 || !LegacyKeys.Contains(key))
            {
                return (ApiError(9, "Error: authentication failed", codeMode), null);
            }
        }

        var cmd = PhpTrim(Get(f, "cmd") ?? "");
        var args = Args(f);
        if (cmd.Length == 0 || cmd == "0")
        {
            return (ApiError(2, "Command not provided", codeMode), null);
        }

        if (!CmdPattern.IsMatch(cmd))
        {
            return (ApiError(2, $"{cmd} command invalid", codeMode), null);
        }

        var fault = TakeFault(cmd);
        if (fault is { Fault: EmulatorFault.Http500BeforeApplying or EmulatorFault.Hang })
        {
            return (new EmulatorResponse(500, null, TextHtml, Http500Body), fault);
        }

        int exit;
        List<string> lines;
        if (cmd == "v-make-tmp-file")
        {
            MakeTmpFile(args);
            (exit, lines) = (0, []);
        }
        else
        {
            var result = Execute(cmd, args);
            records = result.Records;
            exit = result.Exit;
            lines = result.Lines.Select(l => l.TrimEnd()).ToList();
        }

        if (fault is { Fault: EmulatorFault.Http500AfterApplying or EmulatorFault.HangAfterApplying })
        {
            return (new EmulatorResponse(500, null, TextHtml, Http500Body), fault);
        }

        var body = codeMode ? exit.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : lines.Count == 0 ? "OK"
            : string.Join('\n', lines) + "\n";
        return (new EmulatorResponse(200, null, TextHtml, body), fault);
    }

    private (string Command, EmulatorFault Fault, TimeSpan Delay)? TakeFault(string cmd)
    {
        var index = Faults.FindIndex(x => x.Command == cmd);
        if (index < 0)
        {
            return null;
        }

        var fault = Faults[index];
        Faults.RemoveAt(index);
        return fault;
    }

    private void MakeTmpFile(List<string> args)
    {
        var content = args.Count > 0 ? args[0] : "";
        var name = args.Count > 1 ? args[1] : "";
        name = name.Contains('/') ? name[(name.LastIndexOf('/') + 1)..] : name;
        TmpFiles["/tmp/" + name] = content + "\n";
    }

    /// <summary>PHP: <c>json_decode($out, true)</c> is truthy.</summary>
    internal static bool JsonTruthy(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 512 });
            var r = doc.RootElement;
            return r.ValueKind switch
            {
                JsonValueKind.Object => r.EnumerateObject().Any(),
                JsonValueKind.Array => r.GetArrayLength() > 0,
                JsonValueKind.String => r.GetString() is { Length: > 0 } str && str != "0",
                JsonValueKind.Number => r.GetDouble() != 0,
                JsonValueKind.True => true,
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
