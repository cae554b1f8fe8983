using System.Security.Cryptography;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// The HestiaCP server the client integration tests talk to over real HTTP: the emulator on loopback (admin, alice with
/// example.com, bob with bob.example) or, when HESTIA_TEST_URL, HESTIA_TEST_ACCESS_KEY, HESTIA_TEST_SECRET_KEY,
/// HESTIA_TEST_USER and HESTIA_TEST_DOMAIN are all set, that real server. Against a real server tests only create FTP
/// accounts named <c>USER_hftest…</c> and remove them at the end.
/// </summary>
public sealed class HestiaServerFixture : IAsyncLifetime
{
    public const string AdminPassword = "Admin-Pass-1";
    public const string EmulatedUserPassword = "Alice-Pass-1";
    public const string LoginPrefix = "hftest";

    private readonly List<ServiceProvider> _providers = [];
    private EmulatorServer? _server;
    private Dictionary<string, string?> _settings = [];

    /// <summary>False when the tests run against a real HestiaCP server.</summary>
    public bool IsEmulated => _server is not null;

    /// <summary>The client built through <c>AddHestiaClient</c> + <see cref="IHestiaClientProvider"/> (access key).</summary>
    public IHestiaClient Client { get; private set; } = null!;

    /// <summary>The same server with legacy user/password auth, or null (real server without HESTIA_TEST_LEGACY_*).</summary>
    public IHestiaClient? LegacyClient { get; private set; }

    /// <summary>The panel user owning <see cref="Domain"/>.</summary>
    public string User { get; private set; } = "alice";

    public string Domain { get; private set; } = "example.com";

    /// <summary><see cref="User"/>'s panel password, when known (always on the emulator; HESTIA_TEST_USER_PASSWORD otherwise).</summary>
    public string? UserPassword { get; private set; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The emulator, for out-of-band setup and for checking what really changed; null against a real server.</summary>
    public EmulatorControl? Emulator => _server?.Emulator.Control;

    /// <summary>A fresh FTP name (without the user prefix) that cleanup recognises.</summary>
    public static string NewSuffix() => LoginPrefix + RandomNumberGenerator.GetHexString(8, lowercase: true);

    /// <summary>The emulator, or skips the test: the one case where a test may not run against a real server.</summary>
    public EmulatorControl RequireEmulator(string reason)
    {
        if (Emulator is null)
        {
            Assert.Skip($"Needs the emulator (skipped against a real HestiaCP server): {reason}");
        }
        return Emulator;
    }

    /// <summary>The legacy-auth client, or skips (real server without HESTIA_TEST_LEGACY_USER/PASSWORD).</summary>
    public IHestiaClient RequireLegacyClient()
    {
        if (LegacyClient is null)
        {
            Assert.Skip("Set HESTIA_TEST_LEGACY_USER and HESTIA_TEST_LEGACY_PASSWORD to test legacy auth against a real server.");
        }
        return LegacyClient;
    }

    public async ValueTask InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("HESTIA_TEST_URL");
        var key = Environment.GetEnvironmentVariable("HESTIA_TEST_ACCESS_KEY");
        var secret = Environment.GetEnvironmentVariable("HESTIA_TEST_SECRET_KEY");
        var user = Environment.GetEnvironmentVariable("HESTIA_TEST_USER");
        var domain = Environment.GetEnvironmentVariable("HESTIA_TEST_DOMAIN");
        string? legacyUser;
        string? legacyPassword;
        if (new[] { url, key, secret, user, domain }.All(v => !string.IsNullOrEmpty(v)))
        {
            BaseUrl = new Uri(url!.EndsWith('/') ? url : url + "/");
            User = user!;
            Domain = domain!;
            UserPassword = NullIfEmpty(Environment.GetEnvironmentVariable("HESTIA_TEST_USER_PASSWORD"));
            legacyUser = NullIfEmpty(Environment.GetEnvironmentVariable("HESTIA_TEST_LEGACY_USER"));
            legacyPassword = NullIfEmpty(Environment.GetEnvironmentVariable("HESTIA_TEST_LEGACY_PASSWORD"));
        }
        else
        {
            var emulator = HestiaEmulator.Create(new EmulatorSeed
            {
                RootUser = "admin",
                Config = new EmulatorSeedConfig { Api = "yes", ApiSystem = 1, ApiAllowedIp = "127.0.0.1" },
                Users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal)
                {
                    ["admin"] = new() { Role = "admin", Password = AdminPassword },
                    ["alice"] = new()
                    {
                        Role = "user", Password = EmulatedUserPassword,
                        Domains = new Dictionary<string, EmulatorSeedDomain>(StringComparer.Ordinal) { ["example.com"] = new() { Ip = "127.0.0.1" } },
                    },
                    ["bob"] = new()
                    {
                        Role = "user", Password = "Bob-Pass-1",
                        Domains = new Dictionary<string, EmulatorSeedDomain>(StringComparer.Ordinal) { ["bob.example"] = new() { Ip = "127.0.0.1" } },
                    },
                },
            });
            (key, secret) = emulator.Control.CreateAccessKey("admin");
            _server = await EmulatorServer.StartAsync(emulator);
            BaseUrl = _server.BaseUrl;
            UserPassword = EmulatedUserPassword;
            (legacyUser, legacyPassword) = ("admin", AdminPassword);
        }

        _settings = new Dictionary<string, string?>
        {
            ["Name"] = "test",
            ["BaseUrl"] = BaseUrl.ToString(),
            ["AccessKey"] = key,
            ["SecretKey"] = secret,
            ["CertificateSha256"] = NullIfEmpty(Environment.GetEnvironmentVariable("HESTIA_TEST_CERT_SHA256")),
        };
        Client = CreateClient(_ => { });
        if (legacyUser is not null && legacyPassword is not null)
        {
            LegacyClient = CreateClient(s =>
            {
                s["AccessKey"] = null;
                s["SecretKey"] = null;
                s["LegacyUser"] = legacyUser;
                s["LegacyPassword"] = legacyPassword;
            });
        }
    }

    /// <summary>
    /// A client for this server through a new service provider (own breaker and mutation gate), with changed settings
    /// (keys of one <c>Hestia:Servers</c> entry, e.g. <c>SecretKey</c>).
    /// </summary>
    public IHestiaClient CreateClient(Action<Dictionary<string, string?>> change)
    {
        var server = new Dictionary<string, string?>(_settings);
        change(server);
        return TestHestiaClients.Create(server, _providers);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null && Client is not null)
        {
            // Real server: remove every account this run (or an aborted earlier run) left behind.
            var prefix = $"{User}_{LoginPrefix}";
            var domain = await Client.GetWebDomainAsync(User, Domain, CancellationToken.None);
            foreach (var account in domain.FtpAccounts.Where(a => a.Login.StartsWith(prefix, StringComparison.Ordinal)))
            {
                await Client.DeleteFtpAccountAsync(User, Domain, account.Login, CancellationToken.None);
            }
        }
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
