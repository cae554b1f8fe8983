using static HestiaFtp.Tests.Emulator.EmulatorAssert;

namespace HestiaFtp.Tests.Emulator;

/// <summary>
/// The folder tree of a real install (issue 10, behaviour 4) as v-list-fs-directory prints it, and the admin command
/// v-add-fs-directory. Script lines cite hestiacp/hestiacp at tag 1.10.3. Entries are compared without date and time:
/// type|mode|owner|group|size|name.
/// </summary>
public sealed class HestiaEmulatorFileSystemTests
{
    private const string Web = "/home/alice/web";
    private const string Dir = Web + "/example.com";

    private static EmulatorResponseReader List(EmulatorTestHost host, string path) => new(host.Call("v-list-fs-directory", "alice", path));

    // bin/v-add-user 119 and 123: mkdir /home/USER/web (755), chown root:USER. bin/v-add-web-domain 100-101 and 134-136:
    // the domain folder USER:USER, mode DOMAINDIR_MODE=551. bin/v-list-fs-directory 47-48: find -printf
    // "%y|%m|%TY-%Tm-%Td|%TH:%TM|%u|%g|%s|%P" prints owner and group separately.
    [Fact]
    public void ListFsDirectory_WebFolder_IsRootOwnedAndTheDomainFolder551()
    {
        var host = new EmulatorTestHost();

        var list = List(host, Web);

        Assert.Equal("d|755|root|alice|4096|", list[""]);
        Assert.Equal("d|551|alice|alice|4096|example.com", list["example.com"]);
    }

    // bin/v-add-web-domain 102-107 (v-add-fs-directory), 117 (skeleton), 123 (chown -R USER:USER), 126 (chmod 751 on
    // every entry), 127 (551 on stats and logs), 129 (public_html's folders 755), 137 (public_html USER:www-data).
    [Theory]
    [InlineData("", "d|551|alice|alice|4096|")]
    [InlineData("public_html", "d|755|alice|www-data|4096|public_html")]
    [InlineData("document_errors", "d|751|alice|alice|4096|document_errors")]
    [InlineData("cgi-bin", "d|751|alice|alice|4096|cgi-bin")]
    [InlineData("private", "d|751|alice|alice|4096|private")]
    [InlineData("logs", "d|551|alice|alice|4096|logs")]
    [InlineData("stats", "d|551|alice|alice|4096|stats")]
    public void ListFsDirectory_DomainFolder_HasTheModesAndOwnersOfARealInstall(string name, string expected)
    {
        var host = new EmulatorTestHost();

        Assert.Equal(expected, List(host, Dir)[name]);
    }

    // bin/v-add-web-domain 110-114: the logs are symlinks to /var/log/nginx/domains/DOMAIN.log and .error.log; find
    // prints them as type l, mode 777, size = length of the target. Skeleton (install/common/templates/web/skel):
    // index.html is 2,539 bytes with one %domain% replaced by the domain (line 118-120), robots.txt 66, files 644 (130).
    [Theory]
    [InlineData("logs", "example.com.log", "l|777|alice|alice|38|example.com.log")]
    [InlineData("logs", "example.com.error.log", "l|777|alice|alice|44|example.com.error.log")]
    [InlineData("public_html", "index.html", "f|644|alice|alice|2542|index.html")]
    [InlineData("public_html", "robots.txt", "f|644|alice|alice|66|robots.txt")]
    [InlineData("document_errors", "404.html", "f|644|alice|alice|2949|404.html")]
    public void ListFsDirectory_Skeleton_HasTheRealLinksAndSizes(string folder, string name, string expected)
    {
        var host = new EmulatorTestHost();

        Assert.Equal(expected, List(host, $"{Dir}/{folder}")[name]);
    }

    // bin/v-add-web-domain-ftp 77 resolves symlinks (readlink -f): logs/DOMAIN.log points to /var/log/nginx/domains/…,
    // which does not contain the domain folder (line 78), so it is refused with the resolved path.
    [Fact]
    public void AddFtp_PathThroughALogSymlink_IsInvalidWithTheResolvedTarget()
    {
        var host = new EmulatorTestHost();

        Fails(2, "Error: absolute path /var/log/nginx/domains/example.com.log is invalid",
            host.Call("v-add-web-domain-ftp", "alice", "example.com", "logs", "Passw0rd-1", "logs/example.com.log"));
    }

