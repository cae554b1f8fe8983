using System.Text.Json;
using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>The PHP semantics <c>/api/index.php</c> relies on: trim, isset, the argN fields, REMOTE_ADDR, json_decode truthiness.</summary>
internal static partial class Php
{
    [GeneratedRegex("^[a-zA-Z0-9_-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex CmdPattern();

    public static string Trim(string s) => s.Trim(' ', '\t', '\n', '\r', '\0', '\x0B');

    public static bool Isset(Dictionary<string, string?> f, string key) => f.TryGetValue(key, out var v) && v is not null;

    public static string? Get(Dictionary<string, string?> f, string key) => f.TryGetValue(key, out var v) ? v : null;

    /// <summary>arg1 … arg13, trimmed, skipping unset ones.</summary>
    public static List<string> Args(Dictionary<string, string?> f)
    {
        var args = new List<string>();
        for (var i = 1; i <= 13; i++)
        {
            if (f.TryGetValue($"arg{i}", out var v) && v is not null)
            {
                args.Add(Trim(v));
            }
        }

        return args;
    }

    /// <summary>The caller's IP as the script computes it (an IPv4-mapped IPv6 address becomes IPv4).</summary>
    public static string RealIp(string remote)
    {
        var ip = System.Net.IPAddress.TryParse(remote, out _) ? remote : "";
        if (ip.StartsWith(':') && ip.IndexOf('.', StringComparison.Ordinal) > 0)
        {
            ip = ip[(ip.LastIndexOf(':') + 1)..];
        }

        return ip;
    }

    /// <summary><c>json_decode($out, true)</c> is truthy.</summary>
    public static bool JsonTruthy(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 512 });
            var r = doc.RootElement;
            return r.ValueKind switch
            {
                JsonValueKind.Object => r.EnumerateObject().Any(),
                JsonValueKind.Array => r.GetArrayLength() > 0,
                JsonValueKind.String => r.GetString() is { Length: > 0 } str && str != "0",
                JsonValueKind.Number => r.GetDouble() != 0,
                JsonValueKind.True => true,
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
