using HestiaFtp.Emulator;

namespace HestiaFtp.Bench;

/// <summary>The bench's agency: one HestiaCP user with 2,000 FTP accounts on 10 web domains (200 each), seeded directly.</summary>
internal static class BigCustomer
{
    public const string User = "bigco";
    public const string Password = "Bench-Customer-2026";
    public const int Accounts = 2000;

    public static void Seed(EmulatorControl control)
    {
        control.AddUser(User, Password);
        for (var d = 0; d < 10; d++)
        {
            var domain = $"site{d}.bigco.example";
            control.AddWebDomain(User, domain);
            for (var a = 0; a < 200; a++)
            {
                control.AddFtpAccountDirect(User, domain, $"{User}_d{d}a{a:000}", a % 3 == 0 ? "" : "/public_html", "Big-Ftp-2026");
            }
        }
    }
}
