namespace HestiaFtp.Emulator.State;

/// <summary>
/// Hosting packages (<c>/usr/local/hestia/data/packages/NAME.pkg</c>). Only the installer's <c>default</c> package
/// exists (install/common/packages/default.pkg of HestiaCP 1.10.3, without its TIME and DATE lines, which v-add-user
/// drops: bin/v-add-user 74).
/// </summary>
internal static class HestiaPackages
{
    public const string DefaultName = "default";

    private static readonly (string Key, string Value)[] Default =
    [
        ("WEB_TEMPLATE", "default"), ("PROXY_TEMPLATE", "default"), ("BACKEND_TEMPLATE", "default"), ("DNS_TEMPLATE", "default"),
        ("WEB_DOMAINS", "unlimited"), ("WEB_ALIASES", "unlimited"), ("DNS_DOMAINS", "unlimited"), ("DNS_RECORDS", "unlimited"),
        ("MAIL_DOMAINS", "unlimited"), ("MAIL_ACCOUNTS", "unlimited"), ("RATE_LIMIT", "200"), ("DATABASES", "unlimited"),
        ("CRON_JOBS", "unlimited"), ("DISK_QUOTA", "unlimited"), ("CPU_QUOTA", "unlimited"), ("CPU_QUOTA_PERIOD", "unlimited"),
        ("MEMORY_LIMIT", "unlimited"), ("SWAP_LIMIT", "unlimited"), ("BANDWIDTH", "unlimited"),
        ("NS", "ns1.domain.tld,ns2.domain.tld"), ("SHELL", "nologin"), ("BACKUPS", "1"), ("BACKUPS_INCREMENTAL", "no"),
    ];

    /// <summary>The package's user.conf lines, or null when no such package exists.</summary>
    public static IReadOnlyList<(string Key, string Value)>? Find(string name) => name == DefaultName ? Default : null;
}
