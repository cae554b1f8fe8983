using System.Diagnostics;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// Browser tests never skip: when Debian's Chromium is missing, install it (the machines run as root with apt reaching
/// Debian's packages). A failed install fails the tests with apt's output.
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
            await RunAsync("apt-get", "update -qq");
            await RunAsync("apt-get", "install -y -qq chromium fonts-liberation");
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
