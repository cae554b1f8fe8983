using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Tests.Web.Hosting;

public sealed class DataProtectionSetupTests : IDisposable
{
    private const string UnencryptedMarker = "Warning: the key below is in an unencrypted form.";
    private readonly string _root = Directory.CreateTempSubdirectory("hestiaftp-dp-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Build(CapturingLoggerProvider logs, params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddDashboardDataProtection(configuration, _root);
        return services.BuildServiceProvider();
    }

    private static async Task StartAsync(IServiceProvider provider)
    {
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(Ct);
        }
    }

    private string WritePfx(string password, bool withPrivateKey = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=HestiaFtp data protection test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_root, withPrivateKey ? "keys.pfx" : "public-only.pfx");
        var bytes = withPrivateKey
            ? certificate.Export(X509ContentType.Pfx, password)
            : X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)).Export(X509ContentType.Pfx, password);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Default_KeysUnderAppDataUnderTheNamedApplication_UnencryptedWithAWarning()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(logs);
        await StartAsync(provider);

        var payload = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("cookie");

        Assert.Equal("HestiaFtp", provider.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator);
        var folder = Path.Combine(_root, "App_Data", "keys");
        Assert.Equal(new KeyStorage(folder, Encrypted: false), provider.GetRequiredService<KeyStorage>());
        var key = Assert.Single(Directory.GetFiles(folder, "key-*.xml"));
        Assert.Contains(UnencryptedMarker, File.ReadAllText(key), StringComparison.Ordinal);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Category.EndsWith(nameof(KeyStorage) + "Warning", StringComparison.Ordinal));
        Assert.Contains("stored unencrypted", warning.Message, StringComparison.Ordinal);
        Assert.Contains(folder, warning.Message, StringComparison.Ordinal);
        Assert.NotEmpty(payload);
    }

    [Fact]
    public async Task WithCertificate_KeysAreEncrypted_NoWarning_AndAFreshInstanceReadsOldPayloads()
    {
        var pfx = WritePfx("pfx-pass-1");
        (string, string?)[] settings =
        [
            ("DataProtection:KeysFolder", "dp-keys"),
            ("DataProtection:CertificatePath", pfx),
            ("DataProtection:CertificatePassword", "pfx-pass-1"),
        ];
        var logs = new CapturingLoggerProvider();
        string payload;
        await using (var first = Build(logs, settings))
        {
            await StartAsync(first);
            payload = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("cookie");
        }

        await using var second = Build(logs, settings);
        var unprotected = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload);

        Assert.Equal("cookie", unprotected);
        var folder = Path.Combine(_root, "dp-keys");
        Assert.True(second.GetRequiredService<KeyStorage>().Encrypted);
        var xml = File.ReadAllText(Assert.Single(Directory.GetFiles(folder, "key-*.xml")));
        Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain(UnencryptedMarker, xml, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void CertificateWithoutPrivateKey_RefusesToStart()
    {
        var pfx = WritePfx("pfx-pass-2", withPrivateKey: false);

        var error = Assert.Throws<InvalidOperationException>(() => Build(new CapturingLoggerProvider(),
            ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "pfx-pass-2")));

        Assert.Contains("no private key", error.Message, StringComparison.Ordinal);
    }
}
