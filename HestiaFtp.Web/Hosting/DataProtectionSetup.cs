using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace HestiaFtp.Web.Hosting;

/// <summary>
/// Data-protection keys in a configured folder under the application name "HestiaFtp", so that a restart, a second
/// instance or a new deployment folder still reads the cookies issued before; encrypted with a configured certificate.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "HestiaFtp";

    public const string UnencryptedWarning =
        "Data-protection keys in {KeysFolder} are stored unencrypted: anyone who can read that folder can forge sign-in "
        + "cookies. Set DataProtection:CertificatePath (and DataProtection__CertificatePassword) to encrypt them.";

    public static IServiceCollection AddDashboardDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(KeyStorageOptions.SectionName).Get<KeyStorageOptions>() ?? new KeyStorageOptions();
        var folder = new DirectoryInfo(Path.GetFullPath(options.KeysFolder, contentRoot));
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToFileSystem(folder);
        X509Certificate2? certificate = null;
        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(options.CertificatePath, contentRoot), options.CertificatePassword);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath {options.CertificatePath} has no private key.");
            }
            // Decrypting with this certificate must not depend on the machine's certificate store (there is none to speak
            // of in a container).
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddSingleton(new KeyStorage(folder.FullName, certificate is not null));
        services.AddHostedService<KeyStorageWarning>();
        return services;
    }
}

/// <summary>Where the keys went and whether they are encrypted.</summary>
public sealed record KeyStorage(string Folder, bool Encrypted);

/// <summary>Says at start-up, every time, when the keys are not encrypted.</summary>
internal sealed class KeyStorageWarning(KeyStorage storage, ILogger<KeyStorageWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Encrypted)
        {
#pragma warning disable CA2254 // the template is a constant shared with the tests
            logger.LogWarning(DataProtectionSetup.UnencryptedWarning, storage.Folder);
#pragma warning restore CA2254
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
