namespace HestiaFtp.Web.Hosting;

/// <summary>
/// The one rule for where a redirect may go: a path on this site. Sign-in's return URL, the language switch and every
/// other redirect built from request input go through <see cref="OrRoot"/>.
/// </summary>
public static class LocalUrl
{
    /// <summary>Longer return URLs are refused: nothing of ours is that long, and a header that size is an attack.</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// True for a rooted path of printable ASCII: starts with one <c>/</c>, not <c>//</c> or <c>/\</c> (both mean
    /// another host to a browser), no backslash at all, no scheme, no host, no spaces or control characters (browsers
    /// drop tabs and newlines from URLs, so <c>/\t/evil</c> would become <c>//evil</c>), and nothing outside ASCII
    /// (a Location header must be ASCII: Kestrel throws on anything else). Percent-escapes pass as they are.
    /// </summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }
        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return false;
        }
        foreach (var c in url)
        {
            if (c <= ' ' || c >= '\u007f' || c == '\\')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The URL when <see cref="IsSafe"/>, otherwise <c>/</c>.</summary>
    public static string OrRoot(string? url) => IsSafe(url) ? url! : "/";
}
