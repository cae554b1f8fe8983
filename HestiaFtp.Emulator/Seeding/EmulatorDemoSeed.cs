using System.Globalization;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator.Seeding;

/// <summary>The realistic demo data set used by <see cref="HestiaEmulator.CreateDemo"/> (IPs from 203.0.113.0/24).</summary>
public static class EmulatorDemoSeed
{
    /// <summary>ROOT_USER of the demo.</summary>
    public const string AdminUser = "admin";

    /// <summary>Panel password of the demo admin.</summary>
    public const string AdminPassword = "Admin-Demo-2026";

    /// <summary>Builds a fresh demo seed.</summary>
    public static EmulatorSeed Build()
    {
        static Dictionary<string, string> Fields(string name, string contact, string date) => new()
        {
            ["NAME"] = name, ["CONTACT"] = contact, ["NS"] = "ns1.hestia-demo.test,ns2.hestia-demo.test",
            ["TIME"] = "09:12:44", ["DATE"] = date,
        };

        static EmulatorSeedDomain Domain(string ip, bool ssl = false, bool suspended = false, List<string>? extraFolders = null,
            List<EmulatorSeedFtpAccount>? ftp = null, string date = "2025-03-14") => new()
        {
            Ip = ip,
            Ssl = ssl ? "yes" : "no",
            Suspended = suspended ? "yes" : "no",
            Folders = [.. WebDomainSkeleton.Folders, .. extraFolders ?? []],
            FtpAccounts = ftp,
            Fields = new Dictionary<string, string>
            {
                ["LETSENCRYPT"] = ssl ? "yes" : "no", ["U_DISK"] = ssl ? "184" : "12", ["U_BANDWIDTH"] = ssl ? "2310" : "40",
                ["TIME"] = "10:03:21", ["DATE"] = date,
            },
        };

        var carolFolders = new[] { "", "/public_html", "/public_html/assets", "/public_html/uploads", "/private", "/public_html/wp-content/themes" };
        var carolRoles = new[] { "dev", "design", "seo", "content", "photo", "backup", "intern", "client" };
        var carolAccounts = Enumerable.Range(1, 40).Select(i => new EmulatorSeedFtpAccount(
            $"carol_{carolRoles[(i - 1) % carolRoles.Length]}{i.ToString("00", CultureInfo.InvariantCulture)}",
            carolFolders[(i - 1) % carolFolders.Length],
            $"Carol-Ftp-{i:00}-Demo")).ToList();

        return new EmulatorSeed
        {
            RootUser = AdminUser,
            Config = new EmulatorSeedConfig { Api = "yes", ApiSystem = 1, ApiAllowedIp = "127.0.0.1,::1", DemoMode = false },
            Users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal)
            {
                [AdminUser] = new() { Role = "admin", Password = AdminPassword, Fields = Fields("System Administrator", "admin@hestia-demo.test", "2025-01-08") },
                ["alice"] = new()
                {
                    Role = "user", Password = "Alice-Demo-2026", Fields = Fields("Alice Martin", "alice@alice-shop.com", "2025-03-14"),
                    Domains = new Dictionary<string, EmulatorSeedDomain>(StringComparer.Ordinal)
                    {
                        ["alice-shop.com"] = Domain("203.0.113.10", ssl: true, extraFolders: ["public_html/media", "public_html/media/products"], ftp:
                        [
                            new("alice_shop", "", "Shop-Ftp-2026"),
                            new("alice_media", "/public_html/media", "Media-Ftp-2026"),
                        ]),
                        ["alice-blog.net"] = Domain("203.0.113.10", suspended: true, ftp: [new("alice_blog", "/public_html", "Blog-Ftp-2026")], date: "2025-04-02"),
                        ["alice-dev.org"] = Domain("203.0.113.11", date: "2025-06-20"),
                    },
                },
                ["bob"] = new()
                {
                    Role = "user", Password = "Bob-Demo-2026", Suspended = true, Fields = Fields("Bob Schneider", "bob@bob-plumbing.de", "2025-02-01"),
                    Domains = new Dictionary<string, EmulatorSeedDomain>(StringComparer.Ordinal)
                    {
                        ["bob-plumbing.de"] = Domain("203.0.113.12", ftp: [new("bob_web", "/public_html", "Bob-Ftp-2026")], date: "2025-02-01"),
                    },
                },
                ["carol"] = new()
                {
                    Role = "user", Password = "Carol-Demo-2026", Fields = Fields("Carol Dupont (Dupont Digital Agency)", "carol@dupont-digital.fr", "2024-11-19"),
                    Domains = new Dictionary<string, EmulatorSeedDomain>(StringComparer.Ordinal)
                    {
                        ["dupont-digital.fr"] = Domain("203.0.113.20", ssl: true,
                            extraFolders: ["public_html/assets", "public_html/uploads", "public_html/wp-content", "public_html/wp-content/themes"],
                            ftp: carolAccounts, date: "2024-11-19"),
                        ["bakery-lumiere.fr"] = Domain("203.0.113.20", ssl: true, ftp: [new("carol_bakery", "/public_html", "Bakery-Ftp-2026")], date: "2025-01-10"),
                        ["dentist-aubert.fr"] = Domain("203.0.113.21", extraFolders: ["public_html/images"], ftp:
                        [
                            new("carol_dentist", "", "Dentist-Ftp-2026"),
                            new("carol_dentimg", "/public_html/images", "Dentimg-Ftp-2026"),
                        ], date: "2025-05-05"),
                        ["yoga-rivage.fr"] = Domain("203.0.113.21", date: "2025-09-30"),
                    },
                },
                ["support"] = new() { Role = "user", Password = "Support-Demo-2026", Fields = Fields("Support Desk", "support@hestia-demo.test", "2025-01-08") },
            },
        };
    }
}
