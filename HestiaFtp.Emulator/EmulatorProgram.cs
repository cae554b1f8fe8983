using System.Runtime.InteropServices;
using HestiaFtp.Emulator.Standalone;

namespace HestiaFtp.Emulator;

/// <summary>
/// The standalone entry point: <c>dotnet run --project HestiaFtp.Emulator -- --urls http://127.0.0.1:PORT [--seed FILE] [--demo]</c>
/// serves the HestiaCP API at <c>/api/</c> until stopped (Ctrl+C or SIGTERM). A named class with an explicit Main, not
/// top-level statements: a second global <c>Program</c> would clash with the web host's in the tests.
/// </summary>
public static class EmulatorProgram
{
    /// <summary>Runs the emulator until Ctrl+C or SIGTERM; exit code 0, or 2 when it cannot start as asked.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        return await RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
    }

    /// <summary><see cref="Main"/> with its environment, console and stop signal given (tests run it in-process).</summary>
    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var commandLine = EmulatorCommandLine.Parse(args);
            if (commandLine.Help)
            {
                await output.WriteAsync(EmulatorCommandLine.Usage).ConfigureAwait(false);
                return 0;
            }

            var secrets = EmulatorSecrets.Load(environment);
            await using var emulator = await StandaloneEmulator.StartAsync(commandLine, secrets, error, ct: stop).ConfigureAwait(false);
            await output.WriteLineAsync($"HestiaCP emulator listening on {emulator.ApiUrl}").ConfigureAwait(false);
            await output.WriteLineAsync(emulator.ControlUrl is { } control
                ? $"Control endpoint on {control} (bearer token from {EmulatorSecrets.ControlTokenVariable})"
                : $"Control endpoint off (set {EmulatorSecrets.ControlTokenVariable} to turn it on)").ConfigureAwait(false);
            await output.FlushAsync(stop).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            return 0;
        }
        catch (EmulatorStartException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
