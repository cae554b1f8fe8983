namespace HestiaFtp.Web.Auth;

/// <summary>The <c>Dashboard</c> configuration section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// HestiaCP users who sign in as read-only support staff, besides HestiaCP admins. Either <c>name</c> (any server)
    /// or <c>server:name</c>.
    /// </summary>
    public List<string> SupportUsers { get; set; } = [];

    /// <summary>Whether HestiaCP users with role admin sign in as support staff (read-only).</summary>
    public bool AdminsAreSupport { get; set; } = true;

    /// <summary>How long a sign-in lasts (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open circuit re-checks that its user may still act (cookie expiry, suspension).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins allowed per account within <see cref="SignInWindow"/>. Below fail2ban's 5 on purpose.</summary>
    public int MaxFailuresPerAccount { get; set; } = 4;

    /// <summary>Failed sign-ins allowed per client IP within <see cref="SignInWindow"/>.</summary>
    public int MaxFailuresPerIp { get; set; } = 10;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsSupportUser(string server, string user) =>
        SupportUsers.Any(entry => string.Equals(entry, user, StringComparison.Ordinal)
            || string.Equals(entry, $"{server}:{user}", StringComparison.Ordinal));
}
