using HestiaFtp.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;

namespace HestiaFtp.Tests.Core.Hestia;

/// <summary>
/// The real client over loopback HTTP against the emulator (or a real HestiaCP server, see <see cref="HestiaServerFixture"/>):
/// every operation and the error cases of hestiacp-observed.md §6.
/// </summary>
public sealed class HestiaClientIntegrationTests(HestiaServerFixture server) : IClassFixture<HestiaServerFixture>
{
    private const string Password = "Hf-Test-Pass-42x";
    private const string OtherPassword = "Hf-Other-Pass-43y";
    private const string DocumentationIp = "192.0.2.10";

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private IHestiaClient Client => server.Client;
    private string User => server.User;
    private string Domain => server.Domain;

    private async Task<string> AddAsync(string? path = null, IHestiaClient? client = null)
    {
        var suffix = HestiaServerFixture.NewSuffix();
        await (client ?? Client).AddFtpAccountAsync(User, Domain, suffix, Password, path, _ct);
        return $"{User}_{suffix}";
    }

    private async Task<FtpAccount?> FindAsync(string login) =>
        (await Client.GetWebDomainAsync(User, Domain, _ct)).FtpAccounts.SingleOrDefault(a => a.Login == login);

    private static async Task<HestiaException> Fails(HestiaReturnCode code, string message, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<HestiaException>(call);
        Assert.Equal(code, ex.Code);
        Assert.Equal(message, ex.HestiaMessage);
        Assert.False(ex.OutcomeUnknown);
        return ex;
    }

    private async Task<string> OtherUserAsync() =>
        (await Client.ListUsersAsync(_ct)).Select(u => u.Name).First(n => n != User);

    // ---------------------------------------------------------------- reads

    [Fact]
    public async Task ListUsersAsync_Server_ContainsTheTestUser()
    {
        var users = await Client.ListUsersAsync(_ct);

        Assert.Contains(users, u => u.Name == User && !u.IsAdmin);
        Assert.Contains(users, u => u.IsAdmin);
    }

    [Fact]
    public async Task GetUserAsync_KnownUser_ReturnsIt()
    {
        var user = await Client.GetUserAsync(User, _ct);

        Assert.Equal(User, user.Name);
        Assert.Equal("user", user.Role);
        Assert.False(user.Suspended);
        Assert.True(user.WebDomainCount >= 1);
    }

    [Fact]
    public async Task GetUserAsync_UnknownUser_ThrowsNotExist()
    {
        await Fails(HestiaReturnCode.NotExist, "Error: user hftestnouser doesn't exist", () => Client.GetUserAsync("hftestnouser", _ct));
    }

    [Fact]
    public async Task ListWebDomainsAsync_User_ContainsTheDomain()
    {
        var domains = await Client.ListWebDomainsAsync(User, _ct);

        var domain = Assert.Single(domains, d => d.Name == Domain);
        Assert.Equal(User, domain.Owner);
        Assert.Equal($"/home/{User}/web/{Domain}/public_html/", domain.DocumentRoot);
    }

    [Fact]
    public async Task ListWebDomainsAsync_UnknownUser_ThrowsNotExist()
    {
        await Fails(HestiaReturnCode.NotExist, "Error: user hftestnouser doesn't exist", () => Client.ListWebDomainsAsync("hftestnouser", _ct));
    }

    [Fact]
    public async Task ListWebDomainsAsync_UserWithoutDomains_ReturnsEmpty()
    {
        var emulator = server.RequireEmulator("creates a panel user");
        var name = "hfempty" + RandomSuffix();
        emulator.AddUser(name, "Empty-Pass-1");

        Assert.Empty(await Client.ListWebDomainsAsync(name, _ct));
    }

    [Fact]
    public async Task GetWebDomainAsync_UnknownDomain_ThrowsNotExist()
    {
        await Fails(HestiaReturnCode.NotExist, "Error: web domain hftest-nosuch.example doesn't exist",
            () => Client.GetWebDomainAsync(User, "hftest-nosuch.example", _ct));
    }

