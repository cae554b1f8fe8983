using System.Text.RegularExpressions;
using HestiaFtp.Emulator.Shell;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.ScriptExit;

namespace HestiaFtp.Emulator.Commands;

/// <summary>The checks the scripts share (HestiaCP's <c>func/main.sh</c>): argument formats, existence, suspension, demo mode.</summary>
internal sealed class ScriptChecks(ServerState state)
{
    public const string DemoMessage = "ERROR: Unable to perform operation due to security restrictions that are in place.";

    private const string DomainExcluded = "[]!@#$^&*()+={},<>?_/\\\"|'`;%";

    private static readonly Regex UserFormat = new(@"^[A-Za-z0-9][-|\\._A-Za-z0-9]{0,28}[A-Za-z0-9]$", RegexOptions.CultureInvariant);
    private static readonly Regex OneChar = new("^[A-Za-z0-9]$", RegexOptions.CultureInvariant);

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

        var ok = value.Length == 1 ? OneChar.IsMatch(value) : UserFormat.IsMatch(value);
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

    /// <summary>is_object_valid 'web': <c>grep "DOMAIN='$domain'"</c> (a <c>.</c> in the argument matches any character).</summary>
    public static WebDomainRecord WebDomainExists(PanelUser user, string domain)
    {
        var exact = user.Domains.FirstOrDefault(d => d.Domain == domain);
        if (exact is not null)
        {
            return exact;
        }

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
