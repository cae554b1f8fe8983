using System.Reflection;
using FluentValidation;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Tests.Core.Validation;

public class HestiaRulesTests
{
    private sealed record Probe(string User, string Name, string Login, string Password, string? Folder, string Domain);

    private sealed class ProbeValidator : AbstractValidator<Probe>
    {
        public ProbeValidator()
        {
            RuleFor(p => p.User).HestiaUser();
            RuleFor(p => p.Domain).HestiaDomain();
            RuleFor(p => p.Name).HestiaFtpLoginSuffix(p => p.User);
            RuleFor(p => p.Login).HestiaFtpLogin(p => p.User);
            RuleFor(p => p.Password).FtpPassword();
            RuleFor(p => p.Folder).FtpFolder();
        }
    }

    private static readonly Probe Valid = new("alice", "web", "alice_web", "correct-horse-battery", "public_html", "example.com");

    [Fact]
    public void Validate_ForValidProbe_HasNoFailures() => Assert.True(new ProbeValidator().Validate(Valid).IsValid);

    [Fact]
    public void Validate_ForEveryBrokenField_ReportsPropertyCodeAndMarkedMessage()
    {
        var probe = new Probe("alice", "Web", "bob_web", "/tmp/secretfile-x", "../etc", "WWW.Example.com");
        var failures = new ProbeValidator().Validate(probe).Errors;

        Assert.Contains(failures, f => f.PropertyName == nameof(Probe.Name) && f.ErrorCode == ValidationCodes.LoginUpperCase);
        Assert.Contains(failures, f => f.PropertyName == nameof(Probe.Login) && f.ErrorCode == ValidationCodes.LoginPrefix);
        Assert.Contains(failures, f => f.PropertyName == nameof(Probe.Password) && f.ErrorCode == ValidationCodes.PasswordTmpPrefix);
        Assert.Contains(failures, f => f.PropertyName == nameof(Probe.Folder) && f.ErrorCode == ValidationCodes.PathTraversal);
        Assert.Contains(failures, f => f.PropertyName == nameof(Probe.Domain) && f.ErrorCode == ValidationCodes.DomainLowerCase);
        Assert.All(failures, f => Assert.True(
            f.ErrorMessage.StartsWith("HestiaCP rule: ", StringComparison.Ordinal) || f.ErrorMessage.StartsWith("Policy: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_ForBadPassword_KeepsValueOutOfFailureAndException()
    {
        var probe = Valid with { Password = "/tmp/TopSecret-123\n" };
        var result = new ProbeValidator().Validate(probe);

        Assert.All(result.Errors, f => Assert.Null(f.AttemptedValue));
        var ex = Assert.Throws<ValidationException>(() => new ProbeValidator().ValidateAndThrow(probe));
        Assert.DoesNotContain("TopSecret", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ForInvalidUser_BlamesUserNotLogin()
    {
        var failures = new ProbeValidator().Validate(Valid with { User = "bad user" }).Errors;
        Assert.Contains(failures, f => f.PropertyName == nameof(Probe.User));
        Assert.DoesNotContain(failures, f => f.PropertyName is nameof(Probe.Name) or nameof(Probe.Login));
    }

    [Fact]
    public void ValidationCodes_AreUniqueAndDotted()
    {
        var codes = typeof(ValidationCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches(@"^[a-z]+\.[a-z_]+$", c));
    }

    [Fact]
    public void ResultCodes_AreUnique()
    {
        var codes = typeof(FtpResultCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }
}
