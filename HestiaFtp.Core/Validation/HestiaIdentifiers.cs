using System.Text.RegularExpressions;

namespace HestiaFtp.Core.Validation;

/// <summary>The panel user and web domain arguments every FTP command takes.</summary>
public static partial class HestiaIdentifiers
{
    /// <summary>DNS's limit for a whole name.</summary>
    public const int MaxDomainLength = 253;

    /// <summary>HestiaCP's <c>is_user_format_valid</c> for the USER argument.</summary>
    public static IReadOnlyList<RuleViolation> CheckUser(string? user)
    {
        if (string.IsNullOrEmpty(user))
        {
            return [RuleViolation.Hestia(ValidationCodes.UserRequired, "the panel user must not be empty.")];
        }

        return FtpNames.IsHestiaUserFormat(user)
            ? []
            : [RuleViolation.Hestia(ValidationCodes.UserHestiaFormat,
                "the panel user must be 1–30 ASCII letters, digits, '-', '.' or '_', starting and ending with a letter or digit.")];
    }

    /// <summary>
    /// HestiaCP's <c>is_domain_format_valid</c>, then our policy: the stored form (lower-case, no <c>www.</c>, ASCII; IDNs
    /// as punycode). HestiaCP's FTP commands normalise the domain (<c>format_domain</c>) but <c>v-list-web-domain</c>
    /// does not, so only the stored form names the same domain in every command.
    /// </summary>
    public static IReadOnlyList<RuleViolation> CheckDomain(string? domain)
    {
        if (string.IsNullOrEmpty(domain))
        {
            return [RuleViolation.Hestia(ValidationCodes.DomainRequired, "the domain must not be empty.")];
        }

        if (domain.Any(c => HestiaDomainForbidden.Contains(c) || char.IsWhiteSpace(c) || char.IsControl(c))
            || domain.All(char.IsAsciiDigit)
            || domain.Contains("..", StringComparison.Ordinal)
            || domain.Contains(".-", StringComparison.Ordinal)
            || domain.Contains("-.", StringComparison.Ordinal)
            || domain[0] is '.' or '-' || domain[^1] is '.' or '-'
            || domain == "www")
        {
            return [RuleViolation.Hestia(ValidationCodes.DomainHestiaFormat,
                "the domain contains a character or sequence HestiaCP does not accept (for example '_', '/', whitespace, '..', or a leading or trailing '.' or '-').")];
        }

        var violations = new List<RuleViolation>();
        if (domain.Any(char.IsAsciiLetterUpper))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.DomainLowerCase,
                "the domain must be lower-case, as HestiaCP stores it; its list commands do not fold case."));
        }

        if (domain.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.DomainWwwPrefix,
                "the domain must not start with 'www.': HestiaCP's FTP commands drop it and would act on another domain."));
        }

        if (!DomainCharacters().IsMatch(domain))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.DomainCharacters,
                "the domain may contain only ASCII letters, digits, '-' and '.' (write international names in punycode, xn--…)."));
        }

        if (domain.Length > MaxDomainLength)
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.DomainTooLong, $"the domain may have at most {MaxDomainLength} characters."));
        }

        return violations;
    }

    // H:func/main.sh is_domain_format_valid, as listed in hestiacp-api.md §3.0 (whitespace checked separately).
    private const string HestiaDomainForbidden = "[]!@#$^&*()+={},<>?_/\\\"|';%`";

    [GeneratedRegex(@"\A[A-Za-z0-9.-]+\z")]
    private static partial Regex DomainCharacters();
}
