using System.Diagnostics;
using System.Security.Claims;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Data;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Bench;

/// <summary>
/// The dashboard's server side as Program wires it (the real HestiaCP client, the live parts of <c>AddHestiaLive</c>,
/// the SQLite audit log, FtpAccountService, SignInService and the scoped FtpDashboard), on the system clock, over an
/// emulator behind Kestrel on loopback. Two bench-only additions: <see cref="CallLog"/> (one more call observer) and
/// <see cref="TimedChangeFeed"/> (the in-process feed, timestamped). Each <see cref="CircuitScope"/> is a DI scope with its own
/// authentication state, like one Blazor circuit.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    public const string ServerName = "demo";

    private readonly ServiceProvider _services;
    private readonly string _directory;

    private BenchStack(HestiaEmulator emulator, EmulatorServer server, ServiceProvider services, string directory)
    {
        Emulator = emulator;
        Server = server;
        _services = services;
        _directory = directory;
    }

    public HestiaEmulator Emulator { get; }

    public EmulatorServer Server { get; }

    public IServiceProvider Services => _services;

    public CallLog Calls => _services.GetRequiredService<CallLog>();

    public TimedChangeFeed Feed => _services.GetRequiredService<TimedChangeFeed>();

    public ILiveAccounts Live => _services.GetRequiredService<ILiveAccounts>();

    public HestiaPoller Poller => _services.GetRequiredService<HestiaPoller>();

    public static async Task<BenchStack> StartAsync(HestiaEmulator emulator)
    {
        var (keyId, secret) = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser);
        var server = await EmulatorServer.StartAsync(emulator, 0);
        var directory = Path.Combine(Path.GetTempPath(), "hestiaftp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = ServerName,
            ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Hestia:Servers:0:AccessKey"] = keyId,
            ["Hestia:Servers:0:SecretKey"] = secret,
            ["Audit:Path"] = Path.Combine(directory, "audit.db"),
            ["Dashboard:SupportUsers:0"] = "support",
        }).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddLocalization();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CallLog>();
        services.AddSingleton<IHestiaCallObserver>(sp => sp.GetRequiredService<CallLog>());
        // Registered before AddHestiaLive, whose TryAdd then keeps it: the in-process feed with timestamps.
        services.AddSingleton<TimedChangeFeed>();
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<TimedChangeFeed>());
        services.AddHestiaClient(configuration);
        services.AddHestiaLive(configuration);
        services.AddAuditLog(configuration, directory);
        services.AddSingleton<ICredentialGenerator, CredentialGenerator>();
        services.AddSingleton<FtpAccountService>();
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName));
        // The sign-in defence and server-side sessions as AddDashboardAuth registers them, with throw-away data-protection keys.
        services.AddSingleton(sp => new SqliteSignInStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ISignInAttemptStore>(sp => sp.GetRequiredService<SqliteSignInStore>());
        services.AddSingleton<IDeviceStore>(sp => sp.GetRequiredService<SqliteSignInStore>());
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<SqliteSignInStore>());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddSingleton<DashboardSessions>();
        services.AddScoped<BenchAuthenticationState>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<BenchAuthenticationState>());
        services.AddScoped<CurrentUser>();
        services.AddScoped<SignInService>();
        services.AddScoped<IFtpDashboard, FtpDashboard>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new BenchStack(emulator, server, provider, directory);
    }

    /// <summary>
    /// Signs in through the real <see cref="SignInService"/> (<c>v-check-user-password</c> + <c>v-list-user</c>, which feeds the
    /// store); returns the principal its session cookie carries.
    /// </summary>
    public async Task<ClaimsPrincipal> SignInAsync(string user, string password)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInService>().SignInAsync(ServerName, user, password, "127.0.0.1", CancellationToken.None);
        return result is { User: { } signedIn, Session: { } session }
            ? signedIn.ToPrincipal(session.Expires, session.Id)
            : throw new InvalidOperationException($"Sign-in of {user} failed: {result.Outcome}.");
    }

    /// <summary>A circuit signed in as <paramref name="principal"/>.</summary>
    public CircuitScope OpenCircuit(ClaimsPrincipal principal)
    {
        var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BenchAuthenticationState>().SignIn(principal);
        return new CircuitScope(scope);
    }

    public async Task StartPollerAsync() => await Poller.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Poller.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind changes no figure.
        }
    }
}