    [Fact]
    public async Task GetWebDomainAsync_OutOfBandAccounts_PairsLoginsAndPaths()
    {
        var emulator = server.RequireEmulator("writes FTP_USER/FTP_PATH directly");
        var domain = NewDomain(emulator);
        var (one, two, three) = ($"{User}_{HestiaServerFixture.NewSuffix()}", $"{User}_{HestiaServerFixture.NewSuffix()}", $"{User}_{HestiaServerFixture.NewSuffix()}");
        emulator.AddFtpAccountDirect(User, domain, one, "public_html");
        emulator.AddFtpAccountDirect(User, domain, two, "/uploads");
        emulator.AddFtpAccountDirect(User, domain, three, "");

        var accounts = (await Client.GetWebDomainAsync(User, domain, _ct)).FtpAccounts;

        Assert.Equal([new FtpAccount(one, domain, "/public_html"), new FtpAccount(two, domain, "/uploads"), new FtpAccount(three, domain, "")], accounts);
    }

    // ---------------------------------------------------------------- add

    [Fact]
    public async Task AddFtpAccountAsync_NoPath_CreatesPrefixedAccountAtDomainRoot()
    {
        var login = await AddAsync();

        Assert.Equal(new FtpAccount(login, Domain, ""), await FindAsync(login));
        if (server.Emulator is { } emulator)
        {
            Assert.Equal(Password, emulator.PasswordOf(login));
            Assert.Equal($"/home/{User}/web/{Domain}", emulator.HomeOf(login));
        }
    }

    [Fact]
    public async Task AddFtpAccountAsync_ExistingPath_StoresNormalisedPath()
    {
        var login = await AddAsync("public_html/");

        Assert.Equal("/public_html", (await FindAsync(login))!.Folder);
        Assert.Equal($"/home/{User}/web/{Domain}/public_html", server.Emulator?.HomeOf(login) ?? $"/home/{User}/web/{Domain}/public_html");
    }

    [Fact]
    public async Task AddFtpAccountAsync_MissingLeafFolder_CreatesIt()
    {
        var emulator = server.RequireEmulator("would leave a folder behind on a real server");
        var folder = "hftest-new" + RandomSuffix();

        var login = await AddAsync(folder);

        Assert.Equal("/" + folder, (await FindAsync(login))!.Folder);
        Assert.True(emulator.PathExists($"/home/{User}/web/{Domain}/{folder}"));
        Assert.True(await Client.FolderExistsAsync(User, Domain, folder, _ct));
    }

    [Fact]
    public async Task AddFtpAccountAsync_Duplicate_ThrowsExists()
    {
        var login = await AddAsync();
        var suffix = login[(User.Length + 1)..];

        await Fails(HestiaReturnCode.Exists, $"Error: ftp user {login} already exists",
            () => Client.AddFtpAccountAsync(User, Domain, suffix, OtherPassword, null, _ct));

        Assert.Equal(Password, server.Emulator?.PasswordOf(login) ?? Password);
    }

    [Theory]
    [InlineData("bad!")]
    [InlineData("bad name")]
    [InlineData("hftest-")]
    [InlineData("föö")]
    public async Task AddFtpAccountAsync_BadName_ThrowsInvalidWithHestiasMessage(string suffix)
    {
        await Fails(HestiaReturnCode.Invalid, $"Error: invalid ftp_user format :: {User}_{suffix}",
            () => Client.AddFtpAccountAsync(User, Domain, suffix, Password, null, _ct));

        Assert.Null(await FindAsync($"{User}_{suffix}"));
        Assert.Empty(server.Emulator?.GetSystemAccounts($"{User}_{suffix}") ?? []);
    }

    [Fact]
    public async Task AddFtpAccountAsync_NameTooLong_ThrowsInvalid()
    {
        // The full name may have 30 characters; this one has 31.
        var suffix = (HestiaServerFixture.LoginPrefix + new string('x', 30)).Substring(0, 30 - User.Length);
        var longest = suffix[..^1];

        await Fails(HestiaReturnCode.Invalid, $"Error: invalid ftp_user format :: {User}_{suffix}",
            () => Client.AddFtpAccountAsync(User, Domain, suffix, Password, null, _ct));
        await Client.AddFtpAccountAsync(User, Domain, longest, Password, null, _ct);

        Assert.NotNull(await FindAsync($"{User}_{longest}"));
        await Client.DeleteFtpAccountAsync(User, Domain, $"{User}_{longest}", _ct);
    }

