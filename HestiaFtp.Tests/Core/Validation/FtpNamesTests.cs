using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.Validation;

public class FtpNamesTests
{
    /// <summary>Panel users of many lengths, so the 30-character boundary moves: 29 − len(user) characters remain.</summary>
    public static readonly string[] Users =
    [
        "a", "ab", "bob", "alice", "bob-shop", "customer.account", "u2345678901234567890", "u23456789012345678901234",
        "u2345678901234567890123456", "u23456789012345678901234567", "u234567890123456789012345678", "u2345678901234567890123456789",
    ];

    private static readonly (string Suffix, string? Code)[] SuffixCases =
    [
        ("web", null), ("ftp1", null), ("a", null), ("0", null), ("a-b", null), ("a_b", null), ("deploy-2024", null),
        ("x9", null), ("9x", null), ("a--b", null), ("a__b", null), ("a-_-b", null),
        ("", ValidationCodes.LoginRequired),
        ("web.", ValidationCodes.LoginHestiaFormat), ("w.b", ValidationCodes.LoginDot), ("web.1", ValidationCodes.LoginDot),
        (".web", ValidationCodes.LoginDot), ("w|b", ValidationCodes.LoginPipe), ("web|", ValidationCodes.LoginHestiaFormat),
        ("|", ValidationCodes.LoginHestiaFormat), ("Web", ValidationCodes.LoginUpperCase), ("WEB", ValidationCodes.LoginUpperCase),
        ("weB", ValidationCodes.LoginUpperCase), ("web!", ValidationCodes.LoginHestiaFormat), ("web name", ValidationCodes.LoginHestiaFormat),
        (" web", ValidationCodes.LoginHestiaFormat), ("web ", ValidationCodes.LoginHestiaFormat), ("web\n", ValidationCodes.LoginHestiaFormat),
        ("web\r\n", ValidationCodes.LoginHestiaFormat), ("w\neb", ValidationCodes.LoginHestiaFormat), ("web\0", ValidationCodes.LoginHestiaFormat),
        ("w\0b", ValidationCodes.LoginHestiaFormat), ("w\tb", ValidationCodes.LoginHestiaFormat), ("wéb", ValidationCodes.LoginHestiaFormat),
        ("ｗｅｂ", ValidationCodes.LoginHestiaFormat), ("wеb", ValidationCodes.LoginHestiaFormat) /* Cyrillic е */,
        ("web\u200b", ValidationCodes.LoginHestiaFormat), ("\u0661\u0662", ValidationCodes.LoginHestiaFormat) /* Arabic-Indic digits */,
        ("ⅰⅱ", ValidationCodes.LoginHestiaFormat), ("-web", ValidationCodes.LoginPolicyFormat), ("_web", ValidationCodes.LoginPolicyFormat),
        ("web-", ValidationCodes.LoginHestiaFormat), ("web_", ValidationCodes.LoginHestiaFormat), ("-", ValidationCodes.LoginHestiaFormat),
        ("_", ValidationCodes.LoginHestiaFormat), ("../etc", ValidationCodes.LoginHestiaFormat), ("a/b", ValidationCodes.LoginHestiaFormat),
        ("a\\b", ValidationCodes.LoginHestiaFormat), ("web;rm", ValidationCodes.LoginHestiaFormat), ("$(id)", ValidationCodes.LoginHestiaFormat),
        ("`id`", ValidationCodes.LoginHestiaFormat), ("a'b", ValidationCodes.LoginHestiaFormat), ("a\"b", ValidationCodes.LoginHestiaFormat),
        ("a:b", ValidationCodes.LoginHestiaFormat), ("a%b", ValidationCodes.LoginHestiaFormat), ("a*", ValidationCodes.LoginHestiaFormat),
        ("a&b", ValidationCodes.LoginHestiaFormat), ("a@b", ValidationCodes.LoginHestiaFormat), ("root\0x", ValidationCodes.LoginHestiaFormat),
    ];

