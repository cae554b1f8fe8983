using FluentValidation;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>The rules for <see cref="QuickCreateFtpAccountRequest"/>: a valid user and domain.</summary>
public sealed class QuickCreateFtpAccountRequestValidator : AbstractValidator<QuickCreateFtpAccountRequest>
{
    public QuickCreateFtpAccountRequestValidator()
    {
        RuleFor(r => r.User).HestiaUser();
        RuleFor(r => r.Domain).HestiaDomain();
    }
}
