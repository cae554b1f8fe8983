using System.Net;
using HestiaFtp.Emulator;
using HestiaFtp.Tests.Web.E2E;
using HestiaFtp.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.Hosting;

/// <summary>The real app started in Production: the demo with its published passwords runs only when asked for.</summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class EmbeddedEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WebApplicationFactory<Program> Production(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production")
                .UseSetting("Audit:Path", Path.Combine(Path.GetTempPath(), $"hestiaftp-demo-{Guid.NewGuid():N}.db"));
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    [Fact]
    public async Task Start_ProductionWithoutServer_FailsWithAClearMessage()
    {
        await using var factory = Production();

        var ex = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(ex);
        var failure = Assert.IsType<InvalidOperationException>(ex.GetBaseException());
        Assert.Equal(EmbeddedEmulator.NoServerMessage, failure.Message);
        Assert.Contains("Hestia:Demo=true", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithDemoFalse_FailsWithTheSameMessage()
    {
        await using var factory = Production((EmbeddedEmulator.DemoKey, "false"));

        var ex = Record.Exception(() => factory.CreateClient());

        Assert.Equal(EmbeddedEmulator.NoServerMessage, ex?.GetBaseException().Message);
    }

    [Fact]
    public async Task Start_ProductionWithDemoTrue_ServesTheDemo()
    {
        await using var factory = Production((EmbeddedEmulator.DemoKey, "true"));

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await client.GetAsync(new Uri("/signin", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var emulator = factory.Services.GetRequiredService<HestiaEmulator>();
        Assert.Contains(emulator.Control.GetUsers(), u => u.Name == "carol");
        Assert.NotNull(factory.Services.GetRequiredService<EmbeddedEmulatorHost>().BaseUrl);
    }
}
