namespace HestiaFtp.Tests.TestSupport.Engines;

/// <summary>
/// Debian's nginx running the shipped <c>deploy/nginx/hestiaftp.conf</c> as a child (<c>daemon off</c>) with a temporary
/// prefix, pid file, logs and temp folders, on a free 127.0.0.1 port, its upstream pointed at the given instances.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/nginx";
    public const string ShippedUpstreamA = "server 127.0.0.1:5001;";
    public const string ShippedUpstreamB = "server 127.0.0.1:5002;";
    public const string ShippedListen = "listen 127.0.0.1:8080;";

    private readonly string _root;
    private System.Diagnostics.Process? _process;

    private NginxServer(string root, int port)
    {
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Installs nginx when missing and starts the shipped configuration in front of <paramref name="upstreams"/> (two ports).</summary>
    public static async Task<NginxServer> StartAsync(int upstreamA, int upstreamB)
    {
        await EngineTools.EnsureAsync(() => File.Exists(Executable), "nginx");
        var root = Path.Combine(Path.GetTempPath(), "hestiaftp-nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var server = new NginxServer(root, EngineTools.FreePort());
        var shipped = await File.ReadAllTextAsync(Path.Combine(EngineTools.RepositoryRoot(), "deploy", "nginx", "hestiaftp.conf"));
        var site = Replace(Replace(Replace(shipped, ShippedUpstreamA, $"server 127.0.0.1:{upstreamA};"),
            ShippedUpstreamB, $"server 127.0.0.1:{upstreamB};"), ShippedListen, $"listen 127.0.0.1:{server.Port};");
        await File.WriteAllTextAsync(Path.Combine(root, "hestiaftp.conf"), site);
        await File.WriteAllTextAsync(server.MainConfig, $$"""
            daemon off;
            master_process on;
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            {{(Environment.IsPrivilegedProcess ? "user root;" : "")}}
            events { worker_connections 256; }
            http {
                access_log {{root}}/access.log;
                client_body_temp_path {{root}}/body;
                proxy_temp_path {{root}}/proxy;
                fastcgi_temp_path {{root}}/fastcgi;
                uwsgi_temp_path {{root}}/uwsgi;
                scgi_temp_path {{root}}/scgi;
                include {{root}}/hestiaftp.conf;
            }
            """);
        await EngineTools.RunAsync(Executable, ["-t", "-p", root, "-c", server.MainConfig]);
        await server.StartAgainAsync();
        return server;
    }

    private string MainConfig => Path.Combine(_root, "nginx.conf");

    /// <summary>Stops nginx at once (every proxied connection, WebSockets included, is cut), keeping its configuration.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            await EngineTools.RunAsync(Executable, ["-p", _root, "-c", MainConfig, "-s", "stop"]);
            await _process.WaitForExitAsync();
        }
    }

    public async Task StartAgainAsync()
    {
        var start = new System.Diagnostics.ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", _root, "-c", MainConfig })
        {
            start.ArgumentList.Add(argument);
        }
        _process = System.Diagnostics.Process.Start(start)!;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync($"{BaseUrl}/healthz");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            _process?.Kill();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Replace(string text, string shipped, string replacement) =>
        text.Contains(shipped, StringComparison.Ordinal)
            ? text.Replace(shipped, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"deploy/nginx/hestiaftp.conf no longer contains '{shipped}'.");
}
