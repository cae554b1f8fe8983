using static HestiaFtp.Tests.Emulator.EmulatorAssert;

namespace HestiaFtp.Tests.Emulator;

/// <summary>
/// The admin commands v-add-user and v-delete-user, the user counters only the ROOT_USER's record carries and the user
/// defaults taken from the package and v-add-user's arguments (issue 10, behaviours 3 and 6). Script lines cite
/// hestiacp/hestiacp at tag 1.10.3.
/// </summary>
public sealed class HestiaEmulatorUserCommandTests
{
    private const string Password = "Carol-Pass-1";
    private const string Reserved = "aria aria_log mysql mysql_upgrade ib ib_buffer ddl ddl_recovery performance sudo";

    // ---------------------------------------------------------------- 3. user counters

    // bin/v-add-user 215-221 and 243: U_USERS is 1 on the ROOT_USER's own record and 0 on every other; 283-286 count each
    // new user on the ROOT_USER's record only. bin/v-suspend-user 99 likewise for SUSPENDED_USERS. bin/v-list-users 35
    // prints each user's own user.conf.
    [Fact]
    public void ListUsers_Counters_OnlyOnTheRootUsersRecord()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-user", "carol", Password, "carol@mail.test"));
        Succeeds(host.Call("v-suspend-user", "alice"));

        var list = host.Call("v-list-users", "json");

