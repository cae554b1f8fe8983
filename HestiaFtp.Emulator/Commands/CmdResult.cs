namespace HestiaFtp.Emulator.Commands;

/// <summary>What a v-* script leaves behind: its exit code and stdout lines.</summary>
internal sealed record CmdResult(int Exit, List<string> Lines)
{
    /// <summary>Records a v-list-* command printed (users, domains, fs entries): what the latency model charges per record.</summary>
    public int Records { get; init; }

    public static CmdResult Ok(params string[] lines) => new(0, [.. lines]);

    public static CmdResult Listed(int records, params IEnumerable<string> lines) => new(0, [.. lines]) { Records = records };
}

/// <summary>Thrown by a check to end the "script" like bash <c>exit N</c> after printing lines.</summary>
internal sealed class ScriptExit(int code, List<string> lines) : Exception
{
    public int Code { get; } = code;

    public List<string> Lines { get; } = lines;

    public static ScriptExit Fail(int code, string message) => new(code, [message]);
}
