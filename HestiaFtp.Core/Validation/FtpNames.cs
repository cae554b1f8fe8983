using System.Text.RegularExpressions;

namespace HestiaFtp.Core.Validation;

/// <summary>
/// FTP login names. HestiaCP's <c>v-add-web-domain-ftp USER DOMAIN SUFFIX …</c> always creates <c>USER_SUFFIX</c>;
/// every other FTP command (<c>v-change-web-domain-ftp-password</c>, <c>-path</c>, <c>v-delete-web-domain-ftp</c>)
/// takes the full name. The full name must pass Hestia's <c>is_user_format_valid</c> (2–30 characters).
/// </summary>
public static partial class FtpNames
{
    /// <summary>HestiaCP's length limit for the full <c>USER_suffix</c> name.</summary>
    public const int MaxFullLength = 30;

    /// <summary><c>USER_suffix</c>, exactly as HestiaCP builds it.</summary>
    public static string FullLogin(string user, string suffix) => $"{user}_{suffix}";

    /// <summary>The longest suffix HestiaCP accepts for <paramref name="user"/>: <c>29 − len(user)</c>, at least 0.</summary>
    public static int MaxSuffixLength(string user) => Math.Max(0, MaxFullLength - user.Length - 1);

    /// <summary>
    /// The suffix the user means. HestiaCP prefixes unconditionally (<c>alice_web</c> typed by alice would become
    /// <c>alice_alice_web</c>), so a typed <c>USER_</c> prefix is removed once: alice typing <c>alice_web</c> gets
    /// <c>alice_web</c>. The comparison is ordinal; the UI should say the prefix was recognised.
    /// </summary>
    public static string StripTypedPrefix(string user, string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        if (string.IsNullOrEmpty(user))
        {
            return typed;
        }

        var prefix = user + "_";
        return typed.StartsWith(prefix, StringComparison.Ordinal) ? typed[prefix.Length..] : typed;
    }

    /// <summary>
    /// HestiaCP's <c>is_user_format_valid</c> without a length argument, as applied to user names and full FTP names:
    /// one ASCII letter or digit, or 2–30 characters that start and end with a letter or digit and have letters, digits,
    /// <c>- . _</c> or (an upstream quirk) <c>|</c> in between.
    /// </summary>
    public static bool IsHestiaUserFormat(string? name) => name is not null && HestiaUserFormat().IsMatch(name);

    /// <summary>Hestia's pattern with no length limit, to tell a length failure from a character failure.</summary>
    internal static bool IsHestiaUserCharacters(string name) => HestiaUserCharacters().IsMatch(name);

