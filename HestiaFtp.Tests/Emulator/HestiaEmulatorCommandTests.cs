using System.Text.Json;
using HestiaFtp.Emulator;

namespace HestiaFtp.Tests.Emulator;

/// <summary>Command semantics not (fully) covered by the transcript.</summary>
public sealed class HestiaEmulatorCommandTests
{
    private const string Dir = "/home/alice/web/example.com";

    [Fact]
    public void ListUsers_Json_GluesTheLastClosingBraces()
    {
        var host = new EmulatorTestHost();

        var response = host.Call("v-list-users", "json");

        var lines = response.Body.Split('\n');
        Assert.Equal("{", lines[0]);
        Assert.Equal("    \"admin\": {", lines[1]);
        Assert.Equal("        }}", lines[^1]);
        Assert.Contains("        },", lines);
        Assert.Contains("    \"alice\": {", lines);
        Assert.DoesNotContain(lines, l => l.Contains("\"HOME\"", StringComparison.Ordinal));
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        using var doc = JsonDocument.Parse(response.Body);
        Assert.Equal(["admin", "alice"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2", doc.RootElement.GetProperty("admin").GetProperty("U_USERS").GetString());
        Assert.Equal("0", doc.RootElement.GetProperty("alice").GetProperty("U_USERS").GetString()); // only the ROOT_USER's record counts
    }

    [Fact]
    public void ListUser_Json_IndentsTheInnerClosingBraceByEight()
    {
        var host = new EmulatorTestHost();

        var lines = host.Call("v-list-user", "alice", "json").Body.Split('\n');

        Assert.Equal(["        }", "}"], lines[^2..]);
        Assert.Equal("        \"HOME\": \"/home/alice\",", lines.Single(l => l.Contains("\"HOME\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void ListWebDomains_UserWithoutDomains_IsTextHtmlBraces()
    {
        var host = new EmulatorTestHost();

        Assert.Equal(new EmulatorResponse(200, 0, "text/html; charset=UTF-8", "{\n}"), host.Call("v-list-web-domains", "admin", "json"));
    }

    [Fact]
    public void ListWebDomains_UnknownFormat_IsEmpty204()
    {
        var host = new EmulatorTestHost();

        Assert.Equal(204, host.Call("v-list-web-domains", "alice", "xml").Status);
    }

    [Fact]
    public void ListWebDomain_DoesNotNormaliseTheDomain()
    {
        var host = new EmulatorTestHost();

        Assert.Equal("Error: web domain WWW.Example.com doesn't exist", host.Call("v-list-web-domain", "alice", "WWW.Example.com", "json").Body);
        Assert.Equal(204, host.Call("v-add-web-domain-ftp", "alice", "WWW.Example.COM.", "norm", "Passw0rd-1").Status);
    }

    [Fact]
    public void ListFsDirectory_ExistingFolder_ListsItselfFirstThenEntries()
    {
        var host = new EmulatorTestHost();

        var response = host.Call("v-list-fs-directory", "alice", Dir + "/public_html");

        var lines = response.Body.Split('\n');
        Assert.Equal("d|755|2026-11-28|15:30|alice|www-data|4096|", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("f|644|2026-11-28|15:30|alice|alice|", StringComparison.Ordinal) && l.EndsWith("|index.html", StringComparison.Ordinal));
        Assert.Equal("text/html; charset=UTF-8", response.ContentType);
    }

    [Fact]
    public void ListFsDirectory_MissingFolder_IsExit1WithoutOutput()
    {
        var host = new EmulatorTestHost();

        Assert.Equal(new EmulatorResponse(400, 1, "text/html; charset=UTF-8", ""), host.Call("v-list-fs-directory", "alice", Dir + "/nope"));
        Assert.Equal("OK", host.Legacy("v-list-fs-directory", "alice", Dir + "/nope").Body);
    }

    [Theory]
    [InlineData("public_html")]
    [InlineData(Dir + "/a/b")]
    [InlineData("/etc")]
    public void ListFsDirectory_RelativeUnresolvableOrOutside_IsInvalidPath(string path)
    {
        var host = new EmulatorTestHost();

        Assert.Equal(new EmulatorResponse(422, 2, "text/html; charset=UTF-8", $"Error: invalid path {path}"), host.Call("v-list-fs-directory", "alice", path));
    }

    [Theory]
    [InlineData(Dir + "/public_html", 204, null, "")]
    [InlineData(Dir + "/public_html/index.html", 204, null, "")]
    [InlineData(Dir + "/missing", 400, 1, "Error: can't read " + Dir + "/missing")]
    [InlineData(Dir + "/missing/deeper", 422, 2, "Error: invalid source path alice " + Dir + "/missing/deeper")]
    [InlineData("/etc/passwd", 422, 2, "Error: invalid source path alice /etc/passwd")]
    public void CheckFsPermission_ReportsExistence(string path, int status, int? exit, string body)
    {
        var host = new EmulatorTestHost();

        var response = host.Call("v-check-fs-permission", "alice", path);

        Assert.Equal((status, exit ?? 0, body), (response.Status, response.ExitCodeHeader!.Value, response.Body));
    }

    [Fact]
    public void AddFtp_CreatesOneMissingLevel()
    {
        var host = new EmulatorTestHost();

        Assert.Equal(204, host.Call("v-add-web-domain-ftp", "alice", "example.com", "n1", "Passw0rd-1", "public_html/new").Status);
        Assert.True(host.Control.PathExists(Dir + "/public_html/new"));
        Assert.Equal(Dir + "/public_html/new", host.Control.HomeOf("alice_n1"));
    }

    [Fact]
    public void AddFtp_SiblingFolderNamedLikeTheDomain_IsAcceptedAndStoredCorrupted()
    {
        var host = new EmulatorTestHost();
        host.Call("v-add-web-domain-ftp", "alice", "example.com", "first", "Passw0rd-1");

        var response = host.Call("v-add-web-domain-ftp", "alice", "example.com", "evil", "Passw0rd-1", "../example.com-old");

        Assert.Equal(204, response.Status);
        Assert.Equal("-old", host.Control.GetFtpAccounts("alice", "example.com")[1].Path);
        Assert.Equal("/home/alice/web/example.com-old", host.Control.HomeOf("alice_evil"));
    }

    [Fact]
    public void AddFtp_FirstAccountStoresTheRawPath_LaterOnesNormalised()
    {
        var host = new EmulatorTestHost();

        host.Call("v-add-web-domain-ftp", "alice", "example.com", "a1", "Passw0rd-1", "public_html/../private/");
        host.Call("v-add-web-domain-ftp", "alice", "example.com", "a2", "Passw0rd-1", "public_html/../private/");

        Assert.Equal("public_html/../private/:/private", host.Control.GetDomains("alice")[0].FtpPath);
    }

    [Theory]
    [InlineData("ab|c", 204)]   // the regex accepts '|'
    [InlineData("x_", 422)]
    [InlineData("_ftp", 204)]
    public void AddFtp_NameFormat_FollowsTheHestiaRegex(string name, int status)
    {
        var host = new EmulatorTestHost();

        Assert.Equal(status, host.Call("v-add-web-domain-ftp", "alice", "example.com", name, "Passw0rd-1").Status);
    }

    [Fact]
    public void AddFtp_FullNameOfAPanelUser_IsTakenServerWide()
    {
        var host = new EmulatorTestHost(c => c.AddUser("alice_shop", "Shop-Pass-1"));

        var response = host.Call("v-add-web-domain-ftp", "alice", "example.com", "shop", "Passw0rd-1");

        Assert.Equal(new EmulatorResponse(400, 4, "text/html; charset=UTF-8", "Error: ftp user alice_shop already exists"), response);
    }

    [Fact]
    public void AddFtp_DotInNameMatchesAnyCharacterInDuplicateCheck()
    {
        var host = new EmulatorTestHost();
        host.Call("v-add-web-domain-ftp", "alice", "example.com", "web-1", "Passw0rd-1");

        var response = host.Call("v-add-web-domain-ftp", "alice", "example.com", "web.1", "Passw0rd-1");

        Assert.Equal(new EmulatorResponse(400, 4, "text/html; charset=UTF-8", "Error: ftp user alice_web.1 already exists"), response);
    }

    [Fact]
    public void DeleteFtp_DotInNameDeletesTheAccountItMatches()
    {
        var host = new EmulatorTestHost();
        host.Control.AddFtpAccountDirect("alice", "example.com", "alice_web-1", "", "P-1");
        host.Control.AddFtpAccountDirect("alice", "example.com", "alice_keep", "/private", "P-2");

        var response = host.Call("v-delete-web-domain-ftp", "alice", "example.com", "alice_web.1");

        Assert.Equal(204, response.Status);
        Assert.Equal([new EmulatorFtpAccount("alice_keep", "/private")], host.Control.GetFtpAccounts("alice", "example.com"));
        Assert.Null(host.Control.PasswordOf("alice_web-1"));
    }

    [Fact]
    public void ChangeFtpPassword_DotNameWithoutLiteralAccount_IsRejectedByChpasswd()
    {
        var host = new EmulatorTestHost();
        host.Control.AddFtpAccountDirect("alice", "example.com", "alice_web-1", "", "P-1");

        var response = host.Call("v-change-web-domain-ftp-password", "alice", "example.com", "alice_web.1", "New-Pass-1");

        Assert.Equal((422, "Error: Password not accepted due to PAM restrictions"), (response.Status, response.Body));
        Assert.Equal("P-1", host.Control.PasswordOf("alice_web-1"));
    }

    [Fact]
    public void ChangeFtpPassword_ChangesTheStoredPassword()
    {
        var host = new EmulatorTestHost();
        host.Call("v-add-web-domain-ftp", "alice", "example.com", "pw", "Old-Pass-1");

        Assert.Equal(204, host.Call("v-change-web-domain-ftp-password", "alice", "example.com", "alice_pw", "p@ss:w\"o rd$1").Status);
        Assert.Equal("p@ss:w\"o rd$1", host.Control.PasswordOf("alice_pw"));
    }

    [Fact]
    public void RejectPasswordHook_ActsLikePam()
    {
        var host = new EmulatorTestHost();
        host.Control.RejectPasswordHook = (_, password) => password.Length < 8;

        var response = host.Call("v-add-web-domain-ftp", "alice", "example.com", "short", "abc");

        Assert.Equal(new EmulatorResponse(422, 2, "text/html; charset=UTF-8", "Error: Password not accepted due to PAM restrictions"), response);
        Assert.Empty(host.Control.GetFtpAccounts("alice", "example.com"));
        Assert.Empty(host.Control.GetSystemAccounts("alice_"));
    }

    [Fact]
    public void AddFtp_PasswordFromTmpFile_ReadsTheFirstLine()
    {
        var host = new EmulatorTestHost();
        Assert.Equal(204, host.Call("v-make-tmp-file", "Secret-From-File", "pw123").Status);

        host.Call("v-add-web-domain-ftp", "alice", "example.com", "file", "/tmp/pw123");

        Assert.Equal("Secret-From-File", host.Control.PasswordOf("alice_file"));
    }

    [Fact]
    public void SuspendUser_LocksAccountsAndSuspendsDomains_UnsuspendRestoresAllDomains()
    {
        var host = new EmulatorTestHost();
        host.Control.AddWebDomain("alice", "example.net");
        host.Call("v-add-web-domain-ftp", "alice", "example.com", "s1", "Passw0rd-1");
        host.Call("v-suspend-web-domain", "alice", "example.net");

        Assert.Equal(204, host.Call("v-suspend-user", "alice").Status);
        Assert.True(host.Control.IsLocked("alice_s1"));
        Assert.All(host.Control.GetDomains("alice"), d => Assert.True(d.Suspended));
        Assert.Equal("Error: user alice is suspended", host.Call("v-suspend-user", "alice").Body);
        Assert.Equal(401, host.Call("v-check-user-password", "alice", EmulatorTestHost.AlicePassword).Status);
        Assert.Equal(204, host.Call("v-delete-web-domain-ftp", "alice", "example.com", "alice_s1").Status);

        Assert.Equal(204, host.Call("v-unsuspend-user", "alice").Status);
        Assert.All(host.Control.GetDomains("alice"), d => Assert.False(d.Suspended));
    }

    [Fact]
    public void SuspendUser_RootUser_IsANoOp()
    {
        var host = new EmulatorTestHost();

        Assert.Equal(204, host.Call("v-suspend-user", "admin").Status);
        Assert.False(host.Control.GetUsers()[0].Suspended);
    }

    [Theory]
    [InlineData(EmulatorTestHost.AlicePassword, null, 204, "")]
    [InlineData("wrong", null, 401, "Error: password missmatch")]
    [InlineData("", null, 401, "Error: password missmatch")]
    [InlineData(EmulatorTestHost.AlicePassword, "not-an-ip", 422, "Error: invalid IP format :: not-an-ip")]
    [InlineData(EmulatorTestHost.AlicePassword, "2001:db8::1", 204, "")]
    public void CheckUserPassword_VerifiesPanelPasswords(string password, string? ip, int status, string body)
    {
        var host = new EmulatorTestHost();
        string[] args = ip is null ? ["alice", password] : ["alice", password, ip];

        var response = host.Call("v-check-user-password", args);

        Assert.Equal((status, body), (response.Status, response.Body));
    }

    [Fact]
    public void CheckUserPassword_FtpAccount_IsNotAPanelUser()
    {
        var host = new EmulatorTestHost();
        host.Call("v-add-web-domain-ftp", "alice", "example.com", "ftp1", "Passw0rd-1");

        Assert.Equal(401, host.Call("v-check-user-password", "alice_ftp1", "Passw0rd-1").Status);
    }

    [Fact]
    public void DeleteWebDomain_RemovesItsFtpAccountsAndFolders()
    {
        var host = new EmulatorTestHost();
        host.Call("v-add-web-domain", "alice", "example.net", "127.0.0.1");
        host.Call("v-add-web-domain-ftp", "alice", "example.net", "net", "Passw0rd-1");

        Assert.Equal(204, host.Call("v-delete-web-domain", "alice", "example.net").Status);
        Assert.Null(host.Control.PasswordOf("alice_net"));
        Assert.False(host.Control.PathExists("/home/alice/web/example.net"));
        Assert.Equal(["example.com"], host.Control.GetDomains("alice").Select(d => d.Name));
    }

    [Fact]
    public void AddWebDomain_ExistingAnywhere_IsExit4()
    {
        var host = new EmulatorTestHost(c => c.AddUser("bob", "Bob-Pass-1"));

        var response = host.Call("v-add-web-domain", "bob", "example.com");

        Assert.Equal(new EmulatorResponse(400, 4, "text/html; charset=UTF-8", "Error: Web domain example.com exists"), response);
    }

    [Fact]
    public void ControlRun_ExecutesAsRootWithoutApiChecks()
    {
        var host = new EmulatorTestHost(c => c.SetApiSystem(0));

        var result = host.Control.Run("v-list-web-domain", "alice", "nosuch.example", "json");

        Assert.Equal(new EmulatorCliResult(3, "Error: web domain nosuch.example doesn't exist"), result);
    }
}
