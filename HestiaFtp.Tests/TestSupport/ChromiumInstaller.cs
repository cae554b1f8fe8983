using System.Diagnostics;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// Browser tests never skip: when Debian's Chromium is missing, install it (the machines run as root with apt reaching
/// Debian's packages) through the project's one apt gate, <c>.ci/apt-install</c>, which waits while another install holds
/// apt's locks. A failed install fails the tests with apt's output.
/// </summary>
public static class ChromiumInstaller
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(ExecutablePath))
            {
                return;
            }
            await RunAsync("bash", $"\"{AptGate()}\" chromium fonts-liberation");
            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"apt-get finished but {ExecutablePath} does not exist.");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary><c>.ci/apt-install</c> of the checkout the tests were built from.</summary>
    private static string AptGate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var gate = Path.Combine(directory.FullName, ".ci", "apt-install");
            if (File.Exists(gate))
            {
                return gate;
            }
        }
        throw new InvalidOperationException("Chromium is missing and .ci/apt-install was not found above " + AppContext.BaseDirectory);
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
