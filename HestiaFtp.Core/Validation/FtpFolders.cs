using System.Text.RegularExpressions;

namespace HestiaFtp.Core.Validation;

/// <summary>
/// FTP folders, relative to the domain folder <c>/home/USER/web/DOMAIN</c> (the parent of <c>public_html</c>), as
/// passed to <c>v-add-web-domain-ftp</c> and <c>v-change-web-domain-ftp-path</c>.
/// HestiaCP resolves the argument with <c>readlink -f</c> and accepts any result that merely <em>contains</em> the domain
/// folder (so <c>../example.com.evil</c> passes), writes it into colon lists and a <c>sed</c> expression, and creates a
/// missing last folder. Our policy is a strict allow-list on top: see <see cref="Check"/>.
/// </summary>
public static partial class FtpFolders
{
    public const int MaxLength = 255;
    public const int MaxSegments = 8;
    public const int MaxSegmentLength = 64;

    /// <summary>
    /// Characters never allowed: <c>:</c> separates web.conf's FTP_PATH list and /etc/passwd fields, <c>%</c> delimits
    /// Hestia's <c>sed</c> expression, quotes, <c>$</c>, <c>\</c> and backtick reach root-run shell code
    /// (GHSA-cr7q-frhq-xw4v), and whitespace splits Hestia's lists. Control characters (NUL, newlines) too.
    /// </summary>
    public const string ForbiddenCharacters = ":%\"'$\\`";

    /// <summary>
    /// The stored form: <c>""</c> for the domain root, else <c>/a/b</c> (one leading slash, no trailing or repeated
    /// slashes). Does not validate and does not resolve <c>.</c> or <c>..</c>; <see cref="Check"/> rejects those.
    /// </summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var segments = input.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? string.Empty : "/" + string.Join('/', segments);
    }

    /// <summary>True when <paramref name="input"/> breaks none of the rules of <see cref="Check"/>.</summary>
    public static bool IsValid(string? input) => Check(input).Count == 0;

    /// <summary>
    /// Our folder policy: at most <see cref="MaxLength"/> characters and <see cref="MaxSegments"/> segments, each
    /// <c>[A-Za-z0-9._-]{1,64}</c>, no <c>.</c> or <c>..</c> segment (nor any all-dot one), none of
    /// <see cref="ForbiddenCharacters"/>, whitespace or control characters. Empty means the domain root.
    /// </summary>
    public static IReadOnlyList<RuleViolation> Check(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return [];
        }

        var violations = new List<RuleViolation>();
        if (input.Length > MaxLength)
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PathTooLong, $"the folder may have at most {MaxLength} characters."));
        }

        if (input.Any(c => ForbiddenCharacters.Contains(c) || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PathForbiddenChar,
                "the folder must not contain : % \" ' $ \\ or a backtick, spaces or control characters (HestiaCP stores folders in colon lists read by shell code)."));
            return violations;
        }

        var segments = input.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PathTraversal,
                "the folder must not contain '..': it must stay inside the domain folder. (HestiaCP blocks most escapes but lets '../DOMAIN…' siblings through.)"));
            return violations;
        }

        if (segments.Any(s => s.All(c => c == '.')))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PathDotSegment, "the folder must not have a part made only of dots, such as '.'."));
            return violations;
        }

        if (segments.Any(s => !SegmentFormat().IsMatch(s)))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PathSegmentFormat,
                $"each folder name may have 1–{MaxSegmentLength} ASCII letters, digits, '.', '-' or '_'."));
        }

        if (segments.Length > MaxSegments)
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PathTooManySegments, $"the folder may be at most {MaxSegments} levels deep."));
        }

        return violations;
    }

    /// <summary>
    /// The absolute folder on the server: <c>/home/USER/web/DOMAIN</c> plus <paramref name="normalized"/>, checked with a
    /// <c>/</c> boundary (unlike HestiaCP's substring match) to be the domain folder or below it.
    /// </summary>
    /// <exception cref="ArgumentException">The user, domain or folder breaks the rules, or the result leaves the domain folder.</exception>
    public static string Absolute(string user, string domain, string normalized)
    {
        if (HestiaIdentifiers.CheckUser(user).Count > 0)
        {
            throw new ArgumentException("The panel user name is not valid.", nameof(user));
        }

        if (HestiaIdentifiers.CheckDomain(domain).Count > 0)
        {
            throw new ArgumentException("The domain is not valid.", nameof(domain));
        }

        ArgumentNullException.ThrowIfNull(normalized);
        if (!string.Equals(Normalize(normalized), normalized, StringComparison.Ordinal) || !IsValid(normalized))
        {
            throw new ArgumentException("The folder must be valid and normalized (\"\" or \"/a/b\").", nameof(normalized));
        }

        var root = $"/home/{user}/web/{domain}";
        var full = Path.GetFullPath(root + normalized);
        if (!string.Equals(full, root, StringComparison.Ordinal) && !full.StartsWith(root + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException("The folder leaves the domain folder.", nameof(normalized));
        }

        return full;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex SegmentFormat();
}
