using System.Net;

namespace HestiaFtp.Web.Auth;

public static class ClientIp
{
    /// <summary>
    /// The end user's address as HestiaCP's <c>v-check-user-password</c> expects it (IPv4-mapped IPv6 reduced to IPv4).
    /// Behind a reverse proxy, configure ForwardedHeaders so this is the client and not the proxy.
    /// </summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.Loopback;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.ToString();
    }
}
