using FluentValidation;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Dashboard;

/// <summary>Which input a failure belongs to, so a dialog can show the message next to it.</summary>
public enum ErrorField
{
    None,
    Domain,
    Login,
    Password,
    Folder,
}

public sealed record DashboardError(ErrorField Field, string Message, bool OutcomeUnknown = false);

/// <summary>Turns failures into plain-language, localized messages placed near their cause. Never shows arguments.</summary>
public static class DashboardErrors
{
    public static DashboardError Describe(Exception exception, IStringLocalizer<Strings> l, ErrorField pathField = ErrorField.Folder) => exception switch
    {
        ValidationException v => FromValidation(v, l),
        DashboardAccessException a => new(ErrorField.None, a.Why switch
        {
            DashboardAccessException.Reason.ReadOnly => l["Error.ReadOnly"],
            DashboardAccessException.Reason.SignedOut => l["Error.SignedOut"],
            DashboardAccessException.Reason.UnknownDomain => l["Error.UnknownDomain"],
            DashboardAccessException.Reason.UnknownLogin => l["Error.UnknownLogin"],
            DashboardAccessException.Reason.AmbiguousLogin => l["Error.AmbiguousLogin"],
            DashboardAccessException.Reason.AmbiguousDomain => l["Error.AmbiguousDomain"],
            DashboardAccessException.Reason.AuditUnavailable => l["Error.AuditUnavailable"],
            _ => l["Error.OtherAccount"],
        }),
        HestiaException h => FromHestia(h.Code, h.HestiaMessage, h.OutcomeUnknown, l, pathField),
        ServerUnavailableException => new(ErrorField.None, l["Error.UnreachableNotSent"]),
        OperationCanceledException => new(ErrorField.None, l["Error.Cancelled"]),
        _ => new(ErrorField.None, l["Error.Unexpected"]),
    };

    /// <summary>
    /// What a dialog shows for a result that is not plainly done: a refusal next to its input (HestiaCP's own words are
    /// labelled as the panel's), or "cannot tell" with the advice that fits. Null for a plain success.
    /// </summary>
    public static DashboardError? Describe(IFtpResult result, IStringLocalizer<Strings> l, ErrorField pathField = ErrorField.Folder)
    {
        switch (result.Status)
        {
            case FtpResultStatus.CannotTell:
                return new(ErrorField.None, result is FtpPasswordChangeResult ? l["Error.PasswordCannotTell"] : l["Error.OutcomeUnknown"], OutcomeUnknown: true);
            // Quick add's own outcome, not one input's: the service also attaches a refusal (its English words, or exit 4 of
            // the last generated name), which would otherwise show as "login taken, choose another" in a dialog with no login.
            case FtpResultStatus.NotDone when result.ReasonCode == FtpResultCodes.NamesTaken:
                return new(ErrorField.None, l["Error.NamesTaken"]);
            case FtpResultStatus.NotDone when result.Refusal is { } refusal:
                var field = refusal.Property switch
                {
                    null => ErrorField.None,
                    var p when p.Contains("Password", StringComparison.Ordinal) => ErrorField.Password,
                    var p when p.Contains("Folder", StringComparison.Ordinal) => pathField,
                    var p when p.Contains("Login", StringComparison.Ordinal) => ErrorField.Login,
                    var p when p.Contains("Domain", StringComparison.Ordinal) => ErrorField.Domain,
                    _ => ErrorField.None,
                };
                if (refusal.HestiaCode is { } code)
                {
                    var known = FromHestia(code, refusal.Message, outcomeUnknown: false, l, pathField);
                    return known with { Field = field == ErrorField.None ? known.Field : field, Message = $"{known.Message} {l["Error.PanelSaid", refusal.Message]}" };
                }
                return new(field, Localize(refusal.ReasonCode, refusal.Message, l));
            case FtpResultStatus.NotDone when result.ReasonCode == FtpResultCodes.NotAppliedAfterUnknown:
                return new(ErrorField.None, l["Error.NotAppliedAfterUnknown"]);
            case FtpResultStatus.NotDone:
                return new(ErrorField.None, Localize(result.ReasonCode, l["Error.Hestia"], l));
            default:
                return null;
        }
    }