        Assert.Equal(("3", "1"), (Entry(list, "admin")["U_USERS"], Entry(list, "admin")["SUSPENDED_USERS"]));
        Assert.Equal(("0", "0"), (Entry(list, "alice")["U_USERS"], Entry(list, "alice")["SUSPENDED_USERS"]));
        Assert.Equal(("0", "0"), (Entry(list, "carol")["U_USERS"], Entry(list, "carol")["SUSPENDED_USERS"]));
    }

    // bin/v-list-user 182-184: after sourcing USER's user.conf, U_USERS and SUSPENDED_USERS are read from the ROOT_USER's.
    [Fact]
    public void ListUser_Counters_AreTheRootUsers()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-user", "carol", Password, "carol@mail.test"));
        Succeeds(host.Call("v-suspend-user", "carol"));

        var carol = Entry(host.Call("v-list-user", "carol", "json"), "carol");

        Assert.Equal(("3", "1", "yes"), (carol["U_USERS"], carol["SUSPENDED_USERS"], carol["SUSPENDED"]));
    }

    // ---------------------------------------------------------------- 6. user defaults and v-add-user

    // bin/v-add-user 18-23 (package defaults to "default", name = NAME + " " + LASTNAME), 74 and 223-226 (user.conf:
    // NAME, PACKAGE, the package's lines, CONTACT = EMAIL), 234 (ROLE 'user'); install/common/packages/default.pkg
    // gives NS and SHELL.
    [Fact]
    public void AddUser_Created_TakesNsFromThePackageAndContactFromTheArguments()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-user", "carol", Password, "carol@mail.test", "default", "Carol", "Jones"));

        var carol = Entry(host.Call("v-list-user", "carol", "json"), "carol");
        Assert.Equal("ns1.domain.tld,ns2.domain.tld", carol["NS"]);
        Assert.Equal("carol@mail.test", carol["CONTACT"]);
        Assert.Equal(("Carol Jones", "default", "nologin", "user", "no"), (carol["NAME"], carol["PACKAGE"], carol["SHELL"], carol["ROLE"], carol["SUSPENDED"]));
        Assert.Equal(("unlimited", "1", "/home/carol", "0"), (carol["WEB_DOMAINS"], carol["BACKUPS"], carol["HOME"], carol["U_WEB_DOMAINS"]));
        Assert.Equal(("2026-11-28", "15:30:00"), (carol["DATE"], carol["TIME"]));
    }

    // A seeded user with no NS of its own has the default package's, not an example value.
    [Fact]
    public void ListUser_SeededUser_HasThePackagesNs()
    {
        var host = new EmulatorTestHost();

        Assert.Equal("ns1.domain.tld,ns2.domain.tld", Entry(host.Call("v-list-user", "alice", "json"), "alice")["NS"]);
    }

    // bin/v-add-user 88 (useradd -c EMAIL: v-list-users lists /etc/passwd lines with '@'), 92 (chpasswd), 119-123 (web
    // folder root:USER 755): the new user signs in, lists, and can get a web domain.
    [Fact]
    public void AddUser_Created_CanSignInAndOwnAWebDomain()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-user", "carol", Password, "carol@mail.test"));

        Assert.Contains("carol", Keys(host.Call("v-list-users", "json")));
        Succeeds(host.Call("v-check-user-password", "carol", Password));
        Assert.Equal("d|755|root|carol|4096|", FsEntry(host.Call("v-list-fs-directory", "carol", "/home/carol/web"), ""));
        Succeeds(host.Call("v-add-web-domain", "carol", "carol.test"));
        Assert.Equal(["carol.test"], Keys(host.Call("v-list-web-domains", "carol", "json")));
    }

    // bin/v-add-user 56 (check_args 3; the usage text ends in a blank the API trims), 57 with func/main.sh 926-953
    // (is_user_format_valid; FROM_V_ADD_USER also needs a leading letter and no '.'), 1277-1283 (email), 1469-1473
    // (package), 58-60 with 1460-1466 (name), 35-50 (reserved names, then /etc/passwd or an existing user: exit 4),
    // 64 with 309-320 (package exists), 89-99 (PAM refuses the password).
    [Theory]
    [InlineData(new[] { "dave", "Dave-Pass-1" }, 1, "Usage: v-add-user USER PASSWORD EMAIL [PACKAGE] [NAME]")]
    [InlineData(new[] { "1dave", "Dave-Pass-1", "dave@mail.test" }, 2, "Error: invalid user format :: 1dave")]
    [InlineData(new[] { "da.ve", "Dave-Pass-1", "dave@mail.test" }, 2, "Error: invalid user format :: da.ve")]
    [InlineData(new[] { "d", "Dave-Pass-1", "dave@mail.test" }, 2, "Error: invalid user format :: d")]
    [InlineData(new[] { "dave", "Dave-Pass-1", "dave.mail.test" }, 2, "Error: invalid email format :: dave.mail.test")]
    [InlineData(new[] { "dave", "Dave-Pass-1", "dave@mail.test", "gold plan" }, 2, "Error: invalid package format :: gold plan")]
    [InlineData(new[] { "dave", "Dave-Pass-1", "dave@mail.test", "default", "D'Arcy" }, 2, "Error: Invalid name contains qoutes (\" or ') :: D'Arcy")]
    [InlineData(new[] { "MySQL", "Dave-Pass-1", "dave@mail.test" }, 2, "Error: The user name 'MySQL' is reserved and cannot be used. List of reserved names: " + Reserved)]
    [InlineData(new[] { "alice", "Dave-Pass-1", "dave@mail.test" }, 4, "Error: user alice exists")]
    [InlineData(new[] { "www-data", "Dave-Pass-1", "dave@mail.test" }, 4, "Error: user www-data exists")]
    [InlineData(new[] { "dave", "Dave-Pass-1", "dave@mail.test", "gold" }, 3, "Error: package gold doesn't exist")]
    [InlineData(new[] { "dave", "", "dave@mail.test" }, 2, "Error: Password not accepted due to PAM restrictions")]
    public void AddUser_Refused_ExitsWithTheScriptsMessageAndAddsNobody(string[] args, int exit, string message)
    {
        var host = new EmulatorTestHost();

        Fails(exit, message, host.Call("v-add-user", args));

        Assert.Equal(["admin", "alice"], Keys(host.Call("v-list-users", "json")));
        Assert.Equal("2", Entry(host.Call("v-list-users", "json"), "admin")["U_USERS"]);
    }

    // An FTP account is a system user too (bin/v-add-user 46: cut -f 1 -d : /etc/passwd | grep "^$user$").
    [Fact]
    public void AddUser_NameOfAnFtpAccount_Exists()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "ftp", "Passw0rd-1"));

        Fails(4, "Error: user alice_ftp exists", host.Call("v-add-user", "alice_ftp", Password, "x@mail.test"));
    }

    // bin/v-add-user 67: check_hestia_demo_mode after every check.
    [Fact]
    public void AddUser_DemoMode_IsRefused()
    {
        var host = new EmulatorTestHost(c => c.SetDemoMode(true));

        Fails(1, "Error: ERROR: Unable to perform operation due to security restrictions that are in place.",
            host.Call("v-add-user", "carol", Password, "carol@mail.test"));
    }

    // ---------------------------------------------------------------- v-delete-user USER [RESTART]

    // bin/v-delete-user 50-55 (its web domains and their FTP accounts), 93 (userdel), 106 (rm -rf /home/USER), 110
    // (user data), 113-115 (the ROOT_USER's U_USERS goes down).
    [Fact]
    public void DeleteUser_User_RemovesItsDomainsAccountsAndHome()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "ftp", "Passw0rd-1"));

        Succeeds(host.Call("v-delete-user", "alice"));

        Assert.Equal(["admin"], Keys(host.Call("v-list-users", "json")));
        Assert.Equal("1", Entry(host.Call("v-list-users", "json"), "admin")["U_USERS"]);
        Fails(3, "Error: user alice doesn't exist", host.Call("v-list-user", "alice", "json"));
        Fails(9, "Error: password missmatch", host.Call("v-check-user-password", "alice", EmulatorTestHost.AlicePassword));
        Succeeds(host.Call("v-add-user", "alice", Password, "alice@mail.test"));
        Assert.Equal("{\n}", host.Call("v-list-web-domains", "alice", "json").Body);
        Succeeds(host.Call("v-add-web-domain", "alice", "example.com")); // the old folder is gone
        Succeeds(host.Call("v-add-web-domain-ftp", "alice", "example.com", "ftp", "Passw0rd-1")); // so is alice_ftp
    }

    // bin/v-delete-user 79: a suspended user is unsuspended first (bin/v-unsuspend-user 56: SUSPENDED_USERS goes down).
    [Fact]
    public void DeleteUser_SuspendedUser_LowersTheSuspendedCounter()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-suspend-user", "alice"));

        Succeeds(host.Call("v-delete-user", "alice"));

        Assert.Equal("0", Entry(host.Call("v-list-users", "json"), "admin")["SUSPENDED_USERS"]);
    }

    // bin/v-delete-user 39-41: the ROOT_USER is never deleted, and the script still exits 0.
    [Fact]
    public void DeleteUser_RootUser_SucceedsAndDeletesNothing()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-delete-user", "admin"));

        Assert.Equal(["admin", "alice"], Keys(host.Call("v-list-users", "json")));
    }

    // bin/v-delete-user 36 (check_args 1), 37 (user and restart formats), 38 (user exists), 44 (demo mode).
    [Theory]
    [InlineData(new string[0], 1, "Usage: v-delete-user USER [RESTART]")]
    [InlineData(new[] { "al!ce" }, 2, "Error: invalid user format :: al!ce")]
    [InlineData(new[] { "alice", "maybe" }, 2, "Error: invalid restart format :: maybe")]
    [InlineData(new[] { "nobody1" }, 3, "Error: user nobody1 doesn't exist")]
    public void DeleteUser_Refused_ExitsWithTheScriptsMessage(string[] args, int exit, string message)
    {
        var host = new EmulatorTestHost();

        Fails(exit, message, host.Call("v-delete-user", args));

        Assert.Equal(["admin", "alice"], Keys(host.Call("v-list-users", "json")));
    }

    [Fact]
    public void DeleteUser_DemoMode_IsRefused()
    {
        var host = new EmulatorTestHost(c => c.SetDemoMode(true));

        Fails(1, "Error: ERROR: Unable to perform operation due to security restrictions that are in place.", host.Call("v-delete-user", "alice"));
    }
}
