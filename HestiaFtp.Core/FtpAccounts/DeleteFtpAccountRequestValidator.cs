using FluentValidation;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>The rules for <see cref="DeleteFtpAccountRequest"/>.</summary>
public sealed class DeleteFtpAccountRequestValidator : AbstractValidator<DeleteFtpAccountRequest>
{
    public DeleteFtpAccountRequestValidator()
    {
        RuleFor(r => r.User).HestiaUser();
        RuleFor(r => r.Domain).HestiaDomain();
        RuleFor(r => r.Login).HestiaFtpLogin(r => r.User);
    }
}
