using System.Text;
using System.Text.Json;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>The request's fields as PHP sees them; <paramref name="HasNonScalar"/> marks a used field given as JSON array/object.</summary>
internal sealed record RequestData(Dictionary<string, string?> Fields, bool HasNonScalar);

/// <summary>Reads <c>$_POST</c> or, failing that, a JSON <c>php://input</c> body, and splits <c>hash=ACCESS:SECRET</c>.</summary>
internal static class ApiRequestReader
{
    public static RequestData? Read(EmulatorRequest request)
    {
        var isPost = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var ct = request.ContentType ?? "";
        var isForm = ct.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || ct.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (isPost && isForm && request.Form is { } form)
        {
            var post = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (k, v) in form)
            {
                post[k] = v; // PHP: the last duplicate wins
            }

            if (post.ContainsKey("access_key") || post.ContainsKey("user") || post.ContainsKey("hash"))
            {
                return new RequestData(post, false);
            }
        }

        // php://input is not available for multipart bodies.
        if (string.IsNullOrEmpty(request.RawBody) || ct.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(request.RawBody);
            var root = doc.RootElement;
            // json_decode(...) != null: only a non-empty array/object survives the loose comparison usefully.
            if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
            {
                return null;
            }

            var dict = new Dictionary<string, string?>(StringComparer.Ordinal);
            var nonScalar = false;
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String: dict[p.Name] = p.Value.GetString(); break;
                    case JsonValueKind.Number: dict[p.Name] = p.Value.GetRawText(); break;
                    case JsonValueKind.True: dict[p.Name] = "1"; break;
                    case JsonValueKind.False: dict[p.Name] = ""; break;
                    case JsonValueKind.Null: dict[p.Name] = null; break;
                    default:
                        dict[p.Name] = "Array";
                        if (IsUsedField(p.Name))
                        {
                            nonScalar = true;
                        }

                        break;
                }
            }

            return new RequestData(dict, nonScalar);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>hash=ACCESS:SECRET (20 + 40 bytes) becomes access_key + secret_key when no access_key was sent.</summary>
    public static void SplitHash(Dictionary<string, string?> fields)
    {
        if (!fields.ContainsKey("access_key") && fields.TryGetValue("hash", out var hash) && hash is not null
            && hash.Count(c => c == ':') == 1)
        {
            var parts = hash.Split(':');
            if (Encoding.UTF8.GetByteCount(parts[0]) == 20 && Encoding.UTF8.GetByteCount(parts[1]) == 40)
            {
                fields["access_key"] = parts[0];
                fields["secret_key"] = parts[1];
                fields.Remove("hash");
            }
        }
    }

    private static bool IsUsedField(string name) =>
        name is "access_key" or "secret_key" or "cmd" or "user" or "password" or "hash"
        || (name.StartsWith("arg", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), out var n) && n is >= 1 and <= 13);
}