    [Fact]
    public async Task AddFtpAccountAsync_MissingDomain_ThrowsNotExist()
    {
        await Fails(HestiaReturnCode.NotExist, "Error: web domain hftest-nosuch.example doesn't exist",
            () => Client.AddFtpAccountAsync(User, "hftest-nosuch.example", HestiaServerFixture.NewSuffix(), Password, null, _ct));
    }

    [Fact]
    public async Task AddFtpAccountAsync_MissingUser_ThrowsNotExist()
    {
        await Fails(HestiaReturnCode.NotExist, "Error: user hftestnouser doesn't exist",
            () => Client.AddFtpAccountAsync("hftestnouser", Domain, HestiaServerFixture.NewSuffix(), Password, null, _ct));
    }

    [Fact]
    public async Task AddFtpAccountAsync_OtherUsersDomain_ThrowsNotExist()
    {
        var other = await OtherUserAsync();
        var suffix = HestiaServerFixture.NewSuffix();

        await Fails(HestiaReturnCode.NotExist, $"Error: web domain {Domain} doesn't exist",
            () => Client.AddFtpAccountAsync(other, Domain, suffix, Password, null, _ct));

        Assert.Empty(server.Emulator?.GetSystemAccounts($"{other}_{suffix}") ?? []);
    }

    [Fact]
    public async Task AddFtpAccountAsync_EmptyPassword_ThrowsInvalidAndLeavesNothing()
    {
        var suffix = HestiaServerFixture.NewSuffix();

        await Fails(HestiaReturnCode.Invalid, "Error: Password not accepted due to PAM restrictions",
            () => Client.AddFtpAccountAsync(User, Domain, suffix, "", null, _ct));

        Assert.Null(await FindAsync($"{User}_{suffix}"));
        Assert.Empty(server.Emulator?.GetSystemAccounts($"{User}_{suffix}") ?? []);
    }

    [Fact]
    public async Task AddFtpAccountAsync_PathEscapingTheDomain_ThrowsInvalid()
    {
        var suffix = HestiaServerFixture.NewSuffix();

        await Fails(HestiaReturnCode.Invalid, "Error: absolute path /home/etc is invalid",
            () => Client.AddFtpAccountAsync(User, Domain, suffix, Password, "../../../etc", _ct));

        Assert.Null(await FindAsync($"{User}_{suffix}"));
    }

    [Fact]
    public async Task AddFtpAccountAsync_NestedMissingPath_ThrowsInvalidWithEmptyPath()
    {
        var suffix = HestiaServerFixture.NewSuffix();

        await Fails(HestiaReturnCode.Invalid, "Error: absolute path  is invalid",
            () => Client.AddFtpAccountAsync(User, Domain, suffix, Password, "hftest-deep/er/path", _ct));

        Assert.Null(await FindAsync($"{User}_{suffix}"));
        Assert.False(server.Emulator?.PathExists($"/home/{User}/web/{Domain}/hftest-deep") ?? false);
    }

    [Fact]
    public async Task AddFtpAccountAsync_SuspendedDomain_ThrowsSuspended()
    {
        var emulator = server.RequireEmulator("suspends a web domain");
        var domain = NewDomain(emulator);
        emulator.SuspendWebDomain(User, domain);
        var suffix = HestiaServerFixture.NewSuffix();

        await Fails(HestiaReturnCode.Suspended, $"Error: web {domain} is suspended",
            () => Client.AddFtpAccountAsync(User, domain, suffix, Password, null, _ct));

        Assert.Empty(emulator.GetFtpAccounts(User, domain));
        Assert.True((await Client.GetWebDomainAsync(User, domain, _ct)).Suspended);
    }

    [Fact]
    public async Task AddFtpAccountAsync_SuspendedUser_ThrowsSuspended()
    {
        var emulator = server.RequireEmulator("suspends a panel user");
        var (user, domain) = NewUser(emulator, suspended: true);

        await Fails(HestiaReturnCode.Suspended, $"Error: user {user} is suspended",
            () => Client.AddFtpAccountAsync(user, domain, "ftp1", Password, null, _ct));

        Assert.Empty(emulator.GetFtpAccounts(user, domain));
        Assert.True((await Client.GetUserAsync(user, _ct)).Suspended);
    }

