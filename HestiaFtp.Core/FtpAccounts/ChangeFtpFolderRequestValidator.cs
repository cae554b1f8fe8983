using FluentValidation;
using HestiaFtp.Core.Validation;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>The rules for <see cref="ChangeFtpFolderRequest"/>.</summary>
public sealed class ChangeFtpFolderRequestValidator : AbstractValidator<ChangeFtpFolderRequest>
{
    public ChangeFtpFolderRequestValidator()
    {
        RuleFor(r => r.User).HestiaUser();
        RuleFor(r => r.Domain).HestiaDomain();
        RuleFor(r => r.Login).HestiaFtpLogin(r => r.User);
        RuleFor(r => r.Folder).FtpFolder();
    }
}
