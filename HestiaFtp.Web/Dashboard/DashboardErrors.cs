using FluentValidation;
using HestiaFtp.Core.Hestia;
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
            _ => l["Error.OtherAccount"],
        }),
        HestiaException h => FromHestia(h, l, pathField),
        OperationCanceledException => new(ErrorField.None, l["Error.Cancelled"]),
        _ => new(ErrorField.None, l["Error.Unexpected"]),
    };

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

    private static DashboardError FromHestia(HestiaException h, IStringLocalizer<Strings> l, ErrorField pathField) => h.Code switch
    {
        HestiaReturnCode.Exists => new(ErrorField.Login, l["Error.LoginTaken"]),
        HestiaReturnCode.Invalid when h.HestiaMessage.Contains("PAM", StringComparison.Ordinal) => new(ErrorField.Password, l["Error.PasswordRejected"]),
        HestiaReturnCode.Invalid when h.HestiaMessage.Contains("path", StringComparison.Ordinal) => new(pathField, l["Error.FolderInvalid"]),
        HestiaReturnCode.Invalid when h.HestiaMessage.Contains("ftp_user", StringComparison.Ordinal) => new(ErrorField.Login, l["Error.LoginInvalid"]),
        HestiaReturnCode.Invalid => new(ErrorField.None, l["Error.Invalid"]),
        HestiaReturnCode.NotExist when h.HestiaMessage.Contains("account", StringComparison.Ordinal) => new(ErrorField.None, l["Error.UnknownLogin"]),
        HestiaReturnCode.NotExist => new(ErrorField.None, l["Error.UnknownDomain"]),
        HestiaReturnCode.Suspended when h.HestiaMessage.Contains("user", StringComparison.Ordinal) => new(ErrorField.None, l["Error.UserSuspended"]),
        HestiaReturnCode.Suspended => new(ErrorField.Domain, l["Error.DomainSuspended"]),
        HestiaReturnCode.Connect when h.OutcomeUnknown => new(ErrorField.None, l["Error.OutcomeUnknown"], OutcomeUnknown: true),
        HestiaReturnCode.Connect => new(ErrorField.None, l["Error.Unreachable"]),
        HestiaReturnCode.Password or HestiaReturnCode.Forbidden or HestiaReturnCode.ApiDisabled => new(ErrorField.None, l["Error.ApiCredentials"]),
        _ => new(ErrorField.None, l["Error.Hestia"]),
    };
}
