using HestiaFtp.Emulator.Commands;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>What running an authenticated command gave: the script's exit code and lines (each right-trimmed), the
/// records it listed, and an injected fault (with the nginx 500 to send instead when it applies).</summary>
internal sealed record RunOutcome(PendingFault? Fault, EmulatorResponse? FaultResponse, int Exit, List<string> Lines, int Records);

/// <summary>Runs a command for the API once authenticated: takes a pending fault for it, runs <c>v-make-tmp-file</c>
/// (the API's own) or the script, and applies the fault before or after the effects.</summary>
internal sealed class CommandRunner(ServerState state, CommandTable commands)
{
    public RunOutcome Run(string cmd, List<string> args)
    {
        var fault = TakeFault(cmd);
        if (fault is { Fault: EmulatorFault.Http500BeforeApplying or EmulatorFault.Hang })
        {
            return new RunOutcome(fault, ApiResponses.Http500, 0, [], 0);
        }

        var result = cmd == "v-make-tmp-file" ? MakeTmpFile(args) : commands.Execute(cmd, args);
        RunChangeAfter(cmd);
        var lines = result.Lines.Select(l => l.TrimEnd()).ToList();
        var faultResponse = fault is { Fault: EmulatorFault.Http500AfterApplying or EmulatorFault.HangAfterApplying }
            ? ApiResponses.Http500
            : null;
        return new RunOutcome(fault, faultResponse, result.Exit, lines, result.Records);
    }

    private PendingFault? TakeFault(string cmd)
    {
        var index = state.Faults.FindIndex(x => x.Command == cmd);
        if (index < 0)
        {
            return null;
        }

        var fault = state.Faults[index];
        state.Faults.RemoveAt(index);
        return fault;
    }

    /// <summary>An out-of-band change queued with <see cref="EmulatorControl.AfterNext"/> (the lock is held: it is reentrant).</summary>
    private void RunChangeAfter(string cmd)
    {
        var index = state.AfterNext.FindIndex(x => x.Command == cmd);
        if (index >= 0)
        {
            var change = state.AfterNext[index].Change;
            state.AfterNext.RemoveAt(index);
            change();
        }
    }

    private CmdResult MakeTmpFile(List<string> args)
    {
        var content = args.Count > 0 ? args[0] : "";
        var name = args.Count > 1 ? args[1] : "";
        name = name.Contains('/') ? name[(name.LastIndexOf('/') + 1)..] : name;
        state.TmpFiles["/tmp/" + name] = content + "\n";
        return new CmdResult(0, []);
    }
}
