using System.Text.Json;
using HestiaFtp.Emulator.Hosting;

namespace HestiaFtp.Emulator.Standalone;

/// <summary>
/// The second seed format: a JSON array of steps applied in order at start, each either an API command run as the
/// admin on the server's shell (<c>{"cmd": "v-add-web-domain", "args": ["alice", "example.com"]}</c>, failing the start
/// on a non-zero exit) or a control operation (<c>{"control": "folder", "path": "…", "owner": "alice", "mode": "755"}</c>,
/// see <see cref="ControlOperations"/>).
/// </summary>
internal static class SeedSteps
{
    public static void Apply(EmulatorControl control, JsonElement steps)
    {
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            if (step.ValueKind != JsonValueKind.Object)
            {
                throw new EmulatorStartException($"Seed step {index}: expected an object with \"cmd\" or \"control\".");
            }

            if (step.TryGetProperty("cmd", out var cmd) && cmd.ValueKind == JsonValueKind.String)
            {
                var args = step.TryGetProperty("args", out var a) ? Args(a, index) : [];
                var result = control.Run(cmd.GetString()!, args);
                if (result.ExitCode != 0)
                {
                    // Hestia's own message, never the arguments (they may hold passwords).
                    throw new EmulatorStartException($"Seed step {index} ({cmd.GetString()}) exited {result.ExitCode}: {result.Output}");
                }
            }
            else if (step.TryGetProperty("control", out var op) && op.ValueKind == JsonValueKind.String)
            {
                try
                {
                    ControlOperations.Apply(control, op.GetString()!, step);
                }
                catch (ControlOperationException ex)
                {
                    throw new EmulatorStartException($"Seed step {index} ({op.GetString()}): {ex.Message}");
                }
            }
            else
            {
                throw new EmulatorStartException($"Seed step {index}: expected \"cmd\" (an API command) or \"control\" (a control operation).");
            }
        }
    }

    private static string[] Args(JsonElement args, int index)
    {
        if (args.ValueKind != JsonValueKind.Array || args.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
        {
            throw new EmulatorStartException($"Seed step {index}: \"args\" must be an array of strings.");
        }

        return [.. args.EnumerateArray().Select(x => x.GetString()!)];
    }
}
