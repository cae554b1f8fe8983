using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HestiaFtp.Bench;

/// <summary>Debian's redis-server on a free loopback port with a password and no persistence, for the scale-out table.</summary>
internal sealed class BenchRedis : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/redis-server";

    private readonly Process _process;
    private readonly string _directory;

    private BenchRedis(Process process, string directory, int port, string password)
    {
        _process = process;
        _directory = directory;
        Configuration = $"127.0.0.1:{port},password={password}";
    }

    /// <summary>The StackExchange.Redis connection string (<c>Redis:Configuration</c>).</summary>
    public string Configuration { get; }

    public static async Task<BenchRedis> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install it with .ci/apt-install redis-server.");
        }
        var directory = Directory.CreateTempSubdirectory("hestiaftp-bench-redis-").FullName;
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var start = new ProcessStartInfo(ExecutablePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", directory, "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; ; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (i < 200)
            {
                await Task.Delay(25);
            }
        }
        return new BenchRedis(process, directory, port, password);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