    [Fact]
    public async Task AddFtpAccountAsync_Http500AfterApplying_ThrowsConnectWithUnknownOutcomeAndAccountExists()
    {
        var emulator = server.RequireEmulator("injects a fault (hestiacp#797)");
        var suffix = HestiaServerFixture.NewSuffix();
        emulator.FailNext(HestiaCommands.AddWebDomainFtp, EmulatorFault.Http500AfterApplying);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client.AddFtpAccountAsync(User, Domain, suffix, Password, null, _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.True(ex.OutcomeUnknown);
        Assert.NotNull(await FindAsync($"{User}_{suffix}"));
    }

    [Fact]
    public async Task ListWebDomainsAsync_Http500Once_RetriesAndSucceeds()
    {
        var emulator = server.RequireEmulator("injects a fault");
        emulator.FailNext(HestiaCommands.ListWebDomains, EmulatorFault.Http500BeforeApplying);

        Assert.Contains(await Client.ListWebDomainsAsync(User, _ct), d => d.Name == Domain);
    }

    // ---------------------------------------------------------------- change password

    [Fact]
    public async Task ChangeFtpPasswordAsync_Account_ChangesPassword()
    {
        var login = await AddAsync();

        await Client.ChangeFtpPasswordAsync(User, Domain, login, OtherPassword, _ct);

        Assert.Equal(OtherPassword, server.Emulator?.PasswordOf(login) ?? OtherPassword);
        Assert.NotNull(await FindAsync(login));
    }

    [Fact]
    public async Task ChangeFtpPasswordAsync_EmptyPassword_ThrowsInvalidAndKeepsOld()
    {
        var login = await AddAsync();

        await Fails(HestiaReturnCode.Invalid, "Error: Password not accepted due to PAM restrictions",
            () => Client.ChangeFtpPasswordAsync(User, Domain, login, "", _ct));

        Assert.Equal(Password, server.Emulator?.PasswordOf(login) ?? Password);
    }

    [Fact]
    public async Task ChangeFtpPasswordAsync_UnprefixedName_ThrowsNotExist()
    {
        var login = await AddAsync();
        var suffix = login[(User.Length + 1)..];

        await Fails(HestiaReturnCode.NotExist, $"Error: account {suffix} doesn't exist",
            () => Client.ChangeFtpPasswordAsync(User, Domain, suffix, OtherPassword, _ct));

        Assert.Equal(Password, server.Emulator?.PasswordOf(login) ?? Password);
    }

    [Fact]
    public async Task ChangeFtpPasswordAsync_SuspendedDomain_ThrowsSuspended()
    {
        var emulator = server.RequireEmulator("suspends a web domain");
        var domain = NewDomain(emulator);
        var login = $"{User}_{HestiaServerFixture.NewSuffix()}";
        emulator.AddFtpAccountDirect(User, domain, login, "", Password);
        emulator.SuspendWebDomain(User, domain);

        await Fails(HestiaReturnCode.Suspended, $"Error: web {domain} is suspended",
            () => Client.ChangeFtpPasswordAsync(User, domain, login, OtherPassword, _ct));

        Assert.Equal(Password, emulator.PasswordOf(login));
    }

    // ---------------------------------------------------------------- change path

    [Fact]
    public async Task ChangeFtpPathAsync_ToFolderAndBackToRoot_UpdatesPath()
    {
        var login = await AddAsync();

        await Client.ChangeFtpPathAsync(User, Domain, login, "/public_html/", _ct);
        Assert.Equal("/public_html", (await FindAsync(login))!.Folder);
        Assert.Equal($"/home/{User}/web/{Domain}/public_html", server.Emulator?.HomeOf(login) ?? $"/home/{User}/web/{Domain}/public_html");

        await Client.ChangeFtpPathAsync(User, Domain, login, "", _ct);
        Assert.Equal("", (await FindAsync(login))!.Folder);
    }

    [Fact]
    public async Task ChangeFtpPathAsync_EscapingPath_ThrowsInvalidAndKeepsPath()
    {
        var login = await AddAsync("public_html");

        await Fails(HestiaReturnCode.Invalid, $"Error: absolute path /home/{User} is invalid",
            () => Client.ChangeFtpPathAsync(User, Domain, login, "../..", _ct));

        Assert.Equal("/public_html", (await FindAsync(login))!.Folder);
    }

    [Fact]
    public async Task ChangeFtpPathAsync_NestedMissingPath_ThrowsInvalid()
    {
        var login = await AddAsync();

        await Fails(HestiaReturnCode.Invalid, "Error: absolute path  is invalid",
            () => Client.ChangeFtpPathAsync(User, Domain, login, "hftest-brand-new/a/b", _ct));

        Assert.Equal("", (await FindAsync(login))!.Folder);
    }

    [Fact]
    public async Task ChangeFtpPathAsync_UnknownAccount_ThrowsNotExist()
    {
        var login = $"{User}_hftestnosuch";

        await Fails(HestiaReturnCode.NotExist, $"Error: account {login} doesn't exist",
            () => Client.ChangeFtpPathAsync(User, Domain, login, "public_html", _ct));
    }

    [Fact]
    public async Task ChangeFtpPathAsync_SuspendedDomain_ThrowsSuspended()
    {
        var emulator = server.RequireEmulator("suspends a web domain");
        var domain = NewDomain(emulator);
        var login = $"{User}_{HestiaServerFixture.NewSuffix()}";
        emulator.AddFtpAccountDirect(User, domain, login, "", Password);
        emulator.SuspendWebDomain(User, domain);

        await Fails(HestiaReturnCode.Suspended, $"Error: web {domain} is suspended",
            () => Client.ChangeFtpPathAsync(User, domain, login, "public_html", _ct));

        Assert.Equal("", Assert.Single(emulator.GetFtpAccounts(User, domain)).Path);
    }

    // ---------------------------------------------------------------- delete

    [Fact]
    public async Task DeleteFtpAccountAsync_Twice_SecondThrowsNotExist()
    {
        var login = await AddAsync();

        await Client.DeleteFtpAccountAsync(User, Domain, login, _ct);
        Assert.Null(await FindAsync(login));
        Assert.Empty(server.Emulator?.GetSystemAccounts(login) ?? []);

        await Fails(HestiaReturnCode.NotExist, $"Error: account {login} doesn't exist",
            () => Client.DeleteFtpAccountAsync(User, Domain, login, _ct));
    }

    [Fact]
    public async Task DeleteFtpAccountAsync_UnprefixedName_ThrowsNotExistAndKeepsAccount()
    {
        var login = await AddAsync();
        var suffix = login[(User.Length + 1)..];

        await Fails(HestiaReturnCode.NotExist, $"Error: account {suffix} doesn't exist",
            () => Client.DeleteFtpAccountAsync(User, Domain, suffix, _ct));

        Assert.NotNull(await FindAsync(login));
    }

    [Fact]
    public async Task DeleteFtpAccountAsync_SuspendedDomain_Deletes()
    {
        var emulator = server.RequireEmulator("suspends a web domain");
        var domain = NewDomain(emulator);
        var login = $"{User}_{HestiaServerFixture.NewSuffix()}";
        emulator.AddFtpAccountDirect(User, domain, login, "", Password);
        emulator.SuspendWebDomain(User, domain);

        await Client.DeleteFtpAccountAsync(User, domain, login, _ct);

        Assert.Empty(emulator.GetFtpAccounts(User, domain));
        Assert.Null(emulator.PasswordOf(login));
    }

    [Fact]
    public async Task DeleteFtpAccountAsync_MissingDomain_ThrowsNotExist()
    {
        await Fails(HestiaReturnCode.NotExist, "Error: web domain hftest-nosuch.example doesn't exist",
            () => Client.DeleteFtpAccountAsync(User, "hftest-nosuch.example", $"{User}_hftestx", _ct));
    }

    // ---------------------------------------------------------------- panel password

    [Fact]
    public async Task CheckUserPasswordAsync_RightPassword_ReturnsTrue()
    {
        if (server.UserPassword is null)
        {
            Assert.Skip("Set HESTIA_TEST_USER_PASSWORD to check a right panel password against a real server.");
        }

        Assert.True(await Client.CheckUserPasswordAsync(User, server.UserPassword, DocumentationIp, _ct));
    }

    [Fact]
    public async Task CheckUserPasswordAsync_WrongPassword_ReturnsFalseAndClientStillWorks()
    {
        Assert.False(await Client.CheckUserPasswordAsync(User, "hftest-wrong-password", DocumentationIp, _ct));
        Assert.False(await Client.CheckUserPasswordAsync("hftestnouser", "hftest-wrong-password", DocumentationIp, _ct));

        // The end user's failure did not open the dashboard's credentials breaker.
        Assert.Contains(await Client.ListUsersAsync(_ct), u => u.Name == User);
    }

    [Fact]
    public async Task CheckUserPasswordAsync_SuspendedUserWithRightPassword_ReturnsFalse()
    {
        var emulator = server.RequireEmulator("suspends a panel user");
        var (user, _) = NewUser(emulator, suspended: true);

        Assert.False(await Client.CheckUserPasswordAsync(user, "Suspended-Pass-1", DocumentationIp, _ct));
        emulator.UnsuspendUser(user);
        Assert.True(await Client.CheckUserPasswordAsync(user, "Suspended-Pass-1", DocumentationIp, _ct));
    }

    // ---------------------------------------------------------------- folders

    [Theory]
    [InlineData("", true)]
    [InlineData("public_html", true)]
    [InlineData("/public_html/", true)]
    [InlineData("hftest-nope", false)]
    [InlineData("hftest-nope/deeper", false)]
    public async Task FolderExistsAsync_Path_ReportsExistence(string path, bool exists)
    {
        Assert.Equal(exists, await Client.FolderExistsAsync(User, Domain, path, _ct));
    }

    [Fact]
    public async Task ListFolderAsync_DomainRoot_ListsPublicHtml()
    {
        var entries = await Client.ListFolderAsync(User, Domain, "", _ct);

        Assert.NotNull(entries);
        Assert.Contains(new FsEntry('d', "public_html"), entries);
        Assert.DoesNotContain(entries, e => e.Name.Length == 0);
    }

    [Fact]
    public async Task ListFolderAsync_OutOfBandContent_ListsDirectoriesAndFiles()
    {
        var emulator = server.RequireEmulator("creates folders and files");
        var domain = NewDomain(emulator);
        emulator.AddFolder(User, domain, "public_html/media");
        emulator.AddFile(User, domain, "public_html/media/logo.png", 42);
        emulator.AddFolder(User, domain, "public_html/media/thumbs");

        var entries = await Client.ListFolderAsync(User, domain, "public_html/media", _ct);

        Assert.Equal([new FsEntry('f', "logo.png"), new FsEntry('d', "thumbs")], entries!.OrderBy(e => e.Name, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("hftest-nope")]
    [InlineData("hftest-nope/deeper")]
    public async Task ListFolderAsync_MissingFolder_ReturnsNull(string path)
    {
        Assert.Null(await Client.ListFolderAsync(User, Domain, path, _ct));
    }

    // ---------------------------------------------------------------- legacy auth and credentials

    [Fact]
    public async Task LegacyClient_AddDuplicateDelete_BehavesLikeAccessKey()
    {
        var legacy = server.RequireLegacyClient();
        var login = await AddAsync(client: legacy);
        var suffix = login[(User.Length + 1)..];

        Assert.Contains(new FtpAccount(login, Domain, ""), (await legacy.GetWebDomainAsync(User, Domain, _ct)).FtpAccounts);
        await Fails(HestiaReturnCode.Exists, $"Error: ftp user {login} already exists",
            () => legacy.AddFtpAccountAsync(User, Domain, suffix, Password, null, _ct));
        await legacy.ChangeFtpPasswordAsync(User, Domain, login, OtherPassword, _ct);
        Assert.Equal(OtherPassword, server.Emulator?.PasswordOf(login) ?? OtherPassword);
        await legacy.DeleteFtpAccountAsync(User, Domain, login, _ct);
        Assert.Null(await FindAsync(login));
        await Fails(HestiaReturnCode.NotExist, $"Error: account {login} doesn't exist",
            () => legacy.DeleteFtpAccountAsync(User, Domain, login, _ct));
    }

    [Fact]
    public async Task LegacyClient_ErrorsAndReads_MapLikeAccessKey()
    {
        var legacy = server.RequireLegacyClient();

        await Fails(HestiaReturnCode.NotExist, "Error: web domain hftest-nosuch.example doesn't exist",
            () => legacy.GetWebDomainAsync(User, "hftest-nosuch.example", _ct));
        await Fails(HestiaReturnCode.Invalid, $"Error: invalid ftp_user format :: {User}_bad!",
            () => legacy.AddFtpAccountAsync(User, Domain, "bad!", Password, null, _ct));
        await Fails(HestiaReturnCode.Invalid, "Error: absolute path /home/etc is invalid",
            () => legacy.AddFtpAccountAsync(User, Domain, HestiaServerFixture.NewSuffix(), Password, "../../../etc", _ct));
        Assert.False(await legacy.CheckUserPasswordAsync(User, "hftest-wrong-password", DocumentationIp, _ct));
        Assert.Contains(await legacy.ListUsersAsync(_ct), u => u.Name == User);
        Assert.Contains(new FsEntry('d', "public_html"), (await legacy.ListFolderAsync(User, Domain, "", _ct))!);
        Assert.True(await legacy.FolderExistsAsync(User, Domain, "public_html", _ct));
    }

    [Fact]
    public async Task LegacyClient_SuspendedDomain_ThrowsSuspended()
    {
        var emulator = server.RequireEmulator("suspends a web domain");
        var domain = NewDomain(emulator);
        emulator.SuspendWebDomain(User, domain);

        await Fails(HestiaReturnCode.Suspended, $"Error: web {domain} is suspended",
            () => server.RequireLegacyClient().AddFtpAccountAsync(User, domain, "ftp1", Password, null, _ct));
    }

    [Fact]
    public async Task Client_WrongSecret_ThrowsPasswordAndPausesCalls()
    {
        var emulator = server.RequireEmulator("a wrong secret counts toward a fail2ban ban on a real server");
        var client = server.CreateClient(s => s["SecretKey"] = new string('x', 40));

        var first = await Assert.ThrowsAsync<HestiaException>(() => client.ListUsersAsync(_ct));
        var second = await Assert.ThrowsAsync<HestiaException>(() => client.ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Password, first.Code);
        Assert.StartsWith("Error: Invalid secret key for key", first.HestiaMessage, StringComparison.Ordinal);
        Assert.Equal(HestiaReturnCode.Password, second.Code);
        Assert.Contains("paused", second.HestiaMessage, StringComparison.Ordinal);
        Assert.NotNull(emulator);
    }

    [Fact]
    public async Task Client_CallerIpNotAllowed_ThrowsForbidden()
    {
        var emulator = server.RequireEmulator("changes API_ALLOWED_IP");
        var client = server.CreateClient(_ => { });
        emulator.SetApiAllowedIp("198.51.100.1");
        try
        {
            await Fails(HestiaReturnCode.Forbidden, "Error: IP is not allowed to connect with API", () => client.ListUsersAsync(_ct));
        }
        finally
        {
            emulator.SetApiAllowedIp("127.0.0.1");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static string RandomSuffix() => System.Security.Cryptography.RandomNumberGenerator.GetHexString(6, lowercase: true);

    private string NewDomain(EmulatorControl emulator)
    {
        var domain = $"hftest-{RandomSuffix()}.example";
        emulator.AddWebDomain(User, domain);
        return domain;
    }

    private static (string User, string Domain) NewUser(EmulatorControl emulator, bool suspended)
    {
        var user = "hfsusp" + RandomSuffix();
        var domain = $"{user}.example";
        emulator.AddUser(user, "Suspended-Pass-1");
        emulator.AddWebDomain(user, domain);
        if (suspended)
        {
            emulator.SuspendUser(user);
        }
        return (user, domain);
    }
}
