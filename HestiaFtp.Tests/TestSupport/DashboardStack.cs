using HestiaFtp.Web.Expiry;
using System.Collections.Concurrent;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Data;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// The real server-side stack of the dashboard over loopback HTTP: the demo emulator (alice, bob (suspended), carol,
/// support, admin) behind Kestrel, the real HestiaCP client, live store, SQLite audit log, FtpAccountService and
/// <see cref="FtpDashboard"/>, with a settable authentication state, every log message captured (all categories, Trace)
/// and every HTTP request to HestiaCP recorded. The HestiaPoller hosted service is not started.
/// </summary>
/// <remarks>
/// Counting calls: <see cref="Calls"/> reads the emulator's own counters (every request that reached it with a command),
/// <see cref="Requests"/> what the client sent. The live parts and the boundary run on the system clock like the client;
/// <see cref="Clock"/> drives only the sign-in defence (throttle, devices, sessions) and <see cref="CreateRevalidatingProvider"/>
/// (with its own reader).
/// </remarks>
public sealed class DashboardStack : IAsyncDisposable
{
    public const string ServerName = "demo";

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;
    private readonly string _directory;
    private bool _hestiaStopped;

    private DashboardStack(HestiaEmulator emulator, EmulatorServer server, string secretKey, ServiceProvider services, string directory,
        CapturingLoggerProvider logs, RecordingHandler requests, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Server = server;
        SecretKey = secretKey;
        _services = services;
        _scope = services.CreateAsyncScope();
        _directory = directory;
        Logs = logs;
        Requests = requests;
        Clock = clock;
    }

    public HestiaEmulator Emulator { get; }

    public EmulatorControl Control => Emulator.Control;

    public EmulatorServer Server { get; }

