using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.Validation;

public class FtpPasswordsTests
{
    private static readonly string[] Fillers = ["a", "Z", "7", "#", "é", "😀", " "];

    public static TheoryData<string, string?> LengthTable()
    {
        var data = new TheoryData<string, string?>();
        foreach (var filler in Fillers)
        {
            foreach (var length in new[] { 1, 2, 8, 11, 12, 13, 15, 64, 127, 128, 129, 200, 10_000 })
            {
                // Mixed so that the blocklist's "one repeated character" rule does not fire.
                var body = string.Concat(Enumerable.Range(0, length).Select(i => i % 2 == 0 ? filler : "k"));
                string? expected = length switch
                {
                    < FtpPasswords.MinLength => ValidationCodes.PasswordTooShort,
                    > FtpPasswords.MaxLength => ValidationCodes.PasswordTooLong,
                    _ => null,
                };

                if (filler == " ")
                {
                    // Starts with a space: refused for that whatever the length; wrapped in letters, only the length counts.
                    data.Add(body, ValidationCodes.PasswordWhitespaceEdges);
                    var wrapped = "k" + body + "k";
                    data.Add(wrapped, wrapped.Length switch
                    {
                        < FtpPasswords.MinLength => ValidationCodes.PasswordTooShort,
                        > FtpPasswords.MaxLength => ValidationCodes.PasswordTooLong,
                        _ => null,
                    });
                }
                else
                {
                    data.Add(body, expected);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LengthTable))]
    public void Check_ForLength_EnforcesBoundsInCodePoints(string password, string? expectedCode) => AssertCode(password, expectedCode);

    public static TheoryData<string, string?> HostileTable() => new()
    {
        { "", ValidationCodes.PasswordRequired },
        { " correct-horse-battery", ValidationCodes.PasswordWhitespaceEdges },
        { "correct-horse-battery ", ValidationCodes.PasswordWhitespaceEdges },
        { "\tcorrect-horse-battery", ValidationCodes.PasswordWhitespaceEdges },
        { "correct-horse-battery\n", ValidationCodes.PasswordWhitespaceEdges },
        { "\u00a0correct-horse-battery", ValidationCodes.PasswordWhitespaceEdges },
        { "correct horse battery", null },
        { "/tmp/passwordfile", ValidationCodes.PasswordTmpPrefix },
        { "/tmp/../etc/shadow", ValidationCodes.PasswordTmpPrefix },
        { "/tmp/x/y/z/abc", ValidationCodes.PasswordTmpPrefix },
        { "/tmpx/horse-battery", null },
        { "/TMP/horse-battery", null },
        { "x/tmp/horse-battery", null },
        { "correct\nhorse-battery", ValidationCodes.PasswordControlChar },
        { "correct\rhorse-battery", ValidationCodes.PasswordControlChar },
        { "correct\0horse-battery", ValidationCodes.PasswordControlChar },
        { "correct\thorse-battery", ValidationCodes.PasswordControlChar },
        { "correct\u001bhorse-battery", ValidationCodes.PasswordControlChar },
        { "correct\u007fhorse-battery", ValidationCodes.PasswordControlChar },
        { "correct\u0085horse-battery", ValidationCodes.PasswordControlChar },
        { "correct\u2028horse-battery", ValidationCodes.PasswordControlChar },
        { "correct\u2029horse-battery", ValidationCodes.PasswordControlChar },
        { "correct\ud800horse-battery", ValidationCodes.PasswordInvalidUnicode },
        { "correct-horse-battery\udc00", ValidationCodes.PasswordInvalidUnicode },
        { "password1234", ValidationCodes.PasswordCommon },
        { "PASSWORD1234", ValidationCodes.PasswordCommon },
        { "123456789012", ValidationCodes.PasswordCommon },
        { "qwerty123456", ValidationCodes.PasswordCommon },
        { "aaaaaaaaaaaaaaaa", ValidationCodes.PasswordCommon },
        { "!!!!!!!!!!!!", ValidationCodes.PasswordCommon },
        { "p@ss:w\"o rd$1x", null },
        { "pass;rm -rf /x", null },
        { "$(reboot)abcdef", null },
        { "`id`-and-more-x", null },
        { "'\"\\%:|&<>*?~", null },
        { "Grüße-aus-Köln", null },
        { "密码密码密码密码密码密码", null },
        { "😀😀😀😀😀😀😀😀😀😀😀x", null },
        { "correct\u200dhorse-battery", null },
    };

    [Theory]
    [MemberData(nameof(HostileTable))]
    public void Check_ForPassword_ReportsExpectedCode(string password, string? expectedCode) => AssertCode(password, expectedCode);

    [Fact]
    public void Check_ForNull_IsRequired() =>
        Assert.Equal(ValidationCodes.PasswordRequired, Assert.Single(FtpPasswords.Check(null)).ErrorCode);

    [Fact]
    public void Check_ForAnyViolation_NeverEchoesThePassword()
    {
        const string secret = "/tmp/Sup3rSecret\n";
        Assert.All(FtpPasswords.Check(secret), v =>
        {
            Assert.DoesNotContain("Sup3rSecret", v.Message, StringComparison.Ordinal);
            Assert.StartsWith("Policy: ", v.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void MinLength_IsTwelveAndMaxLengthIs128() => Assert.Equal((12, 128), (FtpPasswords.MinLength, FtpPasswords.MaxLength));

    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("password1234", 0, 0)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa", 0, 0)]
    [InlineData("abcdefgh", 37.6, 0)]
    [InlineData("abcdefghijkm", 56.4, 1)]
    [InlineData("abcdefghij12", 62.04, 2)]
    [InlineData("Abcdefghij12xyzw", 95.27, 3)]
    [InlineData("Abcdefghij12xyzwPQRS2345xy", 154.8, 4)]
    public void Strength_ForPassword_EstimatesBitsAndScore(string password, double bits, int score)
    {
        var strength = FtpPasswords.Strength(password);
        Assert.Equal(bits, strength.EntropyBits, 1);
        Assert.Equal(score, strength.Score);
    }

    [Fact]
    public void Strength_ForLongerPasswordOfSameClasses_NeverScoresLower()
    {
        var previous = -1.0;
        for (var length = 1; length <= 40; length++)
        {
            var bits = FtpPasswords.Strength(string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 % 26))))).EntropyBits;
            Assert.True(bits >= previous);
            previous = bits;
        }
    }

    [Fact]
    public void Strength_ForGeneratedPassword_ScoresFour() =>
        Assert.Equal(4, FtpPasswords.Strength(new HestiaFtp.Core.FtpAccounts.CredentialGenerator().GeneratePassword()).Score);

    private static void AssertCode(string password, string? expectedCode)
    {
        var violations = FtpPasswords.Check(password);
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
