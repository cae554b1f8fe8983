using System.Diagnostics;

namespace HestiaFtp.Tests.TestSupport.Engines;

/// <summary>
/// What the engine fixtures (PostgreSQL, nginx, dashboard processes) share: installing their Debian packages through
/// <see cref="AptGate"/>, running their tools, free loopback ports. Outside CI an engine that cannot be installed makes its tests
/// skip with the reason; with <c>CI=true</c> it fails them.
/// </summary>
public static class EngineTools
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Installs <paramref name="packages"/> through the apt gate unless <paramref name="isInstalled"/> already holds.</summary>
    public static async Task EnsureAsync(Func<bool> isInstalled, params string[] packages)
    {
        if (isInstalled())
        {
            return;
        }
        await Gate.WaitAsync();
        try
        {
            if (!isInstalled())
            {
                await AptGate.InstallAsync(packages);
            }
            if (!isInstalled())
            {
                throw new InvalidOperationException($"apt-get installed {string.Join(' ', packages)}, but it is still not usable.");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs a tool to its end and returns its output; throws with stderr when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
        return await stdout;
    }

    /// <summary>A port on 127.0.0.1 nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The checkout's root (the folder holding <c>.ci/</c>) the tests were built from.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ".ci", "apt-install")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException(".ci/apt-install was not found above " + AppContext.BaseDirectory);
    }
}
