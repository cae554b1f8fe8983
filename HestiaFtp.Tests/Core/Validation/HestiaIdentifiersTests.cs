using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.Validation;

public class HestiaIdentifiersTests
{
    [Theory]
    [InlineData("alice", null)]
    [InlineData("a", null)]
    [InlineData("bob-shop", null)]
    [InlineData("customer.account", null)]
    [InlineData("u2345678901234567890123456789x", null)]
    [InlineData("u2345678901234567890123456789xy", ValidationCodes.UserHestiaFormat)]
    [InlineData("", ValidationCodes.UserRequired)]
    [InlineData("alice\n", ValidationCodes.UserHestiaFormat)]
    [InlineData("ali ce", ValidationCodes.UserHestiaFormat)]
    [InlineData("../alice", ValidationCodes.UserHestiaFormat)]
    [InlineData("alice/..", ValidationCodes.UserHestiaFormat)]
    [InlineData("älice", ValidationCodes.UserHestiaFormat)]
    [InlineData("alice_", ValidationCodes.UserHestiaFormat)]
    [InlineData("-alice", ValidationCodes.UserHestiaFormat)]
    [InlineData("alice;id", ValidationCodes.UserHestiaFormat)]
    [InlineData("alice\0", ValidationCodes.UserHestiaFormat)]
    public void CheckUser_ForName_ReportsExpectedCode(string user, string? expectedCode) =>
        AssertCode(HestiaIdentifiers.CheckUser(user), expectedCode);

    public static TheoryData<string, string?> DomainTable()
    {
        var data = new TheoryData<string, string?>
        {
            { "example.com", null }, { "shop.example.net", null }, { "a.b", null }, { "xn--bcher-kva.example", null },
            { "sub-domain.example.org", null }, { "123.example", null }, { "localhost", null }, { "wwwexample.com", null },
            { "www2.example.com", null }, { "", ValidationCodes.DomainRequired }, { "123456", ValidationCodes.DomainHestiaFormat },
            { "www", ValidationCodes.DomainHestiaFormat }, { "a..b", ValidationCodes.DomainHestiaFormat }, { ".example.com", ValidationCodes.DomainHestiaFormat },
            { "example.com.", ValidationCodes.DomainHestiaFormat }, { "-example.com", ValidationCodes.DomainHestiaFormat },
            { "example.com-", ValidationCodes.DomainHestiaFormat }, { "a.-b.com", ValidationCodes.DomainHestiaFormat }, { "a-.b.com", ValidationCodes.DomainHestiaFormat },
            { "Example.com", ValidationCodes.DomainLowerCase }, { "EXAMPLE.COM", ValidationCodes.DomainLowerCase },
            { "www.example.com", ValidationCodes.DomainWwwPrefix }, { "WWW.example.com", ValidationCodes.DomainWwwPrefix },
            { "bücher.example", ValidationCodes.DomainCharacters }, { "exаmple.com", ValidationCodes.DomainCharacters } /* Cyrillic а */,
            { "example.com:8080", ValidationCodes.DomainCharacters }, { "ｅxample.com", ValidationCodes.DomainCharacters },
            { new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 63) + ".com", ValidationCodes.DomainTooLong },
            { new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 57) + ".com", null },
        };

        foreach (var c in "[]!@#$^&*()+={},<>?_/\\\"|';%` \t\n\r\0")
        {
            data.Add($"exa{c}mple.com", ValidationCodes.DomainHestiaFormat);
        }

        foreach (var hostile in new[] { "../etc", "example.com/../x", "example.com;id", "$(id).com", "`id`.com", "example.com\n", " example.com", "example.com " })
        {
            data.Add(hostile, ValidationCodes.DomainHestiaFormat);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DomainTable))]
    public void CheckDomain_ForName_ReportsExpectedCode(string domain, string? expectedCode) =>
        AssertCode(HestiaIdentifiers.CheckDomain(domain), expectedCode);

    private static void AssertCode(IReadOnlyList<RuleViolation> violations, string? expectedCode)
    {
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
