using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.FtpAccounts;

public class CreateFtpAccountRequestValidatorTests
{
    private static CreateFtpAccountRequest Request(string user = "alice", string domain = "example.com", string suffix = "web",
        string password = "correct-horse-battery", string? path = null) => new(user, domain, suffix, password, path);

    public static TheoryData<string, string, string, string, string?, string?> Table() => new()
    {
        { "alice", "example.com", "web", "correct-horse-battery", null, null },
        { "alice", "example.com", "alice_web", "correct-horse-battery", "public_html", null },
        { "alice", "example.com", "web", "correct-horse-battery", "/public_html/uploads/", null },
        { "", "example.com", "web", "correct-horse-battery", null, ValidationCodes.UserRequired },
        { "al ice", "example.com", "web", "correct-horse-battery", null, ValidationCodes.UserHestiaFormat },
        { "alice", "", "web", "correct-horse-battery", null, ValidationCodes.DomainRequired },
        { "alice", "Example.com", "web", "correct-horse-battery", null, ValidationCodes.DomainLowerCase },
        { "alice", "www.example.com", "web", "correct-horse-battery", null, ValidationCodes.DomainWwwPrefix },
        { "alice", "exa_mple.com", "web", "correct-horse-battery", null, ValidationCodes.DomainHestiaFormat },
        { "alice", "example.com", "", "correct-horse-battery", null, ValidationCodes.LoginRequired },
        { "alice", "example.com", "alice_", "correct-horse-battery", null, ValidationCodes.LoginRequired },
        { "alice", "example.com", "web.1", "correct-horse-battery", null, ValidationCodes.LoginDot },
        { "alice", "example.com", "a|b", "correct-horse-battery", null, ValidationCodes.LoginPipe },
        { "alice", "example.com", "Web", "correct-horse-battery", null, ValidationCodes.LoginUpperCase },
        { "alice", "example.com", "abcdefghijklmnopqrstuvwxy", "correct-horse-battery", null, ValidationCodes.LoginTooLong },
        { "alice", "example.com", "abcdefghijklmnopqrstuvwx", "correct-horse-battery", null, null },
        { "alice", "example.com", "alice_abcdefghijklmnopqrstuvwx", "correct-horse-battery", null, null },
        { "alice", "example.com", "web", "short", null, ValidationCodes.PasswordTooShort },
        { "alice", "example.com", "web", "/tmp/whatever-file", null, ValidationCodes.PasswordTmpPrefix },
        { "alice", "example.com", "web", " correct-horse-battery", null, ValidationCodes.PasswordWhitespaceEdges },
        { "alice", "example.com", "web", "correct\nhorse-battery", null, ValidationCodes.PasswordControlChar },
        { "alice", "example.com", "web", "password1234", null, ValidationCodes.PasswordCommon },
        { "alice", "example.com", "web", "correct-horse-battery", "../example.com.evil", ValidationCodes.PathTraversal },
        { "alice", "example.com", "web", "correct-horse-battery", "up:load", ValidationCodes.PathForbiddenChar },
        { "alice", "example.com", "web", "correct-horse-battery", "a b", ValidationCodes.PathForbiddenChar },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Validate_ForRequest_ReportsExpectedCode(string user, string domain, string suffix, string password, string? path, string? expectedCode)
    {
        var result = new CreateFtpAccountRequestValidator().Validate(Request(user, domain, suffix, password, path));
        if (expectedCode is null)
        {
            Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.ErrorCode)));
        }
        else
        {
            Assert.Contains(result.Errors, e => e.ErrorCode == expectedCode);
        }
    }

    [Fact]
    public void Request_ForTypedPrefix_StripsItOnce()
    {
        var request = Request(suffix: "alice_web");
        Assert.Equal(("web", "alice_web", true), (request.Suffix, request.FullLogin, request.HadTypedPrefix));
        Assert.Equal(("web", "alice_web", false), (Request().Suffix, Request().FullLogin, Request().HadTypedPrefix));
    }

    [Fact]
    public void ToString_ForRequestWithPassword_HidesIt() =>
        Assert.DoesNotContain("correct-horse-battery", Request().ToString(), StringComparison.Ordinal);
}