    // bin/v-add-web-domain-ftp 85-89: a missing folder is made by root, chown USER:USER, chmod 751.
    [Fact]
    public void AddFtp_MissingFolder_IsCreated751()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "up", "Passw0rd-1", "public_html/uploads"));

        Assert.Equal("d|751|alice|alice|4096|uploads", List(host, Dir + "/public_html")["uploads"]);
    }

    // ---------------------------------------------------------------- v-add-fs-directory USER DIRECTORY

    // bin/v-add-fs-directory 48: user_exec mkdir -p as the user (umask 022): new folders 755 USER:USER.
    [Theory]
    [InlineData(Dir + "/public_html/new", Dir + "/public_html", "new")]
    [InlineData(Dir + "/private/a", Dir + "/private", "a")]
    [InlineData("/home/alice/own", "/home/alice", "own")]
    [InlineData("/tmp/alice-upload", "/tmp", "alice-upload")]
    public void AddFsDirectory_WritableParent_Creates755(string path, string parent, string name)
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-fs-directory", "alice", path));

        if (parent != "/tmp")
        {
            Assert.Equal($"d|755|alice|alice|4096|{name}", List(host, parent)[name]);
        }
        Succeeds(host.Call("v-check-fs-permission", "alice", path));
    }

    // mkdir -p on an existing folder succeeds and changes nothing.
    [Fact]
    public void AddFsDirectory_ExistingFolder_SucceedsAndKeepsItsMode()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-fs-directory", "alice", Dir + "/logs"));

        Assert.Equal("d|551|alice|alice|4096|logs", List(host, Dir)["logs"]);
    }

    // bin/v-add-fs-directory 26 (check_args 2 'USER DIR'), 27 (user format), 28 (user exists), 41-45 (readlink -f must
    // start with /tmp or the home folder; a relative path resolves against the API's folder), 48-52 (mkdir -p as the
    // user fails where the user may not write: /home/USER/web is root's, the domain folder is 551).
    [Theory]
    [InlineData(new[] { "alice" }, 1, "Usage: v-add-fs-directory USER DIR")]
    [InlineData(new[] { "al!ce", "/tmp/x" }, 2, "Error: invalid user format :: al!ce")]
    [InlineData(new[] { "nobody1", "/tmp/x" }, 3, "Error: user nobody1 doesn't exist")]
    [InlineData(new[] { "alice", "/etc/x" }, 2, "Error: invalid destination path /etc/x")]
    [InlineData(new[] { "alice", "public_html/x" }, 2, "Error: invalid destination path public_html/x")]
    [InlineData(new[] { "alice", "/home/alice/a/b" }, 2, "Error: invalid destination path /home/alice/a/b")]
    [InlineData(new[] { "alice", Dir + "/public_html/index.html/x" }, 2, "Error: invalid destination path " + Dir + "/public_html/index.html/x")]
    [InlineData(new[] { "alice", Web + "/newsite" }, 3, "Error: directory " + Web + "/newsite was not created")]
    [InlineData(new[] { "alice", Dir + "/newdir" }, 3, "Error: directory " + Dir + "/newdir was not created")]
    public void AddFsDirectory_Refused_ExitsWithTheScriptsMessage(string[] args, int exit, string message)
    {
        var host = new EmulatorTestHost();

        Fails(exit, message, host.Call("v-add-fs-directory", args));

        Assert.Equal(1, host.Call("v-list-fs-directory", "alice", Web + "/newsite").ExitCodeHeader);
        Assert.Equal(1, host.Call("v-list-fs-directory", "alice", Dir + "/newdir").ExitCodeHeader);
    }

    // bin/v-add-fs-directory 31: check_hestia_demo_mode (func/main.sh 1866-1871); the API prefixes exit 1's text with "Error: ".
    [Fact]
    public void AddFsDirectory_DemoMode_IsRefused()
    {
        var host = new EmulatorTestHost(c => c.SetDemoMode(true));

        Fails(1, "Error: ERROR: Unable to perform operation due to security restrictions that are in place.",
            host.Call("v-add-fs-directory", "alice", Dir + "/public_html/new"));
    }

    /// <summary>v-list-fs-directory lines by name, without date and time.</summary>
    private sealed class EmulatorResponseReader(HestiaFtp.Emulator.EmulatorResponse response)
    {
        public string this[string name] => FsEntry(response, name);
    }
}
