using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Core.Hestia;

public static class HestiaClientRegistration
{
    public const string HttpClientName = "hestia";

    /// <summary>
    /// Binds <c>Hestia:Servers</c> (validated at start-up), registers <see cref="IHestiaClientProvider"/> and the named
    /// HttpClient every HestiaCP call goes through, with the in-process mutation lock and credentials breaker unless others
    /// (shared by several instances) were registered first. Returns its builder so callers can chain handlers. Every
    /// <see cref="IHestiaCallObserver"/> registered as a singleton (none is needed) is told about each exchange.
    /// </summary>
    public static IHttpClientBuilder AddHestiaClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HestiaOptions>().Bind(configuration.GetSection(HestiaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HestiaOptions>, HestiaOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHestiaMutationLock, InProcessMutationLock>();
        services.TryAddSingleton<IHestiaCredentialsBreaker, InProcessCredentialsBreaker>();
        services.TryAddSingleton<IHestiaClientProvider, HestiaClientProvider>();
        return services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var servers = sp.GetRequiredService<IOptions<HestiaOptions>>().Value.Servers;
                return new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        RemoteCertificateValidationCallback = CertificatePinning.Create(servers),
                    },
                };
            });
    }
}

/// <summary>
/// TLS for self-signed panels: a server with <see cref="HestiaClientOptions.CertificateSha256"/> is accepted if and only if
/// its leaf certificate's SHA-256 matches the pin; every other server gets normal chain validation.
/// </summary>
public static class CertificatePinning
{
    public static RemoteCertificateValidationCallback Create(IEnumerable<HestiaClientOptions> servers)
    {
        var pins = servers.Where(s => s.BaseUrl is not null && !string.IsNullOrEmpty(s.CertificateSha256))
            .GroupBy(s => s.BaseUrl!.IdnHost, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(s => Normalize(s.CertificateSha256!)).ToHashSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        return (sender, certificate, _, errors) =>
        {
            var host = sender is SslStream stream ? stream.TargetHostName : null;
            if (host is not null && pins.TryGetValue(host, out var expected))
            {
                return certificate is not null && expected.Contains(Fingerprint(certificate));
            }
            return errors == SslPolicyErrors.None;
        };
    }

    public static string Fingerprint(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    public static string Normalize(string fingerprint) =>
        fingerprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
