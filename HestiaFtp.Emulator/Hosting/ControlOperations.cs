using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator.Hosting;

/// <summary>
/// The control operations that change the emulated server itself, shared by the control endpoint
/// (<c>POST /_emulator/{operation}</c> with a JSON body) and seed steps (<c>{"control": "operation", …}</c>):
/// <c>folder</c>, <c>file</c>, <c>symlink</c> (what the API cannot create with owner, group, mode and size),
/// <c>fault</c> (per command) and <c>latency</c>.
/// </summary>
public static partial class ControlOperations
{
    /// <summary>The operation names <see cref="Apply"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["folder", "file", "symlink", "fault", "latency"];

    [GeneratedRegex("^[0-7]{3,4}$")]
    private static partial Regex ModeFormat();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$")]
    private static partial Regex AccountFormat();

    /// <summary>Applies one operation; throws <see cref="ControlOperationException"/> on a bad or impossible request.</summary>
    public static void Apply(EmulatorControl control, string operation, JsonElement body)
    {
        ArgumentNullException.ThrowIfNull(control);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ControlOperationException("The body must be a JSON object.");
        }

        try
        {
            switch (operation)
            {
                case "folder":
                    control.AddFolderAt(AbsolutePath(body, "path"), Account(body, "owner", null), OptionalAccount(body, "group"), Mode(body, "755"));
                    break;
                case "file":
                    control.AddFileAt(AbsolutePath(body, "path"), Account(body, "owner", null), OptionalAccount(body, "group"), Mode(body, "644"),
                        Number(body, "size", 0, 0, long.MaxValue));
                    break;
                case "symlink":
                    control.AddSymlinkAt(AbsolutePath(body, "path"), Text(body, "target") ?? throw Missing("target"),
                        Account(body, "owner", "root"), OptionalAccount(body, "group"));
                    break;
                case "fault":
                    var fault = Text(body, "fault") ?? throw Missing("fault");
                    if (!Enum.TryParse<EmulatorFault>(fault, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(fault, out _))
                    {
                        throw new ControlOperationException($"fault must be one of {string.Join(", ", Enum.GetNames<EmulatorFault>())}.");
                    }

                    control.FailNext(Text(body, "command") ?? throw Missing("command"), kind, (int)Number(body, "count", 1, 1, 1000),
                        TimeSpan.FromMilliseconds(Number(body, "delayMs", 0, 0, 600_000)));
                    break;
                case "latency":
                    control.SetLatency(TimeSpan.FromMilliseconds(Number(body, "perCallMs", 0, 0, 600_000)),
                        TimeSpan.FromMilliseconds(Number(body, "perRecordMs", 0, 0, 600_000)));
                    break;
                default:
                    throw new ControlOperationException($"Unknown operation {operation}; known: {string.Join(", ", Names)}.");
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new ControlOperationException(ex.Message);
        }
    }

    private static ControlOperationException Missing(string name) => new($"{name} is required.");

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new ControlOperationException($"{name} must be a string.")
            : null;

    private static long Number(JsonElement body, string name, long fallback, long min, long max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            throw new ControlOperationException(
                $"{name} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return number;
    }

    private static string AbsolutePath(JsonElement body, string name)
    {
        var path = Text(body, name) ?? throw Missing(name);
        var parts = path.Split('/');
        if (!path.StartsWith('/') || path.Length == 1 || path.EndsWith('/') || parts.Skip(1).Any(p => p is "" or "." or ".."))
        {
            throw new ControlOperationException($"{name} must be an absolute path without . or .. parts, e.g. /home/alice/web/example.com/public_html/media.");
        }

        return path;
    }

    private static string Account(JsonElement body, string name, string? fallback)
    {
        var value = Text(body, name) ?? fallback ?? throw Missing(name);
        return AccountFormat().IsMatch(value) ? value : throw new ControlOperationException($"{name} is not a valid user or group name.");
    }

    private static string? OptionalAccount(JsonElement body, string name) => Text(body, name) is null ? null : Account(body, name, null);

    private static string Mode(JsonElement body, string fallback)
    {
        var mode = Text(body, "mode") ?? fallback;
        return ModeFormat().IsMatch(mode) ? mode.TrimStart('0').PadLeft(3, '0') : throw new ControlOperationException("mode must be octal, e.g. 755.");
    }
}

/// <summary>A control operation was refused; the message says why (it never holds a secret).</summary>
public sealed class ControlOperationException(string message) : Exception(message);
