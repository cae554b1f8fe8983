using System.Net;

namespace HestiaFtp.Web.Hosting;

/// <summary>The web-security settings in the <c>Dashboard</c> configuration section.</summary>
public sealed class WebSecurityOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Shows ASP.NET Core's developer exception page (stack traces, server paths) and detailed circuit errors, in the
    /// Development environment only. Off unless set: the README's <c>dotnet run</c> runs in Development, and a visitor
    /// must not read stack traces there either.
    /// </summary>
    public bool DeveloperExceptionPage { get; set; }

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: IP addresses
    /// (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/24</c>). Empty (the default): forwarded headers are ignored from
    /// everyone, and the client address is the socket's.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    internal static bool TryParseProxy(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(entry, out network);
    }
}