    private static DashboardError FromValidation(ValidationException v, IStringLocalizer<Strings> l)
    {
        var first = v.Errors.FirstOrDefault();
        if (first is null)
        {
            return new(ErrorField.None, l["Error.Invalid"]);
        }
        var field = first.PropertyName switch
        {
            var p when p.Contains("Password", StringComparison.Ordinal) => ErrorField.Password,
            var p when p.Contains("Path", StringComparison.Ordinal) || p.Contains("Folder", StringComparison.Ordinal) => ErrorField.Folder,
            var p when p.Contains("Login", StringComparison.Ordinal) || p.Contains("Suffix", StringComparison.Ordinal) => ErrorField.Login,
            var p when p.Contains("Domain", StringComparison.Ordinal) => ErrorField.Domain,
            _ => ErrorField.None,
        };
        return new(field, Localize(first.ErrorCode, first.ErrorMessage, l));
    }

    /// <summary>A validator message by its stable error code when a translation exists, else the validator's English text.</summary>
    public static string Localize(string? errorCode, string fallback, IStringLocalizer<Strings> l)
    {
        if (!string.IsNullOrEmpty(errorCode))
        {
            var text = l["Rule." + errorCode];
            if (!text.ResourceNotFound)
            {
                return text;
            }
        }
        return fallback;
    }

    /// <summary>What a HestiaCP refusal means, in the reader's words (the panel's own message is not included).</summary>
    public static string DescribeHestia(HestiaReturnCode code, string message, IStringLocalizer<Strings> l) =>
        FromHestia(code, message, outcomeUnknown: false, l, ErrorField.None).Message;

    /// <summary>HestiaCP's refusal (exit code and its own message), or the client's fault, in the reader's words.</summary>
    private static DashboardError FromHestia(HestiaReturnCode code, string message, bool outcomeUnknown, IStringLocalizer<Strings> l, ErrorField pathField) => code switch
    {
        HestiaReturnCode.Exists => new(ErrorField.Login, l["Error.LoginTaken"]),
        HestiaReturnCode.Invalid when message.Contains("PAM", StringComparison.Ordinal) => new(ErrorField.Password, l["Error.PasswordRejected"]),
        HestiaReturnCode.Invalid when message.Contains("path", StringComparison.Ordinal) => new(pathField, l["Error.FolderInvalid"]),
        HestiaReturnCode.Invalid when message.Contains("ftp_user", StringComparison.Ordinal) => new(ErrorField.Login, l["Error.LoginInvalid"]),
        HestiaReturnCode.Invalid => new(ErrorField.None, l["Error.Invalid"]),
        HestiaReturnCode.NotExist when message.Contains("account", StringComparison.Ordinal) => new(ErrorField.None, l["Error.UnknownLogin"]),
        HestiaReturnCode.NotExist => new(ErrorField.None, l["Error.UnknownDomain"]),
        HestiaReturnCode.Suspended when message.Contains("user", StringComparison.Ordinal) => new(ErrorField.None, l["Error.UserSuspended"]),
        HestiaReturnCode.Suspended => new(ErrorField.Domain, l["Error.DomainSuspended"]),
        HestiaReturnCode.Connect when outcomeUnknown => new(ErrorField.None, l["Error.OutcomeUnknown"], OutcomeUnknown: true),
        HestiaReturnCode.Connect => new(ErrorField.None, l["Error.Unreachable"]),
        HestiaReturnCode.Busy => new(ErrorField.None, l["Error.Busy"]),
        HestiaReturnCode.Password or HestiaReturnCode.Forbidden or HestiaReturnCode.ApiDisabled => new(ErrorField.None, l["Error.ApiCredentials"]),
        _ => new(ErrorField.None, l["Error.Hestia"]),
    };
}
