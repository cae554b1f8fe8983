using HestiaFtp.Core.Hestia;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Tests.Web.Live;

/// <summary>The registration over the real client configured for one server, the emulator on loopback.</summary>
public sealed class LiveServiceCollectionExtensionsTests : IAsyncLifetime
{
    private readonly HestiaEmulator _emulator = HestiaEmulator.CreateDemo();
    private EmulatorServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await EmulatorServer.StartAsync(_emulator, 0, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var (keyId, secret) = _emulator.Control.CreateAccessKey(EmulatorDemoSeed.AdminUser);
        settings["Hestia:Servers:0:Name"] = "web1";
        settings["Hestia:Servers:0:BaseUrl"] = _server.BaseUrl.ToString();
        settings["Hestia:Servers:0:AccessKey"] = keyId;
        settings["Hestia:Servers:0:SecretKey"] = secret;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddHestiaClient(configuration);
        return services.AddHestiaLive(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task AddHestiaLive_Resolves_OneSharedStoreAndThePollerAsHostedService()
    {
        using var services = Build(new() { ["Live:PollInterval"] = "00:00:05" });

        var live = services.GetRequiredService<ILiveAccounts>();

        Assert.Same(services.GetRequiredService<LiveAccounts>(), live);
        Assert.Same(services.GetRequiredService<HestiaPoller>(), Assert.Single(services.GetServices<IHostedService>()));
        Assert.Equal(TimeSpan.FromSeconds(5), services.GetRequiredService<IOptions<LiveOptions>>().Value.PollInterval);
        Assert.Equal(["web1"], live.Servers);
        // The configured server is the emulator, reached through the real client.
        var users = await services.GetRequiredService<IHestiaClientProvider>().Get("web1").ListUsersAsync(TestContext.Current.CancellationToken);
        Assert.Contains(users, u => u.Name == "carol");
    }

    [Fact]
    public void AddHestiaLive_NoSection_DefaultsTo10Seconds()
    {
        using var services = Build([]);

        Assert.Equal(TimeSpan.FromSeconds(10), services.GetRequiredService<IOptions<LiveOptions>>().Value.PollInterval);
    }

    [Fact]
    public void AddHestiaLive_IntervalOutOfRange_FailsValidation()
    {
        using var services = Build(new() { ["Live:PollInterval"] = "00:00:00" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LiveOptions>>().Value);
    }
}
