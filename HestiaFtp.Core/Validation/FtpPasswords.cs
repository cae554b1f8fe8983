using System.Globalization;

namespace HestiaFtp.Core.Validation;

/// <summary>The strength estimate shown by the UI's password meter.</summary>
/// <param name="EntropyBits">Length × log2(size of the character classes used); 0 for a blocklisted or one-character password.</param>
/// <param name="Score">0 (very weak) to 4 (strong).</param>
public sealed record PasswordStrength(double EntropyBits, int Score);

/// <summary>
/// Our policy for user-chosen FTP passwords. HestiaCP itself checks nothing for FTP passwords
/// (<c>v-add-web-domain-ftp</c>, <c>v-change-web-domain-ftp-password</c>): only PAM during <c>chpasswd</c> may refuse.
/// </summary>
public static class FtpPasswords
{
    /// <summary>
    /// 12, not NIST SP 800-63B-4's 15 for single-factor passwords: an FTP password is typed into FTP clients and stored
    /// by them, it is not a sign-in to this dashboard, and generated passwords (22 characters) are the default.
    /// The blocklist and the 128-character ceiling follow NIST.
    /// </summary>
    public const int MinLength = 12;

    /// <summary>The most characters (Unicode code points) accepted; nothing is ever truncated.</summary>
    public const int MaxLength = 128;

    /// <summary>HestiaCP's <c>is_password_valid</c> reads an argument starting with this as a file whose first line is the password.</summary>
    public const string TmpFilePrefix = "/tmp/";

    private static readonly HashSet<string> Blocklist = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789012345", "1234567890qwerty",
        "000000000000", "111111111111", "123123123123", "121212121212", "987654321098",
        "password1234", "password12345", "password123!", "password123456", "passwordpassword", "p@ssw0rd1234",
        "qwertyuiop12", "qwerty123456", "qwertyuiopasdf", "qwertyuiopasdfgh", "1q2w3e4r5t6y", "1qaz2wsx3edc",
        "zaq12wsxcde3", "q1w2e3r4t5y6", "asdfghjkl123", "abcdefghijkl", "abcdefghijklm", "abc123456789",
        "abcd12345678", "iloveyou1234", "letmein12345", "welcome12345", "welcome123456", "changeme1234",
        "administrator", "administrator1", "trustno1trustno1", "football1234", "baseball1234", "sunshine1234",
        "princess1234", "dragon123456", "monkey123456", "superman1234", "starwars1234", "ftpuser12345",
        "ftppassword1", "ftppassword123", "hestiacp1234", "hestiapassword", "webmaster123", "wordpress123",
    };

    /// <summary>Our rules, in order: length, whitespace at the edges, <c>/tmp/</c> prefix, control characters, blocklist.</summary>
    public static IReadOnlyList<RuleViolation> Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [RuleViolation.Policy(ValidationCodes.PasswordRequired, "a password is required.")];
        }

        var violations = new List<RuleViolation>();
        if (HasLoneSurrogate(password))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PasswordInvalidUnicode, "the password contains an invalid Unicode sequence."));
            return violations;
        }

        var length = CodePoints(password);
        if (length < MinLength)
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PasswordTooShort, $"the password must have at least {MinLength} characters."));
        }
        else if (length > MaxLength)
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PasswordTooLong, $"the password may have at most {MaxLength} characters."));
        }

        if (char.IsWhiteSpace(password[0]) || char.IsWhiteSpace(password[^1]))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PasswordWhitespaceEdges,
                "the password must not start or end with a space: HestiaCP's API silently removes it, so the stored password would differ."));
        }

        if (password.TrimStart().StartsWith(TmpFilePrefix, StringComparison.Ordinal))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PasswordTmpPrefix,
                "the password must not start with /tmp/: HestiaCP reads such a value as the name of a file holding the password."));
        }

        if (password.Any(IsControl))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PasswordControlChar,
                "the password must not contain control characters such as line breaks, tabs or NUL."));
        }

        if (violations.Count == 0 && IsCommon(password))
        {
            violations.Add(RuleViolation.Policy(ValidationCodes.PasswordCommon, "the password is too common or too simple; choose another one."));
        }

        return violations;
    }

    /// <summary>True when <paramref name="password"/> breaks none of the rules of <see cref="Check"/>.</summary>
    public static bool IsValid(string? password) => Check(password).Count == 0;

    /// <summary>
    /// A rough estimate for the meter: length × log2(pool), where the pool adds 26 for lower-case, 26 for upper-case,
    /// 10 for digits, 33 for ASCII symbols and space, and 100 for anything else. Blocklisted and one-character passwords
    /// score 0 bits. Score: &lt;40 bits 0, &lt;60 1, &lt;80 2, &lt;100 3, else 4.
    /// </summary>
    public static PasswordStrength Strength(string? password)
    {
        if (string.IsNullOrEmpty(password) || IsCommon(password))
        {
            return new PasswordStrength(0, 0);
        }

        int pool = 0;
        if (password.Any(char.IsAsciiLetterLower)) pool += 26;
        if (password.Any(char.IsAsciiLetterUpper)) pool += 26;
        if (password.Any(char.IsAsciiDigit)) pool += 10;
        if (password.Any(c => c is >= ' ' and <= '~' && !char.IsAsciiLetterOrDigit(c))) pool += 33;
        if (password.Any(c => c > '~')) pool += 100;

        var bits = CodePoints(password) * Math.Log2(pool);
        var score = bits switch
        {
            < 40 => 0,
            < 60 => 1,
            < 80 => 2,
            < 100 => 3,
            _ => 4,
        };
        return new PasswordStrength(bits, score);
    }

    private static bool IsCommon(string password) =>
        Blocklist.Contains(password) || password.All(c => c == password[0]);

    private static bool IsControl(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static int CodePoints(string s) => s.EnumerateRunes().Count();

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
