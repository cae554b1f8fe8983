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

    /// <summary>
    /// How long a sign-in lasts: absolute, from the sign-in, not extended by activity (a copied cookie cannot be kept alive).
    /// Sign-out, suspension and support staff end it earlier.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open circuit re-checks that its user may still act (session ended or expired, suspension).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The window every sign-in limit counts failures in. HestiaCP's fail2ban bans an address after 5 failures within its
    /// findtime of 10 minutes, and <c>v-check-user-password</c> is given the customer's address, so each failure here also
    /// counts against that address at the panel.
    /// </summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Failed sign-ins allowed from one address (IPv6: one /64) to any account. Keep below fail2ban's 5.</summary>
    public int MaxFailuresPerAddress { get; set; } = 4;

    /// <summary>Failed sign-ins allowed for one account from one address.</summary>
    public int MaxFailuresPerAccountAndAddress { get; set; } = 4;

    /// <summary>
    /// Failed sign-ins allowed for one account from browsers without its device cookie, across all addresses. Once reached,
    /// a new device is held back until failures leave the window; a browser with the device cookie is not.
    /// </summary>
    public int MaxFailuresPerAccount { get; set; } = 4;

    /// <summary>Failed sign-ins allowed through one device cookie; then that browser counts as a new device.</summary>
    public int MaxFailuresPerDevice { get; set; } = 4;

    /// <summary>How long a browser stays trusted for an account after its last successful sign-in there.</summary>
    public TimeSpan DeviceLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long a sign-in waits for attempts still in flight from the same address or for the same account (they hold the
    /// remaining slots until they end) before it is refused as throttled.
    /// </summary>
    public TimeSpan SignInQueueTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsSupportUser(string server, string user) =>
        SupportUsers.Any(entry => string.Equals(entry, user, StringComparison.Ordinal)
            || string.Equals(entry, $"{server}:{user}", StringComparison.Ordinal));
}
