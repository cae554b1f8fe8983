using System.Security.Cryptography;
using System.Text;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// Random ids for sessions and devices (256 bits, URL-safe), and the hash the store keeps instead: a copy of the database
/// alone does not hold a single cookie's secret.
/// </summary>
public static class SecretIds
{
    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
