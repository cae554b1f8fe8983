using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HestiaFtp.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>The data-protection key ring that <c>AddRedisScaleOut</c> puts in Redis, encrypted with the configured certificate.</summary>
public sealed class RedisKeyRingTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hestiaftp-keyring-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Protect_OnA_IsUnprotectedByB_AndRedisHoldsOnlyEncryptedKeys()
    {
        var certificate = WritePfx("Cert-Pass-1");
        await using var cluster = await ScaleOutCluster.StartAsync(redis);
        void WithCertificate(IDictionary<string, string?> s)
        {
            s["DataProtection:CertificatePath"] = certificate;
            s["DataProtection:CertificatePassword"] = "Cert-Pass-1";
        }

        var a = cluster.AddInstance(WithCertificate);
        var b = cluster.AddInstance(WithCertificate);
        const string purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";

        var cookie = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("session-payload");
        var read = b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(cookie);

        Assert.Equal("session-payload", read);
        await using var admin = await Until.AdminAsync(redis);
        var keys = await admin.GetDatabase().ListRangeAsync(cluster.KeyPrefix + "data-protection-keys");
        var key = Assert.Single(keys).ToString();
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cluster.KeysFolder(0)));
        Assert.False(Directory.Exists(cluster.KeysFolder(1)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string WritePfx(string password)
    {
        Directory.CreateDirectory(_root);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=HestiaFtp scale-out test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_root, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
