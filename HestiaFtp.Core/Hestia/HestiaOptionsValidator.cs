using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Core.Hestia;

/// <summary>Start-up validation of <c>Hestia:Servers</c>. Messages name the setting, never its secret value.</summary>
public sealed partial class HestiaOptionsValidator : IValidateOptions<HestiaOptions>
{
    private static readonly TimeSpan MaxReadDeadline = TimeSpan.FromMinutes(5);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex ServerName();

    [GeneratedRegex("^[A-Za-z0-9]{20}$")]
    private static partial Regex AccessKeyFormat();

    // v-check-access-key accepts letters, digits and _ . + / ^ ~ = % - in the 40-character secret.
    [GeneratedRegex("^[A-Za-z0-9_.+/^~=%-]{40}$")]
    private static partial Regex SecretFormat();

    [GeneratedRegex("^[0-9A-F]{64}$")]
    private static partial Regex Sha256Hex();

    public ValidateOptionsResult Validate(string? name, HestiaOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (server, index) in options.Servers.Select((s, i) => (s, i)))
        {
            var at = $"Hestia:Servers:{index}";
            if (!ServerName().IsMatch(server.Name ?? ""))
            {
                failures.Add($"{at}:Name must be 1-32 lower-case letters, digits or '-'.");
            }
            else if (!names.Add(server.Name!))
            {
                failures.Add($"{at}:Name '{server.Name}' is used twice.");
            }
            if (server.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{at}:BaseUrl must be an absolute http(s) URL such as https://panel.example.net:8083/.");
            }
            if (server.UsesAccessKey)
            {
                if (!AccessKeyFormat().IsMatch(server.AccessKey!))
                {
                    failures.Add($"{at}:AccessKey must be the 20-character access key id.");
                }
                if (!SecretFormat().IsMatch(server.SecretKey ?? ""))
                {
                    failures.Add($"{at}:SecretKey must be the 40-character secret key.");
                }
            }
            else if (string.IsNullOrEmpty(server.LegacyUser) || string.IsNullOrEmpty(server.LegacyPassword))
            {
                failures.Add($"{at} needs AccessKey and SecretKey (preferred) or LegacyUser and LegacyPassword.");
            }
            if (!string.IsNullOrEmpty(server.CertificateSha256) && !Sha256Hex().IsMatch(CertificatePinning.Normalize(server.CertificateSha256)))
            {
                failures.Add($"{at}:CertificateSha256 must be a SHA-256 fingerprint (64 hex digits, colons allowed).");
            }
            if (server.ReadTimeout <= TimeSpan.Zero || server.MutationTimeout <= TimeSpan.Zero)
            {
                failures.Add($"{at}: timeouts must be positive.");
            }
            if (server.ReadDeadline <= TimeSpan.Zero || server.ReadDeadline > MaxReadDeadline)
            {
                failures.Add($"{at}:ReadDeadline must be positive and at most 5 minutes.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
