using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Core.Hestia;

/// <summary>
/// HestiaCP 1.10.3's v-list-web-domains prints the previous domain's FTP_PATH for a domain line without the key
/// (bin/v-list-web-domains 31-32 and 53; bin/v-add-web-domain 241-245 writes no FTP_PATH). The real client, over
/// loopback HTTP against the emulator, must pair logins and paths only where FTP_USER is non-empty.
/// </summary>
public sealed class HestiaClientLeakedFtpPathTests : IAsyncLifetime
{
    private const string Password = "Hf-Test-Pass-42x";

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly List<ServiceProvider> _providers = [];
    private readonly HestiaEmulator _emulator = HestiaEmulator.Create(new EmulatorSeed
    {
        RootUser = "admin",
        Config = new EmulatorSeedConfig { Api = "yes", ApiSystem = 1, ApiAllowedIp = "127.0.0.1" },
        Users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal)
        {
            ["admin"] = new() { Role = "admin", Password = "Admin-Pass-1" },
            ["alice"] = new()
            {
                Role = "user", Password = "Alice-Pass-1",
                Domains = new Dictionary<string, EmulatorSeedDomain>(StringComparer.Ordinal) { ["example.com"] = new() { Ip = "127.0.0.1" } },
            },
        },
    });

    private EmulatorServer? _server;
    private IHestiaClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var (key, secret) = _emulator.Control.CreateAccessKey("admin");
        _server = await EmulatorServer.StartAsync(_emulator);
        _client = TestHestiaClients.Create(new Dictionary<string, string?>
        {
            ["Name"] = "leak", ["BaseUrl"] = _server.BaseUrl.ToString(), ["AccessKey"] = key, ["SecretKey"] = secret,
        }, _providers);
    }

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

    [Fact]
    public async Task ListWebDomainsAsync_LeakedFtpPathOnADomainWithoutAccounts_PairsNoAccount()
    {
        await _client.AddFtpAccountAsync("alice", "example.com", "up", Password, "public_html/uploads", _ct);
        await _client.AddFtpAccountAsync("alice", "example.com", "down", Password, "private", _ct);
        _emulator.Control.Run("v-add-web-domain", "alice", "later.test").ThrowIfFailed();
        Assert.Contains("\"FTP_PATH\": \"public_html/uploads:/private\"", LaterDomainJson(), StringComparison.Ordinal);

        var domains = await _client.ListWebDomainsAsync("alice", _ct);

        Assert.Empty(domains.Single(d => d.Name == "later.test").FtpAccounts);
        Assert.Equal(
            [new FtpAccount("alice_up", "example.com", "/public_html/uploads"), new FtpAccount("alice_down", "example.com", "/private")],
            domains.Single(d => d.Name == "example.com").FtpAccounts);
        Assert.Empty((await _client.GetWebDomainAsync("alice", "later.test", _ct)).FtpAccounts);
    }

    /// <summary>The later.test entry of v-list-web-domains as the server prints it.</summary>
    private string LaterDomainJson()
    {
        var output = _emulator.Control.Run("v-list-web-domains", "alice", "json").Output;
        return output[output.IndexOf("\"later.test\"", StringComparison.Ordinal)..];
    }
}
