using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Features.Support;

/// <summary>Addresses of the pages support staff open for one account. Server and account always travel escaped in the query.</summary>
public static class SupportLinks
{
    /// <summary>The FTP accounts page of an account: <c>/?server=S&amp;account=A</c>.</summary>
    public static string Account(AccountKey key) => $"/?{Query(key)}";

    /// <summary>One web domain of an account: <c>/domains/D?server=S&amp;account=A</c>.</summary>
    public static string Domain(AccountKey key, string domain) => $"/domains/{Uri.EscapeDataString(domain)}?{Query(key)}";

    /// <summary>The activity log filtered to one account (staff only; customers always see their own).</summary>
    public static string Activity(AccountKey key) => $"/activity?{Query(key)}";

    private static string Query(AccountKey key) =>
        $"server={Uri.EscapeDataString(key.Server)}&account={Uri.EscapeDataString(key.User)}";
}
