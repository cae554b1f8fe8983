using System.Numerics;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.FtpAccounts;

public class CredentialGeneratorTests
{
    private readonly CredentialGenerator _generator = new();

    [Fact]
    public void PasswordAlphabet_Has57DistinctUnambiguousAlphanumerics()
    {
        var alphabet = CredentialGenerator.PasswordAlphabet;
        Assert.Equal(57, alphabet.Length);
        Assert.Equal(57, alphabet.Distinct().Count());
        Assert.All(alphabet, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.DoesNotContain(alphabet, c => "0O1lI".Contains(c));
    }

    [Fact]
    public void GeneratePassword_Entropy_IsAtLeast128Bits()
    {
        var n = CredentialGenerator.PasswordAlphabet.Length;
        var lower = CredentialGenerator.PasswordAlphabet.Count(char.IsAsciiLetterLower);
        var upper = CredentialGenerator.PasswordAlphabet.Count(char.IsAsciiLetterUpper);
        var digit = CredentialGenerator.PasswordAlphabet.Count(char.IsAsciiDigit);
        var len = CredentialGenerator.PasswordLength;

        // Strings having all three classes, by inclusion–exclusion: the generator draws uniformly among exactly these.
        BigInteger Pow(int b) => BigInteger.Pow(b, len);
        var accepted = Pow(n) - Pow(n - lower) - Pow(n - upper) - Pow(n - digit) + Pow(digit) + Pow(upper) + Pow(lower);
        var bits = BigInteger.Log(accepted, 2);

        Assert.True(len * Math.Log2(n) >= 128, $"raw {len * Math.Log2(n)}");
        Assert.True(bits >= 128, $"after rejection {bits}");
    }

    [Fact]
    public void GeneratePassword_Many_HaveLengthAlphabetClassesAndPassPolicy()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            var password = _generator.GeneratePassword();
            Assert.Equal(CredentialGenerator.PasswordLength, password.Length);
            Assert.All(password, c => Assert.Contains(c, CredentialGenerator.PasswordAlphabet));
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.True(seen.Add(password), "duplicate password");
            if (i < 500)
            {
                Assert.Empty(FtpPasswords.Check(password));
            }
        }
    }

    [Fact]
    public void GeneratePassword_Many_UseEveryAlphabetSymbol()
    {
        var used = new HashSet<char>();
        for (var i = 0; i < 2_000; i++)
        {
            used.UnionWith(_generator.GeneratePassword());
        }

        Assert.Equal(CredentialGenerator.PasswordAlphabet.Length, used.Count);
    }

    public static TheoryData<string> GeneratableUsers() =>
    [
        "a", "bob", "alice", "customer.account", "u2345678901234567890", "u234567890123456789012", "u23456789012345678901234",
    ];

    [Theory]
    [MemberData(nameof(GeneratableUsers))]
    public void GenerateLoginSuffix_ForUser_FitsThirtyCharactersAndPolicy(string user)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 2_000; i++)
        {
            var suffix = _generator.GenerateLoginSuffix(user);
            var full = FtpNames.FullLogin(user, suffix);
            Assert.StartsWith(CredentialGenerator.SuffixPrefix, suffix, StringComparison.Ordinal);
            Assert.True(full.Length <= FtpNames.MaxFullLength, full);
            Assert.Equal(Math.Min(3 + CredentialGenerator.SuffixRandomLength, FtpNames.MaxSuffixLength(user)), suffix.Length);
            Assert.Empty(FtpNames.CheckSuffix(user, suffix));
            Assert.True(FtpNames.IsHestiaUserFormat(full));
            seen.Add(suffix);
        }

        // Even the shortest (two random characters, 32² names) varies.
        Assert.True(seen.Count > 100, $"only {seen.Count} distinct suffixes");
    }

    [Fact]
    public void GenerateLoginSuffix_ForShortUser_IsUniqueOver10000()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            seen.Add(_generator.GenerateLoginSuffix("alice"));
        }

        // 32^6 ≈ 1.07e9 names: the chance of even one collision among 10,000 is under 5 %; allow a few.
        Assert.True(seen.Count >= 9_990, $"{seen.Count} distinct");
    }

    [Theory]
    [InlineData("u234567890123456789012345")]
    [InlineData("u2345678901234567890123456")]
    [InlineData("u23456789012345678901234567890")]
    [InlineData("bad user")]
    [InlineData("")]
    public void GenerateLoginSuffix_ForUserWithNoRoomOrInvalid_Throws(string user) =>
        Assert.Throws<ArgumentException>(() => _generator.GenerateLoginSuffix(user));
}
