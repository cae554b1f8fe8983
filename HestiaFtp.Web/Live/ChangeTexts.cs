using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Live;

/// <summary>
/// The one place that turns a change (codes and values) into words, in the reader's language: live announcements, the
/// support event list and the highlight texts all use it.
/// </summary>
public static class ChangeTexts
{
    /// <summary>e.g. "FTP account alice_dev added on example.com (folder /public_html)".</summary>
    public static string Describe(AccountChange change, IStringLocalizer<Strings> l) =>
        l[$"Support.Event.{change.Kind}", change.Login ?? "", change.Domain ?? "", Folder(change.From), Folder(change.To)];

    /// <summary>The same, prefixed with the account and followed by where the change was made (support's event list).</summary>
    public static string DescribeWithSource(AccountChange change, IStringLocalizer<Strings> l)
    {
        var source = change.Source == ChangeSource.External ? l["Support.Event.External"] : l["Support.Event.Dashboard"];
        return $"{change.Key.User}: {Describe(change, l)} {source}";
    }

    /// <summary>A folder as customers see it: relative to the domain, "/" for the domain root.</summary>
    public static string Folder(string? folder) => string.IsNullOrEmpty(folder) ? "/" : folder;
}
