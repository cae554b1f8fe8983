using static HestiaFtp.Tests.Emulator.EmulatorAssert;

namespace HestiaFtp.Tests.Emulator;

/// <summary>The admin command v-add-web-domain-alias USER DOMAIN ALIASES [RESTART], from hestiacp/hestiacp 1.10.3.</summary>
public sealed class HestiaEmulatorAliasCommandTests
{
    private static Dictionary<string, string> Domain(EmulatorTestHost host, string user, string domain) =>
        Entry(host.Call("v-list-web-domain", user, domain, "json"), domain);

    // bin/v-add-web-domain-alias 37 (format_aliases, func/domain.sh 1788-1798: lower case, sorted, unique, dots trimmed),
    // 68-72 (appended to ALIAS after a comma), 100-101 (web.conf updated, U_WEB_ALIASES counted).
    [Fact]
    public void AddAlias_Aliases_AreNormalisedAndAppended()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-web-domain-alias", "alice", "example.com", "WWW.Extra.test.,shop.example.com,shop.example.com"));

        Assert.Equal("www.example.com,shop.example.com,www.extra.test", Domain(host, "alice", "example.com")["ALIAS"]);
        Assert.Equal("3", Entry(host.Call("v-list-user", "alice", "json"), "alice")["U_WEB_ALIASES"]);
    }

    // A domain created with ALIASES 'none' has an empty ALIAS; the first alias is not preceded by a comma (line 68-69).
    [Fact]
    public void AddAlias_DomainWithoutAliases_SetsTheFirst()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-web-domain", "alice", "bare.test", "", "", "none"));

        Succeeds(host.Call("v-add-web-domain-alias", "alice", "bare.test", "www.bare.test"));

        Assert.Equal("www.bare.test", Domain(host, "alice", "bare.test")["ALIAS"]);
    }

    // bin/v-add-web-domain-alias 34 (format_domain: the domain is normalised like the other web commands).
    [Fact]
    public void AddAlias_DomainInUpperCaseWithWww_IsNormalised()
    {
        var host = new EmulatorTestHost();

        Succeeds(host.Call("v-add-web-domain-alias", "alice", "WWW.Example.COM", "blog.example.com"));

        Assert.Equal("www.example.com,blog.example.com", Domain(host, "alice", "example.com")["ALIAS"]);
    }

    // bin/v-add-web-domain-alias 43-45 (an empty alias list is refused before check_args), 47 (check_args 3), 48 with
    // func/main.sh 975-992 (alias format; user, domain and restart formats), 50-53 (user and domain exist and are not
    // suspended), 54 with func/domain.sh 45-56 and 59-96 (not another web domain, not an alias of any domain).
    [Theory]
    [InlineData(new[] { "alice", "example.com" }, 2, "Error: Invalid alias format: empty")]
    [InlineData(new[] { "alice", "example.com", "..." }, 2, "Error: Invalid alias format: empty")]
    [InlineData(new[] { "alice" }, 2, "Error: Invalid alias format: empty")]
    [InlineData(new[] { "alice", "example.com", "bad_alias.test" }, 2, "Error: invalid alias format :: bad_alias.test")]
    [InlineData(new[] { "alice", "example.com", "mid.*.test" }, 2, "Error: invalid alias format :: mid.*.test")]
    [InlineData(new[] { "alice", "example.com", "ok.test", "maybe" }, 2, "Error: invalid restart format :: maybe")]
    [InlineData(new[] { "nobody1", "example.com", "ok.test" }, 3, "Error: user nobody1 doesn't exist")]
    [InlineData(new[] { "alice", "nosuch.test", "ok.test" }, 3, "Error: web domain nosuch.test doesn't exist")]
    [InlineData(new[] { "alice", "example.com", "example.com" }, 4, "Error: Web domain example.com exists")]
    [InlineData(new[] { "alice", "example.com", "www.example.com" }, 4, "Error: Web alias www.example.com exists")]
    public void AddAlias_Refused_ExitsWithTheScriptsMessageAndKeepsTheAliases(string[] args, int exit, string message)
    {
        var host = new EmulatorTestHost();

        Fails(exit, message, host.Call("v-add-web-domain-alias", args));

        Assert.Equal("www.example.com", Domain(host, "alice", "example.com")["ALIAS"]);
    }

    // Only one argument: format_aliases leaves the list empty, so the empty-alias check (line 43) wins over check_args.
    [Fact]
    public void AddAlias_NoArguments_IsTheEmptyAliasError()
    {
        var host = new EmulatorTestHost();

        Fails(2, "Error: Invalid alias format: empty", host.Call("v-add-web-domain-alias"));
    }

    // bin/v-add-web-domain-alias 51 and 53: is_object_unsuspended for the user, then for the domain.
    [Fact]
    public void AddAlias_SuspendedUserOrDomain_IsRefused()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-suspend-web-domain", "alice", "example.com"));

        Fails(5, "Error: web example.com is suspended", host.Call("v-add-web-domain-alias", "alice", "example.com", "ok.test"));

        Succeeds(host.Call("v-suspend-user", "alice"));
        Fails(5, "Error: user alice is suspended", host.Call("v-add-web-domain-alias", "alice", "example.com", "ok.test"));
    }

    // An alias another domain of any user carries is taken (func/domain.sh 59-96 greps every user's web.conf).
    [Fact]
    public void AddAlias_AliasOfAnotherUsersDomain_Exists()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-user", "bob", "Bob-Pass-1", "bob@mail.test"));
        Succeeds(host.Call("v-add-web-domain", "bob", "bob.test", "", "", "shared.test"));

        Fails(4, "Error: Web alias shared.test exists", host.Call("v-add-web-domain-alias", "alice", "example.com", "shared.test"));
    }

    // bin/v-add-web-domain-alias 55 with func/domain.sh 1138-1160: ENFORCE_SUBDOMAIN_OWNERSHIP is 'yes' (func/syshealth.sh
    // 342-344), so a subdomain of another user's web domain is refused with exit 4.
    [Fact]
    public void AddAlias_SubdomainOfAnotherUsersDomain_IsRefused()
    {
        var host = new EmulatorTestHost();
        Succeeds(host.Call("v-add-user", "bob", "Bob-Pass-1", "bob@mail.test"));
        Succeeds(host.Call("v-add-web-domain", "bob", "bob.test"));

        Fails(4, "Error: Unable to add shop.bob.test. bob.test belongs to a different user",
            host.Call("v-add-web-domain-alias", "alice", "example.com", "shop.bob.test"));
        Succeeds(host.Call("v-add-web-domain-alias", "bob", "bob.test", "shop.bob.test"));
    }

    // bin/v-add-web-domain-alias 58: check_hestia_demo_mode after every check.
    [Fact]
    public void AddAlias_DemoMode_IsRefused()
    {
        var host = new EmulatorTestHost(c => c.SetDemoMode(true));

        Fails(1, "Error: ERROR: Unable to perform operation due to security restrictions that are in place.",
            host.Call("v-add-web-domain-alias", "alice", "example.com", "ok.test"));
    }
}
