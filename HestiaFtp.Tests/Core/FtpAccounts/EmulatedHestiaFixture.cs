using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Core.FtpAccounts;

/// <summary>
/// The emulator on loopback with the real client in front of it (built through <c>AddHestiaClient</c> and
/// <see cref="IHestiaClientProvider"/>), for tests that count every HestiaCP call the service makes. Panel user
/// <see cref="User"/> gets fresh domains per test (<see cref="NewDomain"/>), which the test deletes again with their
/// accounts (HestiaCP checks FTP names against the whole server); the tests of one class run one after another, so
/// <see cref="HestiaEmulator.CallCounts"/> belongs to the running test.
/// </summary>
public sealed class EmulatedHestiaFixture : IAsyncLifetime
{
    public const string User = "alice";

    private readonly List<ServiceProvider> _providers = [];
    private EmulatorServer? _server;
    private int _domains;

    public HestiaEmulator Emulator { get; private set; } = null!;

    public EmulatorControl Control => Emulator.Control;

    /// <summary>Default timeouts, no read retries (a failed read-back is one call, not three).</summary>
    public IHestiaClient Client { get; private set; } = null!;

    /// <summary>Like <see cref="Client"/> but gives up on a mutation after one second, for hang faults.</summary>
    public IHestiaClient ImpatientClient { get; private set; } = null!;

    /// <summary>A new web domain of <paramref name="user"/> with Hestia's folder skeleton and no FTP accounts.</summary>
    public string NewDomain(string user = User)
    {
        var domain = $"svc{Interlocked.Increment(ref _domains)}.example";
        Control.AddWebDomain(user, domain);
        return domain;
    }

    public async ValueTask InitializeAsync()
    {
        Emulator = HestiaEmulator.Create(new EmulatorSeed
        {
            RootUser = "admin",
            Config = new EmulatorSeedConfig { Api = "yes", ApiSystem = 1, ApiAllowedIp = "127.0.0.1" },
            Users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal)
            {
                ["admin"] = new() { Role = "admin", Password = "Admin-Pass-1" },
                [User] = new() { Role = "user", Password = "Alice-Pass-1" },
            },
        });
        var (key, secret) = Control.CreateAccessKey("admin");
        _server = await EmulatorServer.StartAsync(Emulator);
        var settings = new Dictionary<string, string?>
        {
            ["Name"] = "test",
            ["BaseUrl"] = _server.BaseUrl.ToString(),
            ["AccessKey"] = key,
            ["SecretKey"] = secret,
            ["ReadRetries"] = "0",
        };
        Client = CreateClient(settings);
        ImpatientClient = CreateClient(new Dictionary<string, string?>(settings) { ["MutationTimeout"] = "00:00:01" });
    }

    private IHestiaClient CreateClient(Dictionary<string, string?> server) => TestHestiaClients.Create(server, _providers);

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>An <see cref="ICredentialGenerator"/> that hands out scripted suffixes and numbered passwords.</summary>
internal sealed class ScriptedGenerator(params string[] suffixes) : ICredentialGenerator
{
    private readonly Queue<string> _suffixes = new(suffixes);
    private int _passwords;

    public List<string> IssuedPasswords { get; } = [];

    public string GeneratePassword()
    {
        var password = $"Gen3rated-Pass-{++_passwords:D4}x";
        IssuedPasswords.Add(password);
        return password;
    }

    public string GenerateLoginSuffix(string user) => _suffixes.Dequeue();
}
