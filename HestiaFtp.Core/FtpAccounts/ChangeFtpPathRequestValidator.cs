using FluentValidation;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>The rules for <see cref="ChangeFtpPathRequest"/>.</summary>
public sealed class ChangeFtpPathRequestValidator : AbstractValidator<ChangeFtpPathRequest>
{
    public ChangeFtpPathRequestValidator()
    {
        RuleFor(r => r.User).HestiaUser();
        RuleFor(r => r.Domain).HestiaDomain();
        RuleFor(r => r.Login).HestiaFtpLogin(r => r.User);
        RuleFor(r => r.Path).FtpFolder();
    }
}
