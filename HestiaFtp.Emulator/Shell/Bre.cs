using System.Text;
using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator.Shell;

/// <summary>grep/sed basic regular expressions built from shell variables: <c>.</c> matches any character, the rest is literal.</summary>
internal static class Bre
{
    public static string Literal(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(c == '.' ? "." : Regex.Escape(c.ToString()));
        }

        return sb.ToString();
    }

    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
