using FluentValidation;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>The rules for <see cref="ChangeFtpPasswordRequest"/>.</summary>
public sealed class ChangeFtpPasswordRequestValidator : AbstractValidator<ChangeFtpPasswordRequest>
{
    public ChangeFtpPasswordRequestValidator()
    {
        RuleFor(r => r.User).HestiaUser();
        RuleFor(r => r.Domain).HestiaDomain();
        RuleFor(r => r.Login).HestiaFtpLogin(r => r.User);
        RuleFor(r => r.Password).FtpPassword();
    }
}