/// <summary>One circuit's scope: its dashboard and page states (<see cref="AccountWatch"/>, what the accounts page keeps).</summary>
internal sealed class CircuitScope(AsyncServiceScope scope) : IAsyncDisposable
{
    private readonly List<AccountWatch> _watches = [];

    public IFtpDashboard Dashboard => scope.ServiceProvider.GetRequiredService<IFtpDashboard>();

    /// <summary>A page's state; <paramref name="invoke"/> stands in for the page's <c>InvokeAsync</c> + <c>StateHasChanged</c>.</summary>
    public AccountWatch NewWatch(Func<Func<Task>, Task>? invoke = null)
    {
        var watch = new AccountWatch(Dashboard, scope.ServiceProvider.GetRequiredService<IStringLocalizer<Strings>>(), TimeProvider.System,
            invoke ?? (update => update()));
        _watches.Add(watch);
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watch in _watches)
        {
            await watch.DisposeAsync();
        }

        await scope.DisposeAsync();
    }
}

/// <summary>An authentication state the bench sets, like the cookie a circuit starts with.</summary>
internal sealed class BenchAuthenticationState : AuthenticationStateProvider
{
    private AuthenticationState _state = new(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()));

    public void SignIn(ClaimsPrincipal principal)
    {
        _state = new AuthenticationState(principal);
        NotifyAuthenticationStateChanged(Task.FromResult(_state));
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(_state);
}

/// <summary>Every HTTP exchange the client had with HestiaCP, with a <see cref="Stopwatch"/> timestamp (told like ServerHealth is).</summary>
internal sealed class CallLog : IHestiaCallObserver
{
    private readonly Lock _gate = new();
    private readonly List<(long At, HestiaCallRecord Call)> _calls = [];
    private readonly List<(long After, HestiaCallOutcome Outcome, TaskCompletionSource<long> Done)> _waiters = [];

    public void OnCallCompleted(HestiaCallRecord call)
    {
        var now = Stopwatch.GetTimestamp();
        List<TaskCompletionSource<long>> done = [];
        lock (_gate)
        {
            _calls.Add((now, call));
            foreach (var waiter in _waiters.Where(w => w.Outcome == call.Outcome && now >= w.After).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        done.ForEach(d => d.TrySetResult(now));
    }

    /// <summary>The timestamp of the first exchange with <paramref name="outcome"/> completed at or after <paramref name="after"/>.</summary>
    public Task<long> FirstAsync(HestiaCallOutcome outcome, long after)
    {
        lock (_gate)
        {
            foreach (var (at, call) in _calls)
            {
                if (at >= after && call.Outcome == outcome)
                {
                    return Task.FromResult(at);
                }
            }

            var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((after, outcome, done));
            return done.Task;
        }
    }
}

/// <summary>The in-process change feed, noting when each publication with changes started (before any subscriber ran).</summary>
internal sealed class TimedChangeFeed(IOptions<LiveOptions> options, TimeProvider time, ILogger<InProcessChangeFeed> logger) : IChangeFeed
{
    private readonly InProcessChangeFeed _inner = new(options, time, logger);
    private long _lastPublish;

    /// <summary>When the last <see cref="Publish"/> that carried changes started.</summary>
    public long LastPublish => Interlocked.Read(ref _lastPublish);

    public IReadOnlyList<LiveEvent> RecentEvents => _inner.RecentEvents;

    public void Publish(StoreResult result, ServerStatus status)
    {
        if (result.Changes.Count > 0)
        {
            Interlocked.Exchange(ref _lastPublish, Stopwatch.GetTimestamp());
        }

        _inner.Publish(result, status);
    }

    public void PublishStatus(ServerStatus status, bool announce) => _inner.PublishStatus(status, announce);

    public ILiveSubscription Subscribe(AccountKey key, Func<AccountUpdate, Task> handler) => _inner.Subscribe(key, handler);

    public ILiveSubscription SubscribeAll(Func<LiveEvent, Task> handler) => _inner.SubscribeAll(handler);
}
