using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.Validation;

public class FtpFoldersTests
{
    private static readonly string[] TraversalTokens =
    [
        "..", "../", "..\\", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..%2f", "..%5c", "%252e%252e", "..;", "..\0", " ..", ".. ",
        "\u2024\u2024", "．．", "\u2025", "。。", "..\u200b", "...", "....", "./..", "..//..", "\u002e\u002e",
    ];

    private static readonly string[] Prefixes = ["", "/", "./", "a/", "/public_html/", "public_html//", "a/b/"];
    private static readonly string[] Tails = ["", "/etc", "/etc/passwd", "/example.com.evil", "/../../root", "/x"];

    public static TheoryData<string> TraversalTable()
    {
        var data = new TheoryData<string>();
        foreach (var prefix in Prefixes)
        {
            foreach (var token in TraversalTokens)
            {
                foreach (var tail in Tails)
                {
                    data.Add(prefix + token + tail);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TraversalTable))]
    public void Check_ForTraversalVariant_IsRejected(string input) => Assert.NotEmpty(FtpFolders.Check(input));

    private static readonly (string Input, string Code)[] HostileCases =
    [
        ("../example.com-old", ValidationCodes.PathTraversal), ("../../../etc", ValidationCodes.PathTraversal),
        ("a/../../b", ValidationCodes.PathTraversal), ("..", ValidationCodes.PathTraversal), ("/..", ValidationCodes.PathTraversal),
        (".", ValidationCodes.PathDotSegment), ("./a", ValidationCodes.PathDotSegment), ("a/./b", ValidationCodes.PathDotSegment),
        ("...", ValidationCodes.PathDotSegment), ("up:load", ValidationCodes.PathForbiddenChar), ("a%b", ValidationCodes.PathForbiddenChar),
        ("a\"b", ValidationCodes.PathForbiddenChar), ("a'b", ValidationCodes.PathForbiddenChar), ("$HOME", ValidationCodes.PathForbiddenChar),
        ("a\\b", ValidationCodes.PathForbiddenChar), ("`id`", ValidationCodes.PathForbiddenChar), ("a b", ValidationCodes.PathForbiddenChar),
        (" a", ValidationCodes.PathForbiddenChar), ("a ", ValidationCodes.PathForbiddenChar), ("a\tb", ValidationCodes.PathForbiddenChar),
        ("a\nb", ValidationCodes.PathForbiddenChar), ("a\r\nb", ValidationCodes.PathForbiddenChar), ("a\0b", ValidationCodes.PathForbiddenChar),
        ("public_html\0", ValidationCodes.PathForbiddenChar), ("a\u00a0b", ValidationCodes.PathForbiddenChar), ("a\u2028b", ValidationCodes.PathForbiddenChar),
        ("a\u0085b", ValidationCodes.PathForbiddenChar), ("a\u3000b", ValidationCodes.PathForbiddenChar), ("$(id)", ValidationCodes.PathForbiddenChar),
        ("a;rm -rf", ValidationCodes.PathForbiddenChar), ("%2e%2e/etc", ValidationCodes.PathForbiddenChar), ("a|b", ValidationCodes.PathSegmentFormat),
        ("a;b", ValidationCodes.PathSegmentFormat), ("a&b", ValidationCodes.PathSegmentFormat), ("a*b", ValidationCodes.PathSegmentFormat),
        ("a?b", ValidationCodes.PathSegmentFormat), ("a<b", ValidationCodes.PathSegmentFormat), ("a>b", ValidationCodes.PathSegmentFormat),
        ("a(b)", ValidationCodes.PathSegmentFormat), ("a{b}", ValidationCodes.PathSegmentFormat), ("a[b]", ValidationCodes.PathSegmentFormat),
        ("a#b", ValidationCodes.PathSegmentFormat), ("a~b", ValidationCodes.PathSegmentFormat), ("~", ValidationCodes.PathSegmentFormat),
        ("~root", ValidationCodes.PathSegmentFormat), ("a!b", ValidationCodes.PathSegmentFormat), ("a=b", ValidationCodes.PathSegmentFormat),
        ("a+b", ValidationCodes.PathSegmentFormat), ("a,b", ValidationCodes.PathSegmentFormat), ("a@b", ValidationCodes.PathSegmentFormat),
        ("öffentlich", ValidationCodes.PathSegmentFormat), ("ｐｕｂｌｉｃ", ValidationCodes.PathSegmentFormat), ("pub\u200blic", ValidationCodes.PathSegmentFormat),
        ("publ\u0456c", ValidationCodes.PathSegmentFormat), ("a\u2215b", ValidationCodes.PathSegmentFormat), ("a\u2044b", ValidationCodes.PathSegmentFormat),
        ("\u202eevil", ValidationCodes.PathSegmentFormat), ("a\u0000", ValidationCodes.PathForbiddenChar),
        (new string('a', 65), ValidationCodes.PathSegmentFormat), ("x/" + new string('a', 65), ValidationCodes.PathSegmentFormat),
        ("a/b/c/d/e/f/g/h/i", ValidationCodes.PathTooManySegments), ("/1/2/3/4/5/6/7/8/9/", ValidationCodes.PathTooManySegments),
        (string.Join('/', Enumerable.Repeat(new string('a', 64), 4)), ValidationCodes.PathTooLong),
        (new string('/', 256), ValidationCodes.PathTooLong), (new string('a', 10_000), ValidationCodes.PathTooLong),
    ];

    public static TheoryData<string, string> HostileTable()
    {
        var data = new TheoryData<string, string>();
        foreach (var (input, code) in HostileCases)
        {
            data.Add(input, code);
            data.Add("/" + input, code);
            if (code != ValidationCodes.PathTooManySegments && code != ValidationCodes.PathTooLong)
            {
                data.Add("public_html/" + input, code);
                data.Add(input + "/uploads", code);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileTable))]
    public void Check_ForHostileInput_ReportsExpectedCode(string input, string expectedCode) =>
        Assert.Contains(FtpFolders.Check(input), v => v.ErrorCode == expectedCode);

    public static TheoryData<string?> ValidTable() =>
    [
        "", "/", "//", "public_html", "/public_html", "public_html/", "/public_html/", "public_html//uploads", "private",
        "public_html/uploads", "a.b", ".well-known", "a..b", "..a", "a..", ".htaccess-dir", "_private", "-dash", "A-Z_0-9.x",
        "a/b/c/d/e/f/g/h", "/a/b/c/d/e/f/g/h/", new string('a', 64),
        string.Join('/', Enumerable.Repeat(new string('a', 63), 4)),
    ];

    [Theory]
    [MemberData(nameof(ValidTable))]
    public void Check_ForValidFolder_ReportsNothing(string? input) => Assert.Empty(FtpFolders.Check(input));

    [Fact]
    public void Check_ForNull_MeansDomainRoot() => Assert.Empty(FtpFolders.Check(null));

    [Fact]
    public void Check_ForLengthBoundary_Accepts255AndRejects256()
    {
        Assert.Empty(FtpFolders.Check(new string('a', 64) + "/" + new string('b', 64) + "/" + new string('c', 64) + "/" + new string('d', 60)));
        Assert.Contains(FtpFolders.Check(new string('a', 64) + "/" + new string('b', 64) + "/" + new string('c', 64) + "/" + new string('d', 61)),
            v => v.ErrorCode == ValidationCodes.PathTooLong);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("///", "")]
    [InlineData("public_html", "/public_html")]
    [InlineData("/public_html/", "/public_html")]
    [InlineData("public_html//uploads/", "/public_html/uploads")]
    [InlineData("//a//b//", "/a/b")]
    [InlineData("a/b/c", "/a/b/c")]
    public void Normalize_ForInput_GivesStoredForm(string? input, string expected) => Assert.Equal(expected, FtpFolders.Normalize(input));

    [Theory]
    [InlineData("", "/home/alice/web/example.com")]
    [InlineData("/public_html", "/home/alice/web/example.com/public_html")]
    [InlineData("/public_html/uploads", "/home/alice/web/example.com/public_html/uploads")]
    [InlineData("/a..b", "/home/alice/web/example.com/a..b")]
    public void Absolute_ForNormalizedFolder_IsBelowDomainFolder(string normalized, string expected) =>
        Assert.Equal(expected, FtpFolders.Absolute("alice", "example.com", normalized));

    [Theory]
    [InlineData("alice", "example.com", "/..")]
    [InlineData("alice", "example.com", "/../example.com.evil")]
    [InlineData("alice", "example.com", "/a/../../x")]
    [InlineData("alice", "example.com", "public_html")]
    [InlineData("alice", "example.com", "/public_html/")]
    [InlineData("alice", "example.com", "/a b")]
    [InlineData("alice", "example.com", "/.")]
    [InlineData("alice", "../x", "")]
    [InlineData("alice", "example.com/..", "")]
    [InlineData("../alice", "example.com", "")]
    [InlineData("alice/..", "example.com", "")]
    [InlineData("", "example.com", "")]
    public void Absolute_ForEscapingOrUnnormalizedInput_Throws(string user, string domain, string normalized) =>
        Assert.Throws<ArgumentException>(() => FtpFolders.Absolute(user, domain, normalized));

    [Fact]
    public void Check_EveryMessage_IsMarkedAsPolicy()
    {
        foreach (var (input, _) in HostileCases)
        {
            Assert.All(FtpFolders.Check(input), v => Assert.StartsWith("Policy: ", v.Message, StringComparison.Ordinal));
        }
    }
}