    public static TheoryData<string, string, string?> SuffixTable()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var user in Users)
        {
            var max = FtpNames.MaxSuffixLength(user);
            foreach (var (suffix, code) in SuffixCases)
            {
                if (suffix.StartsWith(user + "_", StringComparison.Ordinal))
                {
                    continue; // read as a typed prefix; covered below
                }

                // A case that is too long for this user must at least report the length.
                var expected = suffix.Length > 0 && user.Length + 1 + suffix.Length > FtpNames.MaxFullLength ? ValidationCodes.LoginTooLong : code;
                data.Add(user, suffix, expected);
            }

            if (max >= 1)
            {
                data.Add(user, new string('x', max), null);
                data.Add(user, "a" + new string('9', max - 1), null);
            }

            data.Add(user, new string('x', max + 1), ValidationCodes.LoginTooLong);
            data.Add(user, new string('x', max + 10), ValidationCodes.LoginTooLong);
            data.Add(user, new string('x', 5000), ValidationCodes.LoginTooLong);

            // A typed USER_ prefix is meant, not doubled; only the remainder counts against the length.
            if (max >= 3)
            {
                data.Add(user, user + "_web", null);
                data.Add(user, user + "_" + new string('w', max), null);
            }

            data.Add(user, user + "_", ValidationCodes.LoginRequired);
            data.Add(user, user + "_" + new string('w', max + 1), ValidationCodes.LoginTooLong);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuffixTable))]
    public void CheckSuffix_ForUserAndTypedName_ReportsExpectedCode(string user, string typed, string? expectedCode)
    {
        var violations = FtpNames.CheckSuffix(user, typed);

        if (expectedCode is null)
        {
            Assert.Empty(violations);
        }
        else
        {
            Assert.Contains(violations, v => v.ErrorCode == expectedCode);
        }
    }

    [Theory]
    [InlineData("alice", "web", "web")]
    [InlineData("alice", "alice_web", "web")]
    [InlineData("alice", "alice_alice_web", "alice_web")]
    [InlineData("alice", "Alice_web", "Alice_web")]
    [InlineData("alice", "alicex_web", "alicex_web")]
    [InlineData("alice", "alice", "alice")]
    [InlineData("alice", "alice_", "")]
    [InlineData("alice", "bob_web", "bob_web")]
    [InlineData("bob", "alice_web", "alice_web")]
    [InlineData("a", "a_b", "b")]
    [InlineData("", "web", "web")]
    public void StripTypedPrefix_ForTypedName_RemovesPrefixOnce(string user, string typed, string expected) =>
        Assert.Equal(expected, FtpNames.StripTypedPrefix(user, typed));

    [Fact]
    public void FullLogin_ForUserAndSuffix_JoinsWithUnderscore() => Assert.Equal("alice_web", FtpNames.FullLogin("alice", "web"));

    [Theory]
    [InlineData("a", true)]
    [InlineData("1", true)]
    [InlineData("ab", true)]
    [InlineData("alice_web", true)]
    [InlineData("alice_ab|c", true)]
    [InlineData("alice_web.1", true)]
    [InlineData("alice__ftp", true)]
    [InlineData("alice_FTPUPPER", true)]
    [InlineData("A-B", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz1234", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz12345", false)]
    [InlineData("alice_abcdefghijklmnopqrstuvwxy", false)]
    [InlineData("alice_abcdefghijklmnopqrstuvwx", true)]
    [InlineData("", false)]
    [InlineData("_", false)]
    [InlineData("|", false)]
    [InlineData(".", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("alice_", false)]
    [InlineData("alice_web\n", false)]
    [InlineData("alice_web\r", false)]
    [InlineData("alice web", false)]
    [InlineData("alice_föö", false)]
    [InlineData("alice_bad!", false)]
    [InlineData("a\u0661", false)]
    [InlineData("ａb", false)]
    [InlineData("é", false)]
    [InlineData("alice_web\0", false)]
    public void IsHestiaUserFormat_ForName_MatchesHestiaRegex(string name, bool expected) =>
        Assert.Equal(expected, FtpNames.IsHestiaUserFormat(name));

    [Fact]
    public void IsHestiaUserFormat_ForNull_IsFalse() => Assert.False(FtpNames.IsHestiaUserFormat(null));

    [Theory]
    [InlineData("bob_web.1", "bob_web-1", true)]
    [InlineData("bob_web.1", "bob_web.1", true)]
    [InlineData("bob_web-1", "bob_web.1", false)]
    [InlineData("bob_web.1", "bob_web-12", false)]
    [InlineData("bob_....", "bob_abcd", true)]
    [InlineData("bob_web1", "bob_web2", false)]
    public void WildcardMatches_ForPatternAndName_TreatsDotAsAnyCharacter(string pattern, string name, bool expected) =>
        Assert.Equal(expected, FtpNames.WildcardMatches(pattern, name));

    [Theory]
    [InlineData("bob_web.1", "bob_web-1,bob_other", "bob_web-1")]
    [InlineData("bob_web-1", "bob_web.1,bob_other", "")]
    [InlineData("bob_web-1", "bob_web-1,bob_web-2", "")]
    [InlineData("bob_web.1", "bob_web.1", "")]
    [InlineData("bob_a.c", "bob_abc,bob_axc,bob_a.c", "bob_abc,bob_axc")]
    public void AmbiguousWith_ForDomainLogins_ListsOthersTheSentNameWouldHit(string login, string logins, string expected) =>
        Assert.Equal(
            expected.Split(',', StringSplitOptions.RemoveEmptyEntries),
            FtpNames.AmbiguousWith(login, logins.Split(',')));

    [Theory]
    [InlineData("bob_web-1", "bob_web.1,bob_other", "bob_web.1")]
    [InlineData("bob_web-1", "bob_web-1,bob_web-2", "")]
    [InlineData("bob_abc", "bob_a.c,bob_..c,bob_abd", "bob_a.c,bob_..c")]
    [InlineData("bob_new", "", "")]
    public void ConfusableExisting_ForNewLogin_ListsExistingPatternsThatWouldHitIt(string newLogin, string logins, string expected) =>
        Assert.Equal(
            expected.Split(',', StringSplitOptions.RemoveEmptyEntries),
            FtpNames.ConfusableExisting(newLogin, logins.Split(',', StringSplitOptions.RemoveEmptyEntries)));

    [Theory]
    [InlineData("alice", "alice_web", null)]
    [InlineData("alice", "alice_Web.Old", null)]
    [InlineData("alice", "alice_web|x", null)]
    [InlineData("alice", "web", ValidationCodes.LoginPrefix)]
    [InlineData("alice", "alice_", ValidationCodes.LoginPrefix)]
    [InlineData("alice", "alicex_web", ValidationCodes.LoginPrefix)]
    [InlineData("alice", "bob_web", ValidationCodes.LoginPrefix)]
    [InlineData("alice", "ALICE_web", ValidationCodes.LoginPrefix)]
    [InlineData("alice", "", ValidationCodes.LoginRequired)]
    [InlineData("alice", "alice_web-", ValidationCodes.LoginHestiaFormat)]
    [InlineData("alice", "alice_web\n", ValidationCodes.LoginHestiaFormat)]
    [InlineData("alice", "alice_w b", ValidationCodes.LoginHestiaFormat)]
    [InlineData("alice", "alice_abcdefghijklmnopqrstuvwxy", ValidationCodes.LoginTooLong)]
    public void CheckFullLogin_ForLogin_ReportsExpectedCode(string user, string login, string? expectedCode)
    {
        var violations = FtpNames.CheckFullLogin(user, login);
        if (expectedCode is null)
        {
            Assert.Empty(violations);
        }
        else
        {
            Assert.Contains(violations, v => v.ErrorCode == expectedCode);
        }
    }
}
