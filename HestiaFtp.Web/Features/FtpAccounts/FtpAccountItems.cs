using System.Runtime.CompilerServices;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <param name="Text">Login, domain, IP and folder (relative and absolute), one per line: what the filter matches.</param>
public sealed record FtpAccountItem(FtpAccount Account, WebDomain Domain, string Text);

/// <summary>
/// A snapshot's FTP accounts with their search text, built once per snapshot and shared by every page that shows it: the
/// live store hands every circuit watching an account the same snapshot, so 20 tabs of a 2,000-account agency hold one
/// list, not 20 (about 0.5 MB each).
/// </summary>
public static class FtpAccountItems
{
    private static readonly ConditionalWeakTable<AccountSnapshot, IReadOnlyList<FtpAccountItem>> Built = new();

    public static IReadOnlyList<FtpAccountItem> Of(AccountSnapshot snapshot) => Built.GetValue(snapshot, Build);

    private static IReadOnlyList<FtpAccountItem> Build(AccountSnapshot snapshot) =>
        snapshot.Domains.SelectMany(d => d.FtpAccounts.Select(a => new FtpAccountItem(a, d,
            $"{a.Login}\n{d.Name}\n{d.Ip}\n{(a.Folder.Length == 0 ? "/" : a.Folder)}\n{a.AbsoluteFolder(d.Owner)}"))).ToArray();
}
