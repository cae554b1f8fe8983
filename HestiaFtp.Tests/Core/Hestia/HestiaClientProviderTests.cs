using System.Net;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Core.Hestia;

public sealed class HestiaClientProviderTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static ServiceProvider Services(StubHandler handler, params IHestiaCallObserver[] observers)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (name, i) in new[] { "web1", "web2" }.Select((n, i) => (n, i)))
        {
            settings[$"Hestia:Servers:{i}:Name"] = name;
            settings[$"Hestia:Servers:{i}:BaseUrl"] = $"https://{name}.example.net:8083/";
            settings[$"Hestia:Servers:{i}:AccessKey"] = "AbCdEfGhIjKlMnOpQrSt";
            settings[$"Hestia:Servers:{i}:SecretKey"] = "s3cr3t_s3cr3t-s3cr3t=s3cr3t_s3cr3t-s3cr3";
        }
        var services = new ServiceCollection();
        services.AddLogging();
        foreach (var observer in observers)
        {
            services.AddSingleton(observer);
        }
        services.AddHestiaClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Get_RegisteredObservers_EveryServersClientReportsToAll()
    {
        var first = new RecordingObserver();
        var second = new RecordingObserver();
        await using var services = Services(StubHandler.Always(HttpStatusCode.OK, "{\n}", 0), first, second);
        var provider = services.GetRequiredService<IHestiaClientProvider>();

        await provider.Get("web1").ListUsersAsync(_ct);
        await provider.Get("web2").ListWebDomainsAsync("alice", _ct);

        Assert.Equal([("web1", HestiaCommands.ListUsers), ("web2", HestiaCommands.ListWebDomains)], first.Calls.Select(c => (c.Server, c.Command)));
        Assert.Equal(first.Calls, second.Calls);
        Assert.All(first.Calls, c => Assert.Equal(HestiaCallOutcome.Answered, c.Outcome));
    }

    [Fact]
    public async Task Get_NoObserverRegistered_ClientWorks()
    {
        await using var services = Services(StubHandler.Always(HttpStatusCode.OK, "{\n}", 0));

        Assert.Empty(await services.GetRequiredService<IHestiaClientProvider>().Get("web1").ListUsersAsync(_ct));
    }
}
