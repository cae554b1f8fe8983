using System.Collections.Concurrent;
using System.Diagnostics;

namespace HestiaFtp.Tests.TestSupport.Engines;

/// <summary>
/// One dashboard instance as its own process: <c>dotnet HestiaFtp.Web.dll</c> from the Web project's build output, in
/// Production, configured through environment variables, on a free 127.0.0.1 port. Two instances in one test process
/// would share statics and WebApplicationFactory's host capture; two processes share only what a real deployment shares.
/// Its console output (Serilog, request log included) is kept for the test to read.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DashboardProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    public string Name { get; }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<string> Output => [.. _output];

    public bool HasExited => _process.HasExited;

    /// <summary>Requests of this instance's request log whose path starts with <paramref name="path"/> (e.g. <c>/_blazor</c>).</summary>
    public int RequestsTo(string path) => _output.Count(l => l.Contains("HTTP ", StringComparison.Ordinal) && l.Contains(" " + path, StringComparison.Ordinal));

    /// <param name="settings">Configuration keys as in appsettings (<c>Hestia:Servers:0:Name</c>); passed as environment variables.</param>
    public static async Task<DashboardProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, int? port = null)
    {
        var web = WebOutputFolder();
        var chosen = port ?? EngineTools.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(web, "HestiaFtp.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{chosen}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = new Process { StartInfo = start };
        var dashboard = new DashboardProcess(name, chosen, process);
        process.OutputDataReceived += (_, e) => dashboard.Add(e.Data);
        process.ErrorDataReceived += (_, e) => dashboard.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await dashboard.WaitHealthyAsync();
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
        return dashboard;
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash or a pulled plug would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), as a service manager would, and waits for it.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            await EngineTools.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Dashboard {Name} exited ({_process.ExitCode}) while starting:\n{string.Join('\n', _output)}");
            }
            try
            {
                using var response = await client.GetAsync($"{BaseUrl}/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Dashboard {Name} did not answer /healthz within 90 s:\n{string.Join('\n', _output)}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>HestiaFtp.Web's own build output of the configuration the tests were built in (it has its runtimeconfig and static asset manifest).</summary>
    private static string WebOutputFolder()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = tests.Name;
        var configuration = tests.Parent!.Name;
        var folder = Path.Combine(EngineTools.RepositoryRoot(), "HestiaFtp.Web", "bin", configuration, framework);
        return File.Exists(Path.Combine(folder, "HestiaFtp.Web.dll"))
            ? folder
            : throw new InvalidOperationException($"HestiaFtp.Web is not built at {folder}.");
    }
}
