using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Tests.Web.Live;

public class LiveServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHestiaClientProvider>(new FakeHestiaClientProvider(new FakeHestiaClient("web1")))
            .AddHestiaLive(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void AddHestiaLive_Resolves_OneSharedStoreAndThePollerAsHostedService()
    {
        using var services = Build(new() { ["Live:PollInterval"] = "00:00:05" });

        var live = services.GetRequiredService<ILiveAccounts>();

        Assert.Same(services.GetRequiredService<LiveAccounts>(), live);
        Assert.Same(services.GetRequiredService<HestiaPoller>(), Assert.Single(services.GetServices<IHostedService>()));
        Assert.Equal(TimeSpan.FromSeconds(5), services.GetRequiredService<IOptions<LiveOptions>>().Value.PollInterval);
        Assert.Equal(["web1"], live.Servers);
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
