using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Tests.TestSupport.Engines;
using HestiaFtp.Tests.Web.E2E;
using Microsoft.Playwright;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>
/// Two dashboard processes (<see cref="DashboardCluster"/>) on one real Redis and one real PostgreSQL, both started here,
/// and Chromium for pages on either instance. Each test class that uses it gets its own (one per class fixture).
/// </summary>
public abstract class TwoInstances : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private PostgreSqlServer? _postgres;
    private IPlaywright? _playwright;
    private string? _unavailable;

    public DashboardCluster Cluster { get; private set; } = default!;

    public RedisServer Redis => _redis;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Settings both instances get on top of the cluster's own.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public async ValueTask InitializeAsync()
    {
        await _redis.InitializeAsync();
        try
        {
            _postgres = await PostgreSqlServer.StartAsync();
        }
        catch (Exception ex) when (!EngineTools.InCi)
        {
            _unavailable = $"PostgreSQL could not be installed or started here ({ex.Message}); CI=true makes this a failure.";
            return;
        }
        _redis.Require();
        var settings = new Dictionary<string, string?>(Settings) { ["Redis:KeyPrefix"] = "two-" + Guid.NewGuid().ToString("N")[..8] + ":" };
        Cluster = await DashboardCluster.StartAsync(await _postgres.CreateDatabaseAsync(), _redis.Configuration, settings);
        await ChromiumInstaller.EnsureInstalledAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumInstaller.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });
    }

    /// <summary>Skips the test (outside CI) when an engine could not be started.</summary>
    public void Require()
    {
        _redis.Require();
        if (_unavailable is not null)
        {
            Assert.Skip(_unavailable);
        }
    }

    /// <summary>A page in a fresh browser context (own cookies) whose relative URLs go to <paramref name="instance"/>.</summary>
    public async Task<IPage> NewPageAsync(DashboardProcess instance)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = instance.BaseUrl });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A second page in the same browser (same cookies: they are per host, not per port) on <paramref name="instance"/>.</summary>
    public static async Task<IPage> SamePageContextAsync(IPage page, DashboardProcess instance)
    {
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(instance.BaseUrl + "/");
        return other;
    }

    public static Task SignInAsync(IPage page, string user, string password) => DashboardHost.SignInAsync(page, user, password);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>No polling to speak of: whatever reaches an open page came through the change feed.</summary>
public sealed class FeedOnlyInstances : TwoInstances
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Live:PollInterval"] = "01:00:00",
    };
}

/// <summary>Short poll interval and lease, so polling and a takeover show within seconds.</summary>
public sealed class PollingInstances : TwoInstances
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Live:PollInterval"] = PollInterval.ToString(),
        ["Redis:LeaseDuration"] = LeaseDuration.ToString(),
        ["Redis:LeaseMargin"] = "00:00:01",
        ["Redis:LeaseRenewInterval"] = "00:00:00.500",
        ["Redis:WatchHeartbeat"] = "00:00:00.500",
    };
}
