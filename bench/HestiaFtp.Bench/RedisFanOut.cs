using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.ScaleOut;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Bench;

/// <summary>
/// Table 6 (scale-out): instances as separate service providers wired as Program wires them with <c>Redis:Configuration</c>,
/// sharing one emulator and one redis-server on loopback started here. (a) A change read on instance A until all N page
/// subscriptions on instance B ran their handler. (b) HestiaCP calls per minute with 1, 2 and 4 instances whose pages
/// watch the same accounts (only the watcher-lease holder polls).
/// </summary>
internal static class RedisFanOut
{
    private const int WarmUp = 5;
    private const int Runs = 30;
    private static readonly string[] Watched = ["alice", "carol", "bob"];

    public static async Task RunAsync(Report report)
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            report.Line("Skipped: /usr/bin/redis-server is missing (`.ci/apt-install redis-server`).");
            return;
        }

        var directory = Path.Combine(Path.GetTempPath(), "hestiaftp-bench-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        await File.WriteAllTextAsync(Path.Combine(directory, "redis.conf"),
            $"port {port}\nbind 127.0.0.1\nrequirepass {password}\nsave \"\"\nappendonly no\ndir {directory}\nloglevel warning\n");
        using var redis = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", Path.Combine(directory, "redis.conf")) { RedirectStandardOutput = true })!;
        try
        {
            await WaitForPortAsync(port);
            var configuration = $"127.0.0.1:{port},password={password}";
            await LatencyAsync(report, configuration);
            await CallsPerMinuteAsync(report, configuration);
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task LatencyAsync(Report report, string redis)
    {
        var emulator = HestiaEmulator.CreateDemo();
        await using var server = await EmulatorServer.StartAsync(emulator, 0);
        await using var a = Instance(emulator, server, redis, "lat");
        await using var b = Instance(emulator, server, redis, "lat");
        var key = new AccountKey(BenchStack.ServerName, "carol");
        var readerA = a.GetRequiredService<AccountReader>();
        await readerA.ReadAsync(key, CancellationToken.None, force: true);
        await b.GetRequiredService<AccountReader>().ReadAsync(key, CancellationToken.None, force: true);
        var domain = emulator.Control.GetDomains("carol")[0].Name;
        var feedB = b.GetRequiredService<IChangeFeed>();

        var rows = new List<IReadOnlyList<string>>();
        foreach (var subscribers in new[] { 1, 100, 1000 })
        {
            var remaining = 0;
            TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var subscriptions = Enumerable.Range(0, subscribers).Select(_ => feedB.Subscribe(key, _ =>
            {
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    done.TrySetResult();
                }

                return Task.CompletedTask;
            })).ToList();
            var samples = new List<double>();
            for (var run = -WarmUp; run < Runs; run++)
            {
                var login = $"carol_bench{subscribers}_{run + WarmUp}";
                emulator.Control.AddFtpAccountDirect("carol", domain, login, "/public_html");
                done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref remaining, subscribers);
                var start = Stopwatch.GetTimestamp();
                // The read on A finds the change and publishes it; B's subscribers run when it arrives.
                await readerA.ReadAsync(key, CancellationToken.None, force: true);
                await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
                if (run >= 0)
                {
                    samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            subscriptions.ForEach(s => s.Dispose());
            rows.Add([subscribers.ToString("N0"), $"{Stats.Median(samples):0.0}", $"{Stats.Percentile(samples, 0.95):0.0}"]);
        }

        report.Line("Change read on instance A until every subscription on instance B ran (includes A's read of HestiaCP, latency model off):");
        report.Table(["Subscribers on B", "Median ms", "p95 ms"], rows, "rrr");
    }

    private static async Task CallsPerMinuteAsync(Report report, string redis)
    {
        var rows = new List<IReadOnlyList<string>>();
        var window = TimeSpan.FromSeconds(30);
        foreach (var count in new[] { 1, 2, 4 })
        {
            var emulator = HestiaEmulator.CreateDemo();
            await using var server = await EmulatorServer.StartAsync(emulator, 0);
            var prefix = "calls" + count;
            var instances = Enumerable.Range(0, count).Select(_ => Instance(emulator, server, redis, prefix)).ToList();
            var registrations = instances.SelectMany(i => Watched.Select(u => i.GetRequiredService<IWatchRegistry>().Register(new AccountKey(BenchStack.ServerName, u)))).ToList();
            var hosted = instances.SelectMany(i => i.GetServices<IHostedService>()).ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            // Let a holder emerge and the registries beat once, then count a whole window.
            await Task.Delay(TimeSpan.FromSeconds(3));
            emulator.ResetCallCounts();
            await Task.Delay(window);
            var calls = emulator.CallCounts.Values.Sum();
            rows.Add([count.ToString(), calls.ToString(), $"{calls * 60 / window.TotalSeconds:0}"]);
            registrations.ForEach(r => r.Dispose());
            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }

            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }

        report.Line($"HestiaCP calls with every instance's pages watching {string.Join(", ", Watched)} (poll interval 5 s, longer than the 2 s coalescing window; {window.TotalSeconds:0} s window):");
        report.Table(["Instances", "Calls in window", "Calls per minute"], rows, "rrr");
    }

    private static ServiceProvider Instance(HestiaEmulator emulator, EmulatorServer server, string redis, string prefix)
    {
        var (keyId, secret) = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = BenchStack.ServerName,
            ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Hestia:Servers:0:AccessKey"] = keyId,
            ["Hestia:Servers:0:SecretKey"] = secret,
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = prefix + ":",
            ["Redis:LeaseRenewInterval"] = "00:00:01",
            ["Redis:WatchHeartbeat"] = "00:00:01",
            ["Live:PollInterval"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.ClearProviders());
        services.AddSingleton(TimeProvider.System);
        services.AddHestiaClient(configuration);
        services.AddHestiaLive(configuration);
        services.AddRedisScaleOut(configuration);
        return services.BuildServiceProvider();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (i < 500)
            {
                await Task.Delay(20);
            }
        }
    }
}
