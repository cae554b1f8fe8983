using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// A real redis-server for one test class: Debian's <c>/usr/bin/redis-server</c> (installed through the project's one apt
/// gate, <c>.ci/apt-install redis-server</c>, when missing), on a free loopback port, with a password, no persistence and
/// its configuration and working folder in a temporary directory; stopped and removed afterwards. <see cref="KillAsync"/> and
/// <see cref="StartAsync"/> simulate an outage on the same port. Outside CI a failed install skips the tests that need it
/// (<see cref="Require"/>); with <c>CI=true</c> it fails them.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/redis-server";
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hestiaftp-redis-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private string? _unavailable;

    public int Port { get; private set; }

    /// <summary>Never logged by the dashboard; random per server.</summary>
    public string Password { get; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>The StackExchange.Redis connection string (<c>Redis:Configuration</c>).</summary>
    public string Configuration => $"127.0.0.1:{Port},password={Password},connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    /// <summary>The server, or skips the test outside CI when redis-server could not be installed.</summary>
    public RedisServer Require()
    {
        if (_unavailable is not null)
        {
            Assert.Skip(_unavailable);
        }

        return this;
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            await EnsureInstalledAsync();
        }
        catch (Exception ex) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            _unavailable = $"redis-server is not installed and .ci/apt-install redis-server failed ({ex.Message}); set CI=true to make this a failure.";
            return;
        }

        Directory.CreateDirectory(_directory);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Starts (or restarts after <see cref="KillAsync"/>) the server on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        // The password goes in a file only this test run reads, not on the command line where `ps` shows it.
        var config = Path.Combine(_directory, "redis.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"port {Port}", "bind 127.0.0.1", $"requirepass {Password}", "save \"\"", "appendonly no", $"dir {_directory}",
            "daemonize no", "protected-mode yes", "loglevel warning") + "\n");
        var start = new ProcessStartInfo(ExecutablePath)
        {
            ArgumentList = { config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Kills the server at once (no shutdown handshake), like a crash; its port refuses connections until <see cref="StartAsync"/>.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(ExecutablePath))
            {
                await AptGate.InstallAsync("redis-server");
            }

            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException($"apt-get finished but {ExecutablePath} does not exist.");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
