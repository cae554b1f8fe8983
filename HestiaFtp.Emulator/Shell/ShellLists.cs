using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator.Shell;

/// <summary>The colon lists of web.conf (<c>FTP_USER</c>, <c>FTP_PATH</c>) as the scripts' shell pipelines see them.</summary>
internal static class ShellLists
{
    /// <summary>Items of a colon list as <c>echo $LIST | tr ':' '\n'</c> yields them.</summary>
    public static List<string> Items(string raw)
    {
        var joined = string.Join(' ', raw.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return [.. joined.Split(':')];
    }

    /// <summary>1-based positions of FTP_USER items matching <c>^name$</c> (grep, <c>.</c> = any character).</summary>
    public static List<int> Positions(string ftpUserList, string name)
    {
        var regex = Bre.Compile("^" + Bre.Literal(name) + "$");
        var items = Items(ftpUserList);
        return [.. Enumerable.Range(1, items.Count).Where(i => regex.IsMatch(items[i - 1]))];
    }

    /// <summary><c>grep -n '' | grep -v "^$position:" | cut -f 2 -d :</c> with a possibly multi-line position.</summary>
    public static string RemovePositions(string raw, List<int> positions, bool dropEmpty)
    {
        var patterns = ("^" + string.Join('\n', positions) + ":").Split('\n')
            .Select(p => Bre.Compile(p.StartsWith('^') ? "^" + Regex.Escape(p[1..]) : Regex.Escape(p)))
            .ToList();
        var items = Items(raw);
        var kept = Enumerable.Range(1, items.Count)
            .Where(i => !patterns.Any(p => p.IsMatch($"{i}:{items[i - 1]}")))
            .Select(i => items[i - 1])
            .Where(item => !dropEmpty || item.Length > 0);
        return string.Join(':', kept);
    }
}
