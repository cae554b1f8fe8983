using System.Security.Cryptography;
using Npgsql;

namespace HestiaFtp.Tests.TestSupport.Engines;

/// <summary>
/// A throw-away PostgreSQL cluster: Debian's initdb and pg_ctl on a free 127.0.0.1 port with its data, socket and log in a
/// temporary folder, password authentication, no durability (tests). PostgreSQL refuses to run as root, so as root the
/// tools run as the <c>postgres</c> user over a folder it owns. Debian's own cluster is never touched.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    public const string Superuser = "postgres";

    private readonly string _bin;
    private readonly string _root;
    private readonly string _password;

    private PostgreSqlServer(string bin, string root, int port, string password)
    {
        _bin = bin;
        _root = root;
        Port = port;
        _password = password;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    private string DataFolder => Path.Combine(_root, "data");

    /// <summary>Installs PostgreSQL when missing, creates the cluster and starts it.</summary>
    public static async Task<PostgreSqlServer> StartAsync()
    {
        await EngineTools.EnsureAsync(() => FindBin() is not null, "postgresql");
        var root = Path.Combine(Path.GetTempPath(), "hestiaftp-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var server = new PostgreSqlServer(FindBin()!, root, EngineTools.FreePort(), password);
        try
        {
            var passwordFile = Path.Combine(root, "pwfile");
            await File.WriteAllTextAsync(passwordFile, password);
            if (Environment.IsPrivilegedProcess)
            {
                await EngineTools.RunAsync("chown", ["-R", $"{Superuser}:{Superuser}", root]);
            }
            await server.RunToolAsync("initdb", "-D", server.DataFolder, "-U", Superuser, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
            File.Delete(passwordFile);
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connection string for <paramref name="database"/> as the superuser (password included: tests only).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database,
        Pooling = false,
        Timeout = 5,
    }.ToString();

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server (fast shutdown: open connections are ended); its data stays for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (IsRunning)
        {
            await RunToolAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");
            IsRunning = false;
        }
    }

    public async Task StartAgainAsync()
    {
        await RunToolAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        IsRunning = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private Task RunToolAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.IsPrivilegedProcess
            ? EngineTools.RunAsync("runuser", ["-u", Superuser, "--", path, .. arguments])
            : EngineTools.RunAsync(path, arguments);
    }

    /// <summary>The newest installed server's bin folder (Debian: /usr/lib/postgresql/N/bin).</summary>
    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
}
