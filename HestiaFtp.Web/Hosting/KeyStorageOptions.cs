namespace HestiaFtp.Web.Hosting;

/// <summary>
/// The <c>DataProtection</c> configuration section: where the keys that protect the sign-in cookie and antiforgery tokens
/// live, and the certificate that encrypts them at rest.
/// </summary>
public sealed class KeyStorageOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Relative paths are under the content root. Every instance behind one address must share it.</summary>
    public string KeysFolder { get; set; } = Path.Combine("App_Data", "keys");

    /// <summary>A PFX file with a private key. Without one the keys are stored unencrypted (a warning says so at start).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX password: pass it as <c>DataProtection__CertificatePassword</c>, never in a file in git.</summary>
    public string? CertificatePassword { get; set; }
}
