using System.Text.Json;
using HestiaFtp.Core.FtpAccounts;

namespace HestiaFtp.Core.Hestia.Wire;

/// <summary>
/// Reads HestiaCP's list output. The scripts build JSON with <c>echo</c> and no escaping, so a value with a quote or a
/// backslash makes the whole document invalid: that becomes a <see cref="HestiaException"/> with code
/// <see cref="HestiaReturnCode.UnexpectedResponse"/> (never the body, which may hold data we must not log).
/// </summary>
internal static class HestiaJson
{
    public static IReadOnlyList<(string Key, IReadOnlyDictionary<string, string> Fields)> ParseObjects(string command, string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new HestiaException(HestiaReturnCode.UnexpectedResponse, command, "empty body where JSON was expected");
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new HestiaException(HestiaReturnCode.UnexpectedResponse, command, "JSON root is not an object");
            }
            var result = new List<(string, IReadOnlyDictionary<string, string>)>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new HestiaException(HestiaReturnCode.UnexpectedResponse, command, "JSON entry is not an object");
                }
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var field in entry.Value.EnumerateObject())
                {
                    fields[field.Name] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() ?? "" : field.Value.GetRawText();
                }
                result.Add((entry.Name, fields));
            }
            return result;
        }
        catch (JsonException ex)
        {
            throw new HestiaException(HestiaReturnCode.UnexpectedResponse, command, "malformed JSON (HestiaCP does not escape values)", ex);
        }
    }

    public static WebDomain ToWebDomain(string owner, string name, IReadOnlyDictionary<string, string> f)
    {
        var logins = Get(f, "FTP_USER").Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var paths = Get(f, "FTP_PATH").Split(':');
        var accounts = new List<FtpAccount>(logins.Length);
        for (var i = 0; i < logins.Length; i++)
        {
            accounts.Add(new FtpAccount(logins[i], name, NormalizePath(i < paths.Length ? paths[i] : "")));
        }
        return new WebDomain(
            name,
            owner,
            Get(f, "IP"),
            Get(f, "DOCUMENT_ROOT"),
            Get(f, "ALIAS").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Yes(f, "SSL"),
            Yes(f, "LETSENCRYPT"),
            Yes(f, "SUSPENDED"),
            accounts);
    }

    public static HestiaUser ToUser(string name, IReadOnlyDictionary<string, string> f) => new(
        name,
        Get(f, "ROLE") is { Length: > 0 } role ? role : "user",
        Yes(f, "SUSPENDED"),
        Int(f, "SUSPENDED_WEB"),
        Int(f, "U_WEB_DOMAINS"),
        Get(f, "NAME"),
        Get(f, "PACKAGE"));

    /// <summary>
    /// FTP_PATH entries are relative to the domain folder: empty for the root, normally <c>/a/b</c>, but the first account of
    /// a domain stores the raw argument (<c>public_html</c>, <c>/uploads/</c>). Normalised to <c>""</c> or <c>/a/b</c>.
    /// </summary>
    public static string NormalizePath(string raw)
    {
        var segments = raw.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? "" : "/" + string.Join('/', segments);
    }

    private static string Get(IReadOnlyDictionary<string, string> f, string key) => f.TryGetValue(key, out var v) ? v : "";

    private static bool Yes(IReadOnlyDictionary<string, string> f, string key) => string.Equals(Get(f, key), "yes", StringComparison.Ordinal);

    private static int Int(IReadOnlyDictionary<string, string> f, string key) => int.TryParse(Get(f, key), out var v) ? v : 0;
}
