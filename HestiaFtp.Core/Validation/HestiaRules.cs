using FluentValidation;
using FluentValidation.Results;

namespace HestiaFtp.Core.Validation;

/// <summary>
/// FluentValidation rule-builder extensions shared by the FTP request validators. Each adds the violations of one
/// of <see cref="FtpNames"/>, <see cref="FtpFolders"/>, <see cref="FtpPasswords"/> or <see cref="HestiaIdentifiers"/> with
/// its stable <see cref="ValidationFailure.ErrorCode"/> (see <see cref="ValidationCodes"/>). Failures never carry the
/// attempted value, so a password cannot leak through a failure.
/// </summary>
public static class HestiaRules
{
    /// <summary>The USER argument of every <c>v-*</c> FTP command: HestiaCP's user format.</summary>
    public static IRuleBuilderOptionsConditions<T, string> HestiaUser<T>(this IRuleBuilder<T, string> ruleBuilder) =>
        ruleBuilder.Custom((value, context) => AddAll(context, HestiaIdentifiers.CheckUser(value)));

    /// <summary>The DOMAIN argument: HestiaCP's domain format, then the stored lower-case form.</summary>
    public static IRuleBuilderOptionsConditions<T, string> HestiaDomain<T>(this IRuleBuilder<T, string> ruleBuilder) =>
        ruleBuilder.Custom((value, context) => AddAll(context, HestiaIdentifiers.CheckDomain(value)));

    /// <summary>
    /// The FTP_USER argument of <c>v-add-web-domain-ftp</c> as the user typed it (a typed <c>USER_</c> prefix is removed
    /// once): HestiaCP's format and 30-character limit for <c>USER_suffix</c>, then our lower-case, no-<c>.</c> policy.
    /// Skipped while the user itself is invalid, so the blame lands on the right field.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string> HestiaFtpLoginSuffix<T>(this IRuleBuilder<T, string> ruleBuilder, Func<T, string> user) =>
        ruleBuilder.Custom((value, context) =>
        {
            var owner = user(context.InstanceToValidate);
            if (HestiaIdentifiers.CheckUser(owner).Count == 0)
            {
                AddAll(context, FtpNames.CheckSuffix(owner, value));
            }
        });

    /// <summary>
    /// The full FTP_USER argument of the change and delete commands: it must start with <c>USER_</c> and pass HestiaCP's
    /// format. Existing names are not held to our creation policy, so accounts made elsewhere stay manageable.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string> HestiaFtpLogin<T>(this IRuleBuilder<T, string> ruleBuilder, Func<T, string> user) =>
        ruleBuilder.Custom((value, context) =>
        {
            var owner = user(context.InstanceToValidate);
            if (HestiaIdentifiers.CheckUser(owner).Count == 0)
            {
                AddAll(context, FtpNames.CheckFullLogin(owner, value));
            }
        });

    /// <summary>A user-chosen FTP password: our policy (<see cref="FtpPasswords.Check"/>); HestiaCP checks nothing.</summary>
    public static IRuleBuilderOptionsConditions<T, string> FtpPassword<T>(this IRuleBuilder<T, string> ruleBuilder) =>
        ruleBuilder.Custom((value, context) => AddAll(context, FtpPasswords.Check(value)));

    /// <summary>An FTP folder relative to the domain folder; null or empty is the domain root (<see cref="FtpFolders.Check"/>).</summary>
    public static IRuleBuilderOptionsConditions<T, string?> FtpFolder<T>(this IRuleBuilder<T, string?> ruleBuilder) =>
        ruleBuilder.Custom((value, context) => AddAll(context, FtpFolders.Check(value)));

    private static void AddAll<T>(ValidationContext<T> context, IReadOnlyList<RuleViolation> violations)
    {
        foreach (var violation in violations)
        {
            context.AddFailure(new ValidationFailure(context.PropertyPath, violation.Message) { ErrorCode = violation.ErrorCode });
        }
    }
}
