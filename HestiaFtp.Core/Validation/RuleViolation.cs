namespace HestiaFtp.Core.Validation;

/// <summary>
/// One broken rule: a stable <paramref name="ErrorCode"/> the Web layer localizes by, and an English
/// <paramref name="Message"/> that starts with <c>HestiaCP rule:</c> (HestiaCP itself would refuse the value) or
/// <c>Policy:</c> (HestiaCP would accept it; this product does not). Messages never contain the rejected value.
/// </summary>
public sealed record RuleViolation(string ErrorCode, string Message)
{
    /// <summary>True when the rule is HestiaCP's own, false when it is this product's policy.</summary>
    public bool IsHestiaRule => Message.StartsWith(HestiaPrefix, StringComparison.Ordinal);

    internal const string HestiaPrefix = "HestiaCP rule: ";
    internal const string PolicyPrefix = "Policy: ";

    internal static RuleViolation Hestia(string code, string message) => new(code, HestiaPrefix + message);
    internal static RuleViolation Policy(string code, string message) => new(code, PolicyPrefix + message);
}
