using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Audit;

public enum AuditOutcomeKind
{
    Succeeded,
    Failed,
    Unknown,
}

/// <summary>An outcome to show: its kind, the reason in the reader's words, and HestiaCP's own message (verbatim) if any.</summary>
public sealed record AuditOutcomeText(AuditOutcomeKind Kind, string? Reason, string? PanelWords);

/// <summary>
/// Turns an entry's stored codes and values into the reader's language. Entries written before the codes were stored
/// hold English words; they are shown as they are.
/// </summary>
public static class AuditTexts
{
    /// <summary>e.g. "folder:/public_html" becomes "Folder /public_html" / "Ordner /public_html".</summary>
    public static string Detail(string stored, IStringLocalizer<Strings> l)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? stored : stored[..colon];
        var value = colon < 0 ? "" : stored[(colon + 1)..];
        var text = l[$"Activity.Detail.{code}", value];
        return text.ResourceNotFound ? stored : text;
    }

    /// <summary>"kind", "kind: reason code" or "kind: hestia.&lt;code&gt;: the panel's message".</summary>
    public static AuditOutcomeText Outcome(string stored, IStringLocalizer<Strings> l)
    {
        var parts = stored.Split(':', 3, StringSplitOptions.TrimEntries);
        var kind = parts[0] switch
        {
            AuditOutcomes.Succeeded => AuditOutcomeKind.Succeeded,
            AuditOutcomes.Failed => AuditOutcomeKind.Failed,
            _ => AuditOutcomeKind.Unknown,
        };
        var code = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        if (code is null)
        {
            return new(kind, null, null);
        }

        var panelWords = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
        if (code.StartsWith(AuditOutcomes.HestiaCodePrefix, StringComparison.Ordinal)
            && code.Length > AuditOutcomes.HestiaCodePrefix.Length
            && char.IsLetter(code[AuditOutcomes.HestiaCodePrefix.Length])
            && Enum.TryParse<HestiaReturnCode>(code[AuditOutcomes.HestiaCodePrefix.Length..], out var hestia))
        {
            return new(kind, DashboardErrors.DescribeHestia(hestia, panelWords ?? "", l), panelWords);
        }

        if (code.StartsWith(AuditOutcomes.FaultCodePrefix, StringComparison.Ordinal))
        {
            return new(kind, l["Activity.Reason.fault"], null);
        }

        var reason = l[$"Activity.Reason.{code}"];
        if (!reason.ResourceNotFound)
        {
            return new(kind, reason, panelWords);
        }

        var rule = l[$"Rule.{code}"];
        // An entry from before the codes (or a code without words yet): the stored text as it is.
        return rule.ResourceNotFound ? new(kind, stored[(stored.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), null) : new(kind, rule, panelWords);
    }
}
