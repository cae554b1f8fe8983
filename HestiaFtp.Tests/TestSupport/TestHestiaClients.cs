using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>The real HestiaCP client as the app builds it (<c>AddHestiaClient</c>), for one <c>Hestia:Servers</c> entry.</summary>
public static class TestHestiaClients
{
    /// <summary>
    /// A client through a new service provider (its own breaker and mutation lock) for the server settings given as the
    /// keys of one <c>Hestia:Servers</c> entry (<c>Name</c>, <c>BaseUrl</c>, <c>AccessKey</c>, …). The provider is added
    /// to <paramref name="owners"/>, which the caller disposes.
    /// </summary>
    public static IHestiaClient Create(IReadOnlyDictionary<string, string?> server, ICollection<ServiceProvider> owners)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(server.Select(kv => new KeyValuePair<string, string?>($"Hestia:Servers:0:{kv.Key}", kv.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHestiaClient(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        owners.Add(provider);
        return provider.GetRequiredService<IHestiaClientProvider>().Get(server["Name"]!);
    }
}