public class QuickCreateFtpAccountRequestValidatorTests
{
    [Theory]
    [InlineData("alice", "example.com", true)]
    [InlineData("alice", "Example.com", false)]
    [InlineData("alice;id", "example.com", false)]
    [InlineData("alice", "example.com/..", false)]
    public void Validate_ForUserAndDomain_ChecksBoth(string user, string domain, bool valid) =>
        Assert.Equal(valid, new QuickCreateFtpAccountRequestValidator().Validate(new QuickCreateFtpAccountRequest(user, domain)).IsValid);
}

public class ChangeFtpPasswordRequestValidatorTests
{
    [Theory]
    [InlineData("alice_web", "correct-horse-battery", null)]
    [InlineData("alice_Old.Name", "correct-horse-battery", null)]
    [InlineData("web", "correct-horse-battery", ValidationCodes.LoginPrefix)]
    [InlineData("bob_web", "correct-horse-battery", ValidationCodes.LoginPrefix)]
    [InlineData("alice_web\n", "correct-horse-battery", ValidationCodes.LoginHestiaFormat)]
    [InlineData("alice_web", "/tmp/abcdefghijk", ValidationCodes.PasswordTmpPrefix)]
    [InlineData("alice_web", "", ValidationCodes.PasswordRequired)]
    public void Validate_ForLoginAndPassword_ReportsExpectedCode(string login, string password, string? expectedCode)
    {
        var result = new ChangeFtpPasswordRequestValidator().Validate(new ChangeFtpPasswordRequest("alice", "example.com", login, password));
        Assert.Equal(expectedCode, result.Errors.Select(e => e.ErrorCode).FirstOrDefault());
    }

    [Fact]
    public void ToString_ForRequestWithPassword_HidesIt() =>
        Assert.DoesNotContain("correct-horse-battery",
            new ChangeFtpPasswordRequest("alice", "example.com", "alice_web", "correct-horse-battery").ToString(), StringComparison.Ordinal);
}

public class ChangeFtpFolderRequestValidatorTests
{
    [Theory]
    [InlineData("alice_web", "", null)]
    [InlineData("alice_web", null, null)]
    [InlineData("alice_web", "/public_html", null)]
    [InlineData("alice_web", "../..", ValidationCodes.PathTraversal)]
    [InlineData("alice_web", "a%b", ValidationCodes.PathForbiddenChar)]
    [InlineData("nope", "/public_html", ValidationCodes.LoginPrefix)]
    public void Validate_ForLoginAndPath_ReportsExpectedCode(string login, string? path, string? expectedCode)
    {
        var result = new ChangeFtpFolderRequestValidator().Validate(new ChangeFtpFolderRequest("alice", "example.com", login, path));
        Assert.Equal(expectedCode, result.Errors.Select(e => e.ErrorCode).FirstOrDefault());
    }
}

public class DeleteFtpAccountRequestValidatorTests
{
    [Theory]
    [InlineData("alice", "example.com", "alice_web", null)]
    [InlineData("alice", "example.com", "alice_web.1", null)]
    [InlineData("alice", "example.com", "alice_", ValidationCodes.LoginPrefix)]
    [InlineData("alice", "example.com", "root", ValidationCodes.LoginPrefix)]
    [InlineData("alice", "www.example.com", "alice_web", ValidationCodes.DomainWwwPrefix)]
    [InlineData("", "example.com", "alice_web", ValidationCodes.UserRequired)]
    public void Validate_ForRequest_ReportsExpectedCode(string user, string domain, string login, string? expectedCode)
    {
        var result = new DeleteFtpAccountRequestValidator().Validate(new DeleteFtpAccountRequest(user, domain, login));
        Assert.Equal(expectedCode, result.Errors.Select(e => e.ErrorCode).FirstOrDefault());
    }
}