    /// <summary>
    /// True when HestiaCP could confuse the two names: its delete, change-password and change-path commands (and the
    /// duplicate check of add) match the name they are given as a pattern in which <c>.</c> stands for any character
    /// (observed: naming <c>bob_web.1</c> deleted <c>bob_web-1</c>).
    /// </summary>
    public static bool WildcardMatches(string pattern, string name)
    {
        if (pattern.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '.' && pattern[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The other logins of a domain that HestiaCP would also match when <paramref name="login"/> is sent to a delete or
    /// change command. Non-empty means sending it is unsafe.
    /// </summary>
    public static IReadOnlyList<string> AmbiguousWith(string login, IEnumerable<string> domainLogins) =>
        domainLogins
            .Where(other => !string.Equals(other, login, StringComparison.Ordinal) && WildcardMatches(login, other))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The existing logins of a domain that, once <paramref name="newLogin"/> exists, HestiaCP would confuse with it when
    /// they are sent (e.g. an existing <c>bob_web.1</c> would also hit a new <c>bob_web-1</c>). Non-empty means creating
    /// <paramref name="newLogin"/> would make those accounts unsafe to manage.
    /// </summary>
    public static IReadOnlyList<string> ConfusableExisting(string newLogin, IEnumerable<string> domainLogins) =>
        domainLogins
            .Where(other => !string.Equals(other, newLogin, StringComparison.Ordinal) && WildcardMatches(other, newLogin))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The suffix rules (HestiaCP's, then ours) for a suffix as typed; a typed <c>USER_</c> prefix is removed first.</summary>
    public static IReadOnlyList<RuleViolation> CheckSuffix(string user, string? typed)
    {
        if (string.IsNullOrEmpty(typed))
        {
            return [RuleViolation.Hestia(ValidationCodes.LoginRequired, "the FTP login name must not be empty.")];
        }

        var suffix = StripTypedPrefix(user, typed);
        if (suffix.Length == 0)
        {
            return [RuleViolation.Hestia(ValidationCodes.LoginRequired, "the FTP login name must not be empty.")];
        }

        var violations = CheckHestiaFullName(FullLogin(user, suffix), user);
        if (violations.Count > 0)
        {
            return violations;
        }

        // Hestia accepts the rest; these are ours.
        if (suffix.Contains('.'))
        {
            return [RuleViolation.Policy(ValidationCodes.LoginDot,
                "the name must not contain '.': HestiaCP's delete and change commands read '.' as \"any character\" and could hit another account.")];
        }

        if (suffix.Contains('|'))
        {
            return [RuleViolation.Policy(ValidationCodes.LoginPipe, "the name must not contain '|'.")];
        }

        if (suffix.Any(char.IsAsciiLetterUpper))
        {
            return [RuleViolation.Policy(ValidationCodes.LoginUpperCase,
                "the name must be lower-case: the system may refuse upper-case account names.")];
        }

        if (!SuffixPolicy().IsMatch(suffix))
        {
            // Reached only for a leading '-' or '_' after the user prefix, e.g. alice__x.
            return [RuleViolation.Policy(ValidationCodes.LoginPolicyFormat,
                "the name must start and end with a lower-case letter or digit, with only letters, digits, '-' and '_' between.")];
        }

        return [];
    }

    /// <summary>The rules for a full login sent to change/delete: HestiaCP's format, and the <c>USER_</c> prefix.</summary>
    public static IReadOnlyList<RuleViolation> CheckFullLogin(string user, string? login)
    {
        if (string.IsNullOrEmpty(login))
        {
            return [RuleViolation.Hestia(ValidationCodes.LoginRequired, "the FTP login must not be empty.")];
        }

        if (!login.StartsWith(user + "_", StringComparison.Ordinal) || login.Length == user.Length + 1)
        {
            return [RuleViolation.Policy(ValidationCodes.LoginPrefix,
                "the FTP login must be the full name, starting with the panel user's name and '_' (USER_name).")];
        }

        return CheckHestiaFullName(login, user);
    }

    private static List<RuleViolation> CheckHestiaFullName(string full, string user)
    {
        var violations = new List<RuleViolation>();
        if (full.Length > MaxFullLength)
        {
            violations.Add(RuleViolation.Hestia(ValidationCodes.LoginTooLong,
                $"the full FTP login (USER_name) may have at most {MaxFullLength} characters, so after \"{user}_\" at most {MaxSuffixLength(user)} remain."));
        }

        if (!IsHestiaUserCharacters(full))
        {
            violations.Add(RuleViolation.Hestia(ValidationCodes.LoginHestiaFormat,
                "the FTP login may contain only ASCII letters, digits, '-', '.' and '_', and must start and end with a letter or digit."));
        }

        return violations;
    }

    // [[:alnum:]] in HestiaCP's C-locale bash is ASCII only; .NET's \d and \w are not, so classes are spelled out,
    // and \z (not $) so that a trailing newline cannot slip through.
    [GeneratedRegex(@"\A(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._|-]{0,28}[A-Za-z0-9])\z")]
    private static partial Regex HestiaUserFormat();

    [GeneratedRegex(@"\A(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._|-]*[A-Za-z0-9])\z")]
    private static partial Regex HestiaUserCharacters();

    [GeneratedRegex(@"\A[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?\z")]
    private static partial Regex SuffixPolicy();
}
