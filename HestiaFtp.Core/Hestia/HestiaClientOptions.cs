using System.ComponentModel.DataAnnotations;

namespace HestiaFtp.Core.Hestia;

/// <summary>The <c>Hestia</c> configuration section: one or more named HestiaCP servers.</summary>
public sealed class HestiaOptions
{
    public const string SectionName = "Hestia";

    /// <summary>The servers. Empty means "no real server configured": the web host then runs its demo on the built-in
    /// emulator in Development or with <c>Hestia:Demo=true</c>, and refuses to start anywhere else.</summary>
    public List<HestiaClientOptions> Servers { get; set; } = [];
}

/// <summary>How to reach one HestiaCP server. Secrets come from environment variables or user-secrets, never from files in git.</summary>
public sealed class HestiaClientOptions
{
    /// <summary>A short name shown to users and used in URLs, e.g. <c>web1</c>.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,31}$")]
    public string Name { get; set; } = "default";

    /// <summary>The API base, e.g. <c>https://panel.example.net:8083/</c>; requests go to <c>{BaseUrl}api/</c>.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>Access key id (20 characters). Preferred over legacy admin credentials.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret key (40 characters).</summary>
    public string? SecretKey { get; set; }

    /// <summary>Legacy admin user (ROOT_USER), only when no access key is configured.</summary>
    public string? LegacyUser { get; set; }

    /// <summary>Legacy admin password.</summary>
    public string? LegacyPassword { get; set; }

    /// <summary>
    /// Per-attempt timeout for reads (every command but <c>v-add-web-domain-ftp</c>, <c>v-change-web-domain-ftp-password</c>,
    /// <c>v-change-web-domain-ftp-path</c> and <c>v-delete-web-domain-ftp</c>); an attempt never outlasts what is left of
    /// <see cref="ReadDeadline"/>.
    /// </summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Total time one read (<c>v-list-*</c>, <c>v-check-user-password</c>, <c>v-check-fs-permission</c>) may take, every attempt and
    /// back-off delay included: each attempt waits the smaller of <see cref="ReadTimeout"/> and what is left, and no retry
    /// starts with less than about 100 ms left. Mutations are not bound by it. At most 5 minutes.
    /// </summary>
    public TimeSpan ReadDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Timeout of the single attempt of a mutation (<c>v-add-web-domain-ftp</c>, <c>v-change-web-domain-ftp-*</c>,
    /// <c>v-delete-web-domain-ftp</c>; covers Hestia's sshd restart). After it the outcome is unknown.
    /// </summary>
    public TimeSpan MutationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a mutation waits for the server's mutation lock (other changes to the same server go first, in order)
    /// before it gives up without sending anything.
    /// </summary>
    public TimeSpan MutationLockWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a read is retried on a transient failure, as long as <see cref="ReadDeadline"/> allows.</summary>
    [Range(0, 5)]
    public int ReadRetries { get; set; } = 2;

    /// <summary>
    /// SHA-256 fingerprint (hex, colons optional) of the panel's self-signed certificate. When set, the certificate
    /// is accepted if and only if it matches; otherwise normal chain validation applies.
    /// </summary>
    public string? CertificateSha256 { get; set; }

    /// <summary>The panel URL users are sent to (edit pages); defaults to <see cref="BaseUrl"/>.</summary>
    public Uri? PanelUrl { get; set; }

    /// <summary>The file manager link target; defaults to <c>{PanelUrl}fm/</c>.</summary>
    public Uri? FileManagerUrl { get; set; }

    /// <summary>Host name shown to customers for FTP connections; defaults to the domain name.</summary>
    public string? FtpHost { get; set; }

    public bool UsesAccessKey => !string.IsNullOrEmpty(AccessKey);
}

/// <summary>The configured HestiaCP servers and one client per server.</summary>
public interface IHestiaClientProvider
{
    IReadOnlyList<HestiaClientOptions> Servers { get; }

    /// <summary>The client of the named server; throws <see cref="KeyNotFoundException"/> for an unknown name.</summary>
    IHestiaClient Get(string serverName);
}
