using System.Text.RegularExpressions;
using HestiaFtp.Emulator.Shell;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.ScriptExit;

namespace HestiaFtp.Emulator.Commands;

/// <summary>The checks the scripts share (HestiaCP's <c>func/main.sh</c>): argument formats, existence, suspension, demo mode.</summary>
internal sealed partial class ScriptChecks(ServerState state)
{
    public const string DemoMessage = "ERROR: Unable to perform operation due to security restrictions that are in place.";

    private const string AliasExcluded = "[]!@#$^&()+={},<>?_/\\\"|'`;%";

    private const string DomainExcluded = "[]!@#$^&*()+={},<>?_/\\\"|'`;%";

    [GeneratedRegex(@"^[A-Za-z0-9][-|\\._A-Za-z0-9]{0,28}[A-Za-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex UserFormat();

    [GeneratedRegex("^[A-Za-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex OneChar();

    public ServerState State { get; } = state;

    public static void CheckArgs(List<string> args, int required, string cmd, string usage)
    {
        if (args.Count < required)
        {
            throw Fail(1, $"Usage: {cmd} {usage}");
        }
    }

    public static string Arg(List<string> args, int index) => index < args.Count ? args[index] : "";

    public static void UserFormatValid(string value, string argName)
    {
        if (value.Length == 0)
        {
            return;
        }

        var ok = value.Length == 1 ? OneChar().IsMatch(value) : UserFormat().IsMatch(value);
        if (!ok || value.Any(c => c > 127))
        {
            throw Fail(2, $"Error: invalid {argName} format :: {value}");
        }
    }

    public static void DomainFormatValid(string value, string objectName = "domain")
    {
        if (value.Length == 0)
        {
            return;
        }

        if (value.Any(c => DomainExcluded.Contains(c) || char.IsWhiteSpace(c))
            || value.All(char.IsAsciiDigit)
            || value.Contains("..", StringComparison.Ordinal)
            || value.StartsWith('-') || value.EndsWith('-')
            || value.StartsWith('.') || value.EndsWith('.')
            || value.Contains(".-", StringComparison.Ordinal) || value.Contains("-.", StringComparison.Ordinal)
            || value == "www")
        {
            throw Fail(2, $"Error: invalid {objectName} format :: {value}");
        }
    }

    /// <summary>format_aliases (func/domain.sh 1788-1798): lower case, one trailing dot off, sorted unique, dots squeezed and trimmed.</summary>
    public static string FormatAliases(string aliases)
    {
        if (aliases.Length == 0 || aliases == "none")
        {
            return aliases;
        }

        var words = string.Join(' ', aliases.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        var items = words.Split(',').Select(x => x.EndsWith('.') ? x[..^1] : x).Distinct().Order(StringComparer.Ordinal)
            .Select(x => Regex.Replace(x, @"\.+", ".").Trim('.'))
            .Where(x => x.Length > 0);
        return string.Join(',', items);
    }

    /// <summary>is_alias_format_valid (func/main.sh 975-992), for each alias of a comma list.</summary>
    public static void AliasFormatValid(string aliases)
    {
        foreach (var alias in aliases.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (alias.Any(c => AliasExcluded.Contains(c) || char.IsWhiteSpace(c))
                || alias.Contains("..", StringComparison.Ordinal) || alias.StartsWith('-') || alias.EndsWith('-')
                || alias.StartsWith('.') || alias.EndsWith('.')
                || alias.Contains(".-", StringComparison.Ordinal) || alias.Contains("-.", StringComparison.Ordinal)
                || (alias.Contains('*') && !alias.StartsWith("*.", StringComparison.Ordinal)))
            {
                throw Fail(2, $"Error: invalid alias format :: {alias}");
            }
        }
    }

    public static void RestartFormatValid(string value)
    {
        if (value.Length > 0 && value is not ("yes" or "no" or "ssl" or "reload" or "updatessl" or "scheduled"))
        {
            throw Fail(2, $"Error: invalid restart format :: {value}");
        }
    }

    /// <summary>format_domain: lower-case, strip <c>www.</c>, leading/trailing dots, surrounding blanks.</summary>
    public static string NormalizeDomain(string domain)
    {
        if (domain.Any(c => c > 127))
        {
            var first = domain.IndexOfAny([.. domain.Where(char.IsUpper)]);
            if (first >= 0)
            {
                domain = domain[..first] + domain[first..].ToLowerInvariant();
            }
        }
        else
        {
            domain = domain.ToLowerInvariant();
        }

        if (domain.StartsWith("www.", StringComparison.Ordinal))
        {
            domain = domain[4..];
        }

        domain = domain.TrimEnd('.').TrimStart('.');
        // echo $domain: word splitting joins runs of blanks with one space, then trim.
        return string.Join(' ', domain.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    public PanelUser UserExists(string user) => State.FindUser(user) ?? throw Fail(3, $"Error: user {user} doesn't exist");

    public static void UserUnsuspended(PanelUser user)
    {
        if (user.Suspended)
        {
            throw Fail(5, $"Error: user {user.Name} is suspended");
        }
    }

    /// <summary>
    /// is_object_valid 'web' and get_domain_values (func/main.sh 388, func/domain.sh 1056): <c>grep "DOMAIN='$domain'"</c>,
    /// a <c>.</c> in the argument matching any character; the first matching line, with no preference for an exact match.
    /// </summary>
    public static WebDomainRecord WebDomainExists(PanelUser user, string domain)
    {
        var regex = Bre.Compile("DOMAIN='" + Bre.Literal(domain) + "'");
        return user.Domains.FirstOrDefault(d => regex.IsMatch("DOMAIN='" + d.Domain + "'"))
            ?? throw Fail(3, $"Error: web domain {domain} doesn't exist");
    }

    public static void WebUnsuspended(WebDomainRecord web, string domainArg)
    {
        if (web.Suspended)
        {
            throw Fail(5, $"Error: web {domainArg} is suspended");
        }
    }

    /// <summary><c>grep "^$user:" /etc/passwd | cut -f 6 -d :</c>: the home folder, or exit 12.</summary>
    public string HomeDirOf(string user) =>
        State.FindAccount(user)?.Home is { Length: > 0 } home ? home : throw Fail(12, "Error: user home directory doesn't exist");

    public void DemoCheck()
    {
        if (State.DemoMode)
        {
            throw Fail(1, DemoMessage);
        }
    }

    /// <summary>is_password_valid: a value naming an existing /tmp/ file is replaced by the file's first line.</summary>
    public string PasswordIndirection(string password)
    {
        if (password.StartsWith("/tmp/", StringComparison.Ordinal) && !password.Contains("../", StringComparison.Ordinal)
            && State.TmpFiles.TryGetValue(password, out var content))
        {
            return content.Split('\n')[0];
        }

        return password;
    }

    public bool PamRejects(string login, string password) =>
        password.Length == 0 || (State.RejectPasswordHook?.Invoke(login, password) ?? false);

    /// <summary>v-check-user-password's verdict: 0 or 9.</summary>
    public int CheckPanelPassword(string user, string password)
    {
        if (State.FindUser(user) is null)
        {
            return 9;
        }

        password = PasswordIndirection(password);
        if (password.Length == 0)
        {
            return 9;
        }

        var entry = State.FindAccount(user);
        if (entry is null || entry.Locked || entry.Password is null || entry.Password != password)
        {
            return 9;
        }

        return 0;
    }
}
