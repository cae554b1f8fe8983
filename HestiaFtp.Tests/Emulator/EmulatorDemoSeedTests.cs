using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;

namespace HestiaFtp.Tests.Emulator;

public sealed class EmulatorDemoSeedTests
{
    [Fact]
    public void CreateDemo_HasTheDocumentedUsersAndDomains()
    {
        var emulator = HestiaEmulator.CreateDemo();
        var control = emulator.Control;

        Assert.Equal(["admin", "alice", "bob", "carol", "support"], control.GetUsers().Select(u => u.Name));
        Assert.True(control.GetUsers().Single(u => u.Name == "bob").Suspended);
        Assert.Equal(["alice-shop.com", "alice-blog.net", "alice-dev.org"], control.GetDomains("alice").Select(d => d.Name));
        Assert.True(control.GetDomains("alice").Single(d => d.Name == "alice-shop.com").Ssl);
        Assert.True(control.GetDomains("alice").Single(d => d.Name == "alice-blog.net").Suspended);
        Assert.Contains(new EmulatorFtpAccount("alice_media", "/public_html/media"), control.GetFtpAccounts("alice", "alice-shop.com"));
        Assert.Empty(control.GetFtpAccounts("alice", "alice-dev.org"));
        Assert.Equal(4, control.GetDomains("carol").Count);
        Assert.Contains(control.GetDomains("carol"), d => control.GetFtpAccounts("carol", d.Name).Count == 40);
        Assert.Empty(control.GetDomains("support"));
        Assert.All(control.GetDomains("carol"), d => Assert.StartsWith("203.0.113.", d.Ip, StringComparison.Ordinal));
        Assert.Equal("Carol-Ftp-01-Demo", control.PasswordOf("carol_dev01"));
    }

    [Fact]
    public void CreateDemo_HasNoKeyUntilTheHostAddsOne_AndAllowsLoopback()
    {
        var emulator = HestiaEmulator.CreateDemo();
        var request = EmulatorTestHost.KeyForm("AAAAAAAAAAAAAAAAAAAA", new string('B', 40), "v-list-users", "json");
        Assert.Equal(401, emulator.Handle(request).Status);

        var (key, secret) = emulator.Control.CreateAccessKey("admin");
        var ok = emulator.Handle(EmulatorTestHost.KeyForm(key, secret, "v-list-web-domains", "carol", "json") with { RemoteIp = "::1" });

        Assert.Equal(200, ok.Status);
    }

    [Fact]
    public void CreateDemo_LegacyAdminLoginWorks()
    {
        var emulator = HestiaEmulator.CreateDemo();

        var response = emulator.Handle(EmulatorTestHost.Form(("user", "admin"), ("password", EmulatorDemoSeed.AdminPassword), ("returncode", "yes"), ("cmd", "v-list-users")));

        Assert.Equal("0", response.Body);
    }

    [Fact]
    public void LoadSeed_JsonOfTheDemo_ReproducesTheSameListings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"emulator-seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, EmulatorSeedJson.Write(EmulatorDemoSeed.Build()));
        try
        {
            var fromFile = HestiaEmulator.Create(HestiaEmulator.LoadSeed(path));
            var inCode = HestiaEmulator.CreateDemo();

            foreach (var user in new[] { "alice", "bob", "carol" })
            {
                Assert.Equal(
                    inCode.Control.GetDomains(user).Select(d => (d, inCode.Control.GetFtpAccounts(user, d.Name).Count)),
                    fromFile.Control.GetDomains(user).Select(d => (d, fromFile.Control.GetFtpAccounts(user, d.Name).Count)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadSeed_TranscriptFile_ReadsItsInitialState()
    {
        var seed = HestiaEmulator.LoadSeed(TestSupport.TranscriptFixture.Locate());

        Assert.Equal("admin", seed.RootUser);
        Assert.Equal("127.0.0.1", seed.Users["alice"].Domains!["example.com"].Ip);
        Assert.Contains("cgi-bin", seed.Users["alice"].Domains!["example.com"].Folders!);
    }
}
