using System.Diagnostics;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>Runs the project's one apt gate, <c>.ci/apt-install</c> of the checkout the tests were built from.</summary>
public static class AptGate
{
    public static async Task InstallAsync(params string[] packages)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Find());
        foreach (var package in packages)
        {
            start.ArgumentList.Add(package);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start .ci/apt-install.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($".ci/apt-install {string.Join(' ', packages)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var gate = Path.Combine(directory.FullName, ".ci", "apt-install");
            if (File.Exists(gate))
            {
                return gate;
            }
        }

        throw new InvalidOperationException(".ci/apt-install was not found above " + AppContext.BaseDirectory);
    }
}
