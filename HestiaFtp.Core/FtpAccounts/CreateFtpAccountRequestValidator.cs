using FluentValidation;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>The rules for <see cref="CreateFtpAccountRequest"/>: HestiaCP's, then our policy.</summary>
public sealed class CreateFtpAccountRequestValidator : AbstractValidator<CreateFtpAccountRequest>
{
    public CreateFtpAccountRequestValidator()
    {
        RuleFor(r => r.User).HestiaUser();
        RuleFor(r => r.Domain).HestiaDomain();
        RuleFor(r => r.LoginSuffix).HestiaFtpLoginSuffix(r => r.User);
        RuleFor(r => r.Password).FtpPassword();
        RuleFor(r => r.Folder).FtpFolder();
    }
}
