using static HestiaFtp.Tests.Emulator.EmulatorAssert;

namespace HestiaFtp.Tests.Emulator;

/// <summary>
/// Behaviours of HestiaCP 1.10.3 the emulator reproduces from the scripts (issue 10, "Where it differs"): paths through a
/// regular file, the FTP_PATH key of web.conf and its leak in v-list-web-domains, and the grep-based domain lookup.
/// Script lines cite hestiacp/hestiacp at tag 1.10.3.
/// </summary>
public sealed class HestiaEmulatorFidelityTests
{
    private const string Password = "Passw0rd-1";

    // ---------------------------------------------------------------- 1. a regular file followed by "/"

    // bin/v-add-web-domain-ftp 77-82: readlink -f ".../public_html/robots.txt/" fails (ENOTDIR), ftp_path_a is empty,
    // `echo $ftp_path_a | grep ...` finds nothing: "Error: absolute path  is invalid" (two spaces), exit 2, before useradd.
    [Theory]
    [InlineData("public_html/robots.txt/")]
    [InlineData("public_html/index.html/")]
    [InlineData("public_html/robots.txt/inner")]
    [InlineData("public_html/robots.txt/inner/deeper")]
    public void AddFtp_PathThroughARegularFile_IsInvalidAndChangesNothing(string path)
    {
        var host = new EmulatorTestHost();

        Fails(2, "Error: absolute path  is invalid", host.Call("v-add-web-domain-ftp", "alice", "example.com", "up", Password, path));

        Assert.Equal("", Entry(host.Call("v-list-web-domain", "alice", "example.com", "json"), "example.com")["FTP_USER"]);
        Assert.Equal("f|644|alice|alice|66|robots.txt", FsEntry(host.Call("v-list-fs-directory", "alice", "/home/alice/web/example.com/public_html"), "robots.txt"));
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "up", Password)); // no system account was left behind
    }

    // bin/v-change-web-domain-ftp-path 52-55: the same readlink -f test, before the passwd line and FTP_PATH are rewritten.
    [Fact]
    public void ChangeFtpPath_PathThroughARegularFile_IsInvalidAndKeepsThePath()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "up", Password, "private"));

        Fails(2, "Error: absolute path  is invalid", host.Call("v-change-web-domain-ftp-path", "alice", "example.com", "alice_up", "public_html/robots.txt/"));

        Assert.Equal("private", Entry(host.Call("v-list-web-domain", "alice", "example.com", "json"), "example.com")["FTP_PATH"]);
    }

    // A file without the trailing "/" still resolves (hestiacp-observed.md §7: public_html/index.html became a home).
    [Fact]
    public void AddFtp_PathToARegularFile_IsAccepted()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "up", Password, "public_html/robots.txt"));
    }

    // ---------------------------------------------------------------- 2. the FTP_PATH key of web.conf

    // bin/v-add-web-domain 241-245 writes no FTP_PATH key. bin/v-list-web-domains 31-32 runs parse_object_kv_list on each
    // line without resetting the variables, so a line without the key prints the previous line's $FTP_PATH (line 53);
    // FTP_USER is always written (line 242) and never leaks. bin/v-list-web-domain 157 parses only the domain's own line.
    [Fact]
    public void ListWebDomains_DomainLineWithoutFtpPathKey_ShowsThePreviousDomainsFtpPath()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "up", Password, "public_html"));
        Succeeds(host.Call("v-add-web-domain", "alice", "second.test"));

        var list = host.Call("v-list-web-domains", "alice", "json");

        Assert.Equal("public_html", Entry(list, "example.com")["FTP_PATH"]);
        Assert.Equal(("", "public_html"), (Entry(list, "second.test")["FTP_USER"], Entry(list, "second.test")["FTP_PATH"]));
        var own = Entry(host.Call("v-list-web-domain", "alice", "second.test", "json"), "second.test");
        Assert.Equal(("", ""), (own["FTP_USER"], own["FTP_PATH"]));
    }

    // bin/v-add-web-domain-ftp 130: add_object_key (func/main.sh 681-696) inserts FTP_PATH='' before PROXY when the line
    // has none, then 135 sets it. bin/v-delete-web-domain-ftp 77-83 rewrites FTP_PATH with what is left: the key stays,
    // empty, so a domain whose last account was deleted no longer passes the previous domain's path on.
    [Fact]
    public void DeleteFtp_LastAccount_KeepsAnEmptyFtpPathKey()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "up", Password, "public_html"));
        Succeeds(host.Call("v-add-web-domain", "alice", "second.test"));
        Succeeds(host.Call("v-add-web-domain", "alice", "third.test"));
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "second.test", "two", Password, "private"));
        Assert.Equal("private", Entry(host.Call("v-list-web-domains", "alice", "json"), "third.test")["FTP_PATH"]);

        Succeeds(host.Call("v-delete-web-domain-ftp", "alice", "second.test", "alice_two"));

        var list = host.Call("v-list-web-domains", "alice", "json");
        Assert.Equal("public_html", Entry(list, "example.com")["FTP_PATH"]);
        Assert.Equal("", Entry(list, "second.test")["FTP_PATH"]);
        Assert.Equal("", Entry(list, "third.test")["FTP_PATH"]);
    }

    // The first domain of the file has no previous line: its missing key prints empty.
    [Fact]
    public void ListWebDomains_FirstDomainWithoutKey_ShowsAnEmptyFtpPath()
    {
        var host = new EmulatorTestHost();

        Assert.Equal("", Entry(host.Call("v-list-web-domains", "alice", "json"), "example.com")["FTP_PATH"]);
    }

    // ---------------------------------------------------------------- 5. domain lookup: grep's first matching line

    // func/main.sh 388 (is_object_valid) and func/domain.sh 1056 (get_domain_values) look the domain up with
    // grep "DOMAIN='$domain'": "." matches any character and nothing prefers an exact match, so x.y.test finds the
    // earlier line x-y.test (hestiacp-observed.md §12).
    [Fact]
    public void ListWebDomain_DotMatchesAnyCharacter_TakesTheFirstMatchingLine()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain", "alice", "x-y.test"));
        Succeeds(host.Call("v-add-web-domain", "alice", "x.y.test"));

        Assert.Equal(["x-y.test"], Keys(host.Call("v-list-web-domain", "alice", "x.y.test", "json")));
        Assert.Equal(["x-y.test"], Keys(host.Call("v-list-web-domain", "alice", "x-y.test", "json")));
    }

    // bin/v-delete-web-domain 47 and 57: the same lookup; deleting x.y.test removes x-y.test (hestiacp-observed.md §12).
    [Fact]
    public void DeleteWebDomain_DotMatchesAnyCharacter_DeletesTheFirstMatchingDomain()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain", "alice", "x-y.test"));
        Succeeds(host.Call("v-add-web-domain", "alice", "x.y.test"));

        Succeeds(host.Call("v-delete-web-domain", "alice", "x.y.test"));

        Assert.DoesNotContain("x-y.test", Keys(host.Call("v-list-web-domains", "alice", "json")));
    }
}
