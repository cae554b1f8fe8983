namespace HestiaFtp.Core.Validation;

/// <summary>
/// The stable error codes of every rule (<see cref="FluentValidation.Results.ValidationFailure.ErrorCode"/>).
/// The Web layer localizes by these; never rename one.
/// </summary>
public static class ValidationCodes
{
    public const string UserRequired = "user.required";
    public const string UserHestiaFormat = "user.hestia_format";

    public const string DomainRequired = "domain.required";
    public const string DomainHestiaFormat = "domain.hestia_format";
    public const string DomainLowerCase = "domain.lowercase";
    public const string DomainWwwPrefix = "domain.www_prefix";
    public const string DomainCharacters = "domain.characters";
    public const string DomainTooLong = "domain.too_long";

    public const string LoginRequired = "login.required";
    public const string LoginTooLong = "login.too_long";
    public const string LoginHestiaFormat = "login.hestia_format";
    public const string LoginUpperCase = "login.uppercase";
    public const string LoginDot = "login.dot";
    public const string LoginPipe = "login.pipe";
    public const string LoginPolicyFormat = "login.policy_format";
    public const string LoginPrefix = "login.prefix";
    public const string LoginAmbiguous = "login.ambiguous";
    public const string LoginNotFound = "login.not_found";
    public const string LoginExists = "login.exists";

    public const string PasswordRequired = "password.required";
    public const string PasswordTooShort = "password.too_short";
    public const string PasswordTooLong = "password.too_long";
    public const string PasswordWhitespaceEdges = "password.whitespace_edges";
    public const string PasswordTmpPrefix = "password.tmp_prefix";
    public const string PasswordControlChar = "password.control_char";
    public const string PasswordInvalidUnicode = "password.invalid_unicode";
    public const string PasswordCommon = "password.common";

    public const string PathForbiddenChar = "path.forbidden_char";
    public const string PathTraversal = "path.traversal";
    public const string PathDotSegment = "path.dot_segment";
    public const string PathSegmentFormat = "path.segment_format";
    public const string PathTooManySegments = "path.too_many_segments";
    public const string PathTooLong = "path.too_long";
    public const string PathNotFound = "path.not_found";
}