    /// <summary>The API secret key the dashboard uses (must never leak anywhere).</summary>
    public string SecretKey { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Every HTTP request the dashboard sent to HestiaCP.</summary>
    public RecordingHandler Requests { get; }

    /// <summary>Drives the sign-in defence, devices and sessions (the HTTP stack itself runs on the system clock).</summary>
    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _scope.ServiceProvider;

    public SettableAuthenticationStateProvider Auth => Services.GetRequiredService<SettableAuthenticationStateProvider>();

    public IFtpDashboard Dashboard => Services.GetRequiredService<IFtpDashboard>();

    public SignInService SignIn => Services.GetRequiredService<SignInService>();

    public SignInThrottle Throttle => Services.GetRequiredService<SignInThrottle>();

    public DashboardSessions Sessions => Services.GetRequiredService<DashboardSessions>();

    public DeviceCookies Devices => Services.GetRequiredService<DeviceCookies>();

    /// <summary>Support staff's "end all sessions" (authorized against <see cref="Auth"/>).</summary>
    public IAccountSessions AccountSessions => Services.GetRequiredService<IAccountSessions>();

    /// <summary>
    /// Signs <paramref name="user"/> in the way the sign-in page does after HestiaCP accepted the password: a new session
    /// in the store, and the principal its cookie would carry.
    /// </summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> StartSessionAsync(DashboardUser user)
    {
        var session = await Sessions.StartAsync(user, CancellationToken.None);
        return user.ToPrincipal(session.Expires, session.Id);
    }

    public IHestiaClientProvider Clients => Services.GetRequiredService<IHestiaClientProvider>();

    public SqlAuditLog Audit => Services.GetRequiredService<SqlAuditLog>();

    /// <summary>The live snapshot store the boundary and the pages read from.</summary>
    public IAccountStore Store => Services.GetRequiredService<IAccountStore>();

    public ILiveAccounts Live => Services.GetRequiredService<ILiveAccounts>();

    public IServerHealth Health => Services.GetRequiredService<IServerHealth>();

    public static DashboardUser Alice { get; } = new(ServerName, "alice", DashboardRole.Customer);

    public static DashboardUser Carol { get; } = new(ServerName, "carol", DashboardRole.Customer);

    public static DashboardUser SupportStaff { get; } = new(ServerName, "support", DashboardRole.Support);

    /// <summary>
    /// Starts the emulator and builds the stack. <paramref name="configure"/> may add or override configuration keys;
    /// <paramref name="services"/> runs after every registration, so it may replace one (e.g. the <see cref="IAuditLog"/>).
    /// </summary>
    public static async Task<DashboardStack> StartAsync(Action<IDictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        var emulator = HestiaEmulator.CreateDemo();
        var server = await EmulatorServer.StartAsync(emulator, 0);
        var (keyId, secret) = emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser);
        var directory = Path.Combine(Path.GetTempPath(), "hestiaftp-stack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        var settings = new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = ServerName,
            ["Hestia:Servers:0:BaseUrl"] = server.BaseUrl.ToString(),
            ["Hestia:Servers:0:AccessKey"] = keyId,
            ["Hestia:Servers:0:SecretKey"] = secret,
            ["Audit:Path"] = Path.Combine(directory, "audit.db"),
            ["Dashboard:SupportUsers:0"] = "support",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var logs = new CapturingLoggerProvider();
        var requests = new RecordingHandler();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var collection = new ServiceCollection();
        Register(collection, configuration, directory, logs, requests, clock);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new DashboardStack(emulator, server, secret, provider, directory, logs, requests, clock);
    }

    private static void Register(IServiceCollection services, IConfiguration configuration, string directory, CapturingLoggerProvider logs,
        RecordingHandler requests, FakeTimeProvider clock)
    {
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton(TimeProvider.System);
        services.AddHestiaClient(configuration).AddHttpMessageHandler(() => requests.CreateHandler());
        services.AddHestiaLive(configuration);
        services.AddAuditLog(configuration, directory);
        services.AddSingleton<ICredentialGenerator, CredentialGenerator>();
        services.AddSingleton<FtpAccountService>();
        services.AddScoped<SettableAuthenticationStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<SettableAuthenticationStateProvider>());
        services.AddScoped<CurrentUser>();
        services.AddScoped<IFtpDashboard, FtpDashboard>();
        services.AddFtpExpiries(configuration);
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName));
        // The sign-in defence and sessions as the app registers them, on the test clock, with throw-away keys.
        services.AddSignInStores(configuration);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SignInThrottle>(sp, (TimeProvider)clock));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DeviceCookies>(sp, (TimeProvider)clock));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DashboardSessions>(sp, (TimeProvider)clock));
        services.AddScoped<SignInService>();
        services.AddScoped<IAccountSessions>(sp => ActivatorUtilities.CreateInstance<AccountSessions>(sp, (TimeProvider)clock));
    }

    /// <summary>
    /// A revalidating provider over this stack's store, on <see cref="Clock"/>. The reader it falls back to runs on
    /// <see cref="Clock"/> too (the stack's own reader is on the system clock), so the age of a user it read is what a test
    /// makes it by advancing <see cref="Clock"/>.
    /// </summary>
    public DashboardAuthenticationStateProvider CreateRevalidatingProvider() => new(
        Services.GetRequiredService<ILoggerFactory>(), Services.GetRequiredService<IAccountStore>(),
        ActivatorUtilities.CreateInstance<AccountReader>(Services, (TimeProvider)Clock), Sessions,
        Services.GetRequiredService<IOptions<DashboardOptions>>(), Clock);

    /// <summary>
    /// Everything the emulator holds that the dashboard could change: every user's domains, their FTP accounts with
    /// paths and current passwords, as comparable lines.
    /// </summary>
    public IReadOnlyList<string> Snapshot()
    {
        var lines = new List<string>();
        foreach (var user in Control.GetUsers())
        {
            lines.Add($"user {user.Name} suspended={user.Suspended}");
            foreach (var domain in Control.GetDomains(user.Name))
            {
                lines.Add($"  domain {domain.Name} ftp_user={domain.FtpUser} ftp_path={domain.FtpPath}");
                foreach (var account in Control.GetFtpAccounts(user.Name, domain.Name))
                {
                    lines.Add($"    {account.Login} path={account.Path} password={Control.PasswordOf(account.Login)} home={Control.HomeOf(account.Login)}");
                }
            }
        }
        return lines;
    }

    /// <summary>
    /// Every command that reached the emulator since its counters were last reset, with its count, sorted, e.g.
    /// <c>v-add-web-domain-ftp=1, v-list-web-domain=1</c>.
    /// </summary>
    public string Calls() => FormatCalls(Emulator.CallCounts.Select(kv => (kv.Key, kv.Value)));

    /// <summary>The same format as <see cref="Calls"/> for an expectation.</summary>
    public static string FormatCalls(params IEnumerable<(string Command, int Count)> calls) =>
        string.Join(", ", calls.OrderBy(c => c.Command, StringComparer.Ordinal).Select(c => $"{c.Command}={c.Count}"));

    /// <summary>How many requests for <paramref name="command"/> reached the emulator.</summary>
    public int CallsOf(string command) => Emulator.CallCounts.TryGetValue(command, out var n) ? n : 0;

    /// <summary>Requests of every mutating FTP command that reached the emulator.</summary>
    public int MutationCalls() =>
        CallsOf(HestiaCommands.AddWebDomainFtp) + CallsOf(HestiaCommands.ChangeWebDomainFtpPassword)
        + CallsOf(HestiaCommands.ChangeWebDomainFtpPath) + CallsOf(HestiaCommands.DeleteWebDomainFtp);

    /// <summary>The raw bytes of the audit database and its WAL/SHM side files (whatever SQLite persisted).</summary>
    public byte[] AuditBytes()
    {
        using var buffer = new MemoryStream();
        foreach (var file in Directory.GetFiles(_directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(buffer);
        }
        return buffer.ToArray();
    }

    /// <summary>Stops the emulator's HTTP server: its port refuses connections from now on, like a server that went down.</summary>
    public async Task StopHestiaAsync()
    {
        if (!_hestiaStopped)
        {
            _hestiaStopped = true;
            await Server.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await StopHestiaAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does not affect other tests.
        }
    }
}

/// <summary>An authentication state the test sets: signed in as any <see cref="DashboardUser"/>, or signed out.</summary>
public sealed class SettableAuthenticationStateProvider : AuthenticationStateProvider
{
    private AuthenticationState _state = new(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()));

    public void SignIn(DashboardUser user, DateTimeOffset? expires = null) =>
        Set(new AuthenticationState(user.ToPrincipal(expires ?? DateTimeOffset.UtcNow.AddHours(8))));

    public void SignOut() => Set(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(_state);

    private void Set(AuthenticationState state)
    {
        _state = state;
        NotifyAuthenticationStateChanged(Task.FromResult(state));
    }
}

/// <summary>Captures every log message of every category, with its exception, so tests can scan them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

/// <param name="Values">The structured state (template arguments) as text.</param>
/// <param name="Exception">The full exception text (type, message, inner exceptions, stack).</param>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, string Values, string? Exception)
{
    public bool Contains(string secret) =>
        Message.Contains(secret, StringComparison.Ordinal) || Values.Contains(secret, StringComparison.Ordinal)
        || (Exception?.Contains(secret, StringComparison.Ordinal) ?? false);
}

/// <summary>Records the URL and form body of every request sent to HestiaCP.</summary>
public sealed class RecordingHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> All => [.. _requests];

    /// <summary>
    /// Runs for every request after it is recorded and before it is sent: lets a test look at the dashboard's state while
    /// a call is in flight (e.g. the activity log while a mutation is on its way), without timing anything.
    /// </summary>
    public Func<RecordedRequest, Task>? BeforeSend { get; set; }

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(RecordingHandler owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var form = System.Web.HttpUtility.ParseQueryString(body);
            var recorded = new RecordedRequest(request.RequestUri!, form.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => form[k] ?? string.Empty, StringComparer.Ordinal));
            owner._requests.Enqueue(recorded);
            if (owner.BeforeSend is { } beforeSend)
            {
                await beforeSend(recorded);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed record RecordedRequest(Uri Url, IReadOnlyDictionary<string, string> Form)
{
    public string? Command => Form.TryGetValue("cmd", out var cmd) ? cmd : null;
}
