using FluentValidation;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Tests.Core.FtpAccounts;

public class FtpAccountServiceTests
{
    private const string Add = HestiaCommands.AddWebDomainFtp;
    private const string Delete = HestiaCommands.DeleteWebDomainFtp;
    private const string ChangePath = HestiaCommands.ChangeWebDomainFtpPath;
    private const string ChangePassword = HestiaCommands.ChangeWebDomainFtpPassword;
    private const string Read = HestiaCommands.ListWebDomain;
    private const string Password = "correct-horse-battery";

    private readonly CapturingLogger _log = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private FtpAccountService Service(ICredentialGenerator? generator = null) =>
        new(generator ?? new ScriptedGenerator("ftpaaaaaa", "ftpbbbbbb", "ftpcccccc", "ftpdddddd", "ftpeeeeee", "ftpffffff"), _log);

    private static string[] Logins(FakeHestiaClient client, string domain = "example.com") =>
        client.Accounts[domain].Select(a => a.Login).ToArray();

    // ---- quick create ----

    [Fact]
    public async Task QuickCreateAsync_WhenFree_CreatesAtRootAndReturnsPasswordOnce()
    {
        var client = new FakeHestiaClient();
        var generator = new ScriptedGenerator("ftpaaaaaa");

        var result = await Service(generator).QuickCreateAsync(client, "alice", "example.com", _ct);

        Assert.Equal(FtpCreateStatus.Created, result.Status);
        Assert.Equal(new CreatedFtpAccount("alice_ftpaaaaaa", generator.IssuedPasswords.Single(), "example.com", ""), result.Account);
        Assert.Equal(["alice_ftpaaaaaa"], Logins(client));
        Assert.Equal([$"{Add} alice example.com ftpaaaaaa {generator.IssuedPasswords.Single()} <none>"], client.Mutations);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenNameTakenOnServer_RetriesWithNewNameAndCreatesExactlyOne()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Error(HestiaReturnCode.Exists, Add, "Error: ftp user alice_ftpaaaaaa already exists"));

        var result = await Service().QuickCreateAsync(client, "alice", "example.com", _ct);

        Assert.Equal(FtpCreateStatus.Created, result.Status);
        Assert.Equal("alice_ftpbbbbbb", result.Account!.Login);
        Assert.Equal(["alice_ftpbbbbbb"], Logins(client));
        Assert.Equal(2, client.Mutations.Count());
        Assert.Contains(" ftpaaaaaa ", client.Mutations.First());
        Assert.Contains(" ftpbbbbbb ", client.Mutations.Last());
    }

    [Fact]
    public async Task QuickCreateAsync_WhenEveryNameTaken_GivesUpAfterFiveWithoutCreating()
    {
        var client = new FakeHestiaClient();
        for (var i = 0; i < 6; i++)
        {
            client.Script(Add, FakeHestiaClient.Error(HestiaReturnCode.Exists, Add));
        }

        var result = await Service().QuickCreateAsync(client, "alice", "example.com", _ct);

        Assert.Equal((FtpCreateStatus.NotCreated, FtpResultCodes.NamesTaken), (result.Status, result.ReasonCode));
        Assert.Null(result.Account);
        Assert.Equal(FtpAccountService.MaxQuickCreateAttempts, client.Mutations.Count());
        Assert.Empty(client.Accounts["example.com"]);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenGeneratedNameAlreadyOnDomain_SkipsItWithoutCalling()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_ftpaaaaaa");

        var result = await Service().QuickCreateAsync(client, "alice", "example.com", _ct);

        Assert.Equal("alice_ftpbbbbbb", result.Account!.Login);
        Assert.Single(client.Mutations);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenExistingDotLoginWouldMatchGeneratedName_SkipsIt()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_ftpaa.aaa");
        var result = await Service(new ScriptedGenerator("ftpaaaaaa", "ftpbbbbbb")).QuickCreateAsync(client, "alice", "example.com", _ct);

        Assert.Equal("alice_ftpbbbbbb", result.Account!.Login);
        Assert.Single(client.Mutations);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenAnswerLostButCreated_ReportsCreatedWithoutResending()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Lost(Add), applyFirst: true);
        var generator = new ScriptedGenerator("ftpaaaaaa", "ftpbbbbbb");

        var result = await Service(generator).QuickCreateAsync(client, "alice", "example.com", _ct);

        Assert.Equal((FtpCreateStatus.Created, FtpResultCodes.ConfirmedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Equal(("alice_ftpaaaaaa", generator.IssuedPasswords.Single()), (result.Account!.Login, result.Account.Password));
        Assert.Single(client.Mutations);
        Assert.Equal(Read, client.Calls.Last().Split(' ')[0]);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenAnswerLostAndNotCreated_ReportsNotCreatedWithoutResending()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Lost(Add));

        var result = await Service().QuickCreateAsync(client, "alice", "example.com", _ct);

        Assert.Equal((FtpCreateStatus.NotCreated, FtpResultCodes.NotAppliedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Null(result.Account);
        Assert.Single(client.Mutations);
        Assert.Empty(client.Accounts["example.com"]);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenAnswerLostAndReReadFails_ReportsUnknown()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Lost(Add));
        var service = Service();
        var failingReread = new ReReadFailingClient(client);

        var result = await service.QuickCreateAsync(failingReread, "alice", "example.com", _ct);

        Assert.Equal((FtpCreateStatus.Unknown, FtpResultCodes.OutcomeUnknown), (result.Status, result.ReasonCode));
        Assert.Single(client.Mutations);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenHestiaRefusesOtherwise_Throws()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Error(HestiaReturnCode.Suspended, Add, "Error: web example.com is suspended"));

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Service().QuickCreateAsync(client, "alice", "example.com", _ct));

        Assert.Equal(HestiaReturnCode.Suspended, ex.Code);
        Assert.Single(client.Mutations);
    }

    [Fact]
    public async Task QuickCreateAsync_WhenUserNameLeavesNoRoom_ThrowsValidationWithoutMutation()
    {
        var user = "u2345678901234567890123456";
        var client = new FakeHestiaClient(user);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service(new CredentialGenerator()).QuickCreateAsync(client, user, "example.com", _ct));

        Assert.Contains(ex.Errors, e => e.ErrorCode == ValidationCodes.LoginTooLong);
        Assert.Empty(client.Mutations);
    }

    // ---- create ----

    [Fact]
    public async Task CreateAsync_WithTypedPrefixAndFolder_SendsStrippedSuffixAndNormalizedFolder()
    {
        var client = new FakeHestiaClient();
        client.Folders.Add("/public_html/uploads");

        var result = await Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "alice_web", Password, "public_html//uploads/"), _ct);

        Assert.Equal(FtpCreateStatus.Created, result.Status);
        Assert.Equal(new CreatedFtpAccount("alice_web", Password, "example.com", "/public_html/uploads"), result.Account);
        Assert.Equal([$"{Add} alice example.com web {Password} /public_html/uploads"], client.Mutations);
    }

    [Fact]
    public async Task CreateAsync_AtRoot_SkipsFolderChecks()
    {
        var client = new FakeHestiaClient();

        var result = await Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password, "/"), _ct);

        Assert.Equal(FtpCreateStatus.Created, result.Status);
        Assert.DoesNotContain(client.Calls, c => c.StartsWith(HestiaCommands.CheckFsPermission, StringComparison.Ordinal));
        Assert.Equal("", client.Accounts["example.com"].Single().Folder);
    }

    [Fact]
    public async Task CreateAsync_WhenFolderMissing_ThrowsValidationWithoutAdd()
    {
        var client = new FakeHestiaClient();

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password, "missing"), _ct));

        var failure = Assert.Single(ex.Errors);
        Assert.Equal((nameof(CreateFtpAccountRequest.Folder), ValidationCodes.PathNotFound), (failure.PropertyName, failure.ErrorCode));
        Assert.Empty(client.Mutations);
    }

    [Fact]
    public async Task CreateAsync_WhenFolderGoneAfterAdd_DeletesTheAccountAgain()
    {
        var client = new FakeHestiaClient();
        client.FolderAnswers.Enqueue(true);
        client.FolderAnswers.Enqueue(false);

        var result = await Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password, "uploads"), _ct);

        Assert.Equal((FtpCreateStatus.RolledBack, FtpResultCodes.FolderMissingRolledBack), (result.Status, result.ReasonCode));
        Assert.Null(result.Account);
        Assert.Equal([$"{Add} alice example.com web {Password} /uploads", $"{Delete} alice example.com alice_web"], client.Mutations);
        Assert.Empty(client.Accounts["example.com"]);
    }

    [Fact]
    public async Task CreateAsync_WhenRollbackFails_ReportsRollbackFailed()
    {
        var client = new FakeHestiaClient().Script(Delete, FakeHestiaClient.Error(HestiaReturnCode.Suspended, Delete));
        client.FolderAnswers.Enqueue(true);
        client.FolderAnswers.Enqueue(false);

        var result = await Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password, "uploads"), _ct);

        Assert.Equal(FtpCreateStatus.RollbackFailed, result.Status);
        Assert.Equal(["alice_web"], Logins(client));
    }

    [Fact]
    public async Task CreateAsync_WhenAnswerLostAndNotCreated_ReportsNotCreatedWithoutResending()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Lost(Add));

        var result = await Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password), _ct);

        Assert.Equal((FtpCreateStatus.NotCreated, FtpResultCodes.NotAppliedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Single(client.Mutations);
    }

    [Fact]
    public async Task CreateAsync_WhenAnswerLostButCreated_StillChecksFolder()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Lost(Add), applyFirst: true);
        client.Folders.Add("/uploads");

        var result = await Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password, "uploads"), _ct);

        Assert.Equal((FtpCreateStatus.Created, FtpResultCodes.ConfirmedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Equal(2, client.Calls.Count(c => c.StartsWith(HestiaCommands.CheckFsPermission, StringComparison.Ordinal)));
        Assert.Single(client.Mutations);
    }

    [Fact]
    public async Task CreateAsync_WhenExistingDotLoginWouldMatch_RefusesWithoutAdd()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web.1");

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web-1", Password), _ct));

        Assert.Equal(ValidationCodes.LoginAmbiguous, Assert.Single(ex.Errors).ErrorCode);
        Assert.Empty(client.Mutations);
    }

    [Fact]
    public async Task CreateAsync_WhenLoginAlreadyOnDomain_RefusesWithoutAdd()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web");

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service().CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password), _ct));

        Assert.Equal(ValidationCodes.LoginExists, Assert.Single(ex.Errors).ErrorCode);
        Assert.Empty(client.Mutations);
    }

    // ---- no mutation after validation failure ----

    public static TheoryData<string> InvalidOperations() =>
    [
        "create-bad-suffix", "create-dot-suffix", "create-tmp-password", "create-traversal", "create-bad-domain", "create-bad-user",
        "password-bad-login", "password-short", "path-traversal", "path-forbidden", "path-foreign-login", "delete-bad-login",
        "delete-bad-domain", "quick-bad-domain", "quick-bad-user",
    ];

    [Theory]
    [MemberData(nameof(InvalidOperations))]
    public async Task AnyOperation_WhenRequestInvalid_ThrowsValidationAndCallsNothing(string operation)
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web");
        client.Folders.Add("/public_html");
        var service = Service();

        Task action = operation switch
        {
            "create-bad-suffix" => service.CreateAsync(client, new("alice", "example.com", "we b", Password), _ct),
            "create-dot-suffix" => service.CreateAsync(client, new("alice", "example.com", "web.2", Password), _ct),
            "create-tmp-password" => service.CreateAsync(client, new("alice", "example.com", "web2", "/tmp/some-password"), _ct),
            "create-traversal" => service.CreateAsync(client, new("alice", "example.com", "web2", Password, "../example.com.evil"), _ct),
            "create-bad-domain" => service.CreateAsync(client, new("alice", "Example.com", "web2", Password), _ct),
            "create-bad-user" => service.CreateAsync(client, new("alice;id", "example.com", "web2", Password), _ct),
            "password-bad-login" => service.ChangePasswordAsync(client, new("alice", "example.com", "web", Password), _ct),
            "password-short" => service.ChangePasswordAsync(client, new("alice", "example.com", "alice_web", "short"), _ct),
            "path-traversal" => service.ChangeFolderAsync(client, new("alice", "example.com", "alice_web", "../.."), _ct),
            "path-forbidden" => service.ChangeFolderAsync(client, new("alice", "example.com", "alice_web", "up:load"), _ct),
            "path-foreign-login" => service.ChangeFolderAsync(client, new("alice", "example.com", "bob_web", "/public_html"), _ct),
            "delete-bad-login" => service.DeleteAsync(client, new("alice", "example.com", "alice_web\n"), _ct),
            "delete-bad-domain" => service.DeleteAsync(client, new("alice", "www.example.com", "alice_web"), _ct),
            "quick-bad-domain" => service.QuickCreateAsync(client, "alice", "exa_mple.com", _ct),
            "quick-bad-user" => service.QuickCreateAsync(client, "", "example.com", _ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        await Assert.ThrowsAsync<ValidationException>(() => action);
        Assert.Empty(client.Calls);
    }

    // ---- change password ----

    [Fact]
    public async Task ChangePasswordAsync_WhenDone_ReadsBackAndConfirms()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web");

        var result = await Service().ChangePasswordAsync(client, new ChangeFtpPasswordRequest("alice", "example.com", "alice_web", Password), _ct);

        Assert.Equal(new FtpPasswordChangeResult("alice_web", "example.com", true, true, null), result);
        Assert.Equal([Read, ChangePassword, Read], client.Calls.Select(c => c.Split(' ')[0]));
    }

    [Fact]
    public async Task ChangePasswordAsync_WhenAnswerLost_ReportsUnknownWithoutResending()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web").Script(ChangePassword, FakeHestiaClient.Lost(ChangePassword));

        var result = await Service().ChangePasswordAsync(client, new ChangeFtpPasswordRequest("alice", "example.com", "alice_web", Password), _ct);

        Assert.Equal((false, true, FtpResultCodes.OutcomeUnknown), (result.Changed, result.Confirmed, result.ReasonCode));
        Assert.Single(client.Mutations);
    }

    [Fact]
    public async Task ChangePasswordAsync_WhenLoginAmbiguous_RefusesWithoutChange()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web-1").WithAccount("example.com", "alice_web.1");

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service().ChangePasswordAsync(client, new ChangeFtpPasswordRequest("alice", "example.com", "alice_web.1", Password), _ct));

        Assert.Equal(ValidationCodes.LoginAmbiguous, Assert.Single(ex.Errors).ErrorCode);
        Assert.Empty(client.Mutations);
    }

    [Fact]
    public async Task ChangePasswordAsync_WhenLoginNotOnDomain_RefusesWithoutChange()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web");

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service().ChangePasswordAsync(client, new ChangeFtpPasswordRequest("alice", "example.com", "alice_other", Password), _ct));

        Assert.Equal(ValidationCodes.LoginNotFound, Assert.Single(ex.Errors).ErrorCode);
        Assert.Empty(client.Mutations);
    }

    // ---- change path ----

    [Fact]
    public async Task ChangePathAsync_WhenFolderExists_MovesAndReturnsActualPath()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web", "/old");
        client.Folders.Add("/public_html/new");

        var result = await Service().ChangeFolderAsync(client, new ChangeFtpFolderRequest("alice", "example.com", "alice_web", "public_html/new/"), _ct);

        Assert.Equal(new FtpFolderChangeResult("alice_web", "example.com", "/public_html/new", "/public_html/new", false, null), result);
        Assert.Equal([$"{ChangePath} alice example.com alice_web /public_html/new"], client.Mutations);
    }

    [Fact]
    public async Task ChangePathAsync_WhenFolderMissing_ResetsToRoot()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web", "/old");

        var result = await Service().ChangeFolderAsync(client, new ChangeFtpFolderRequest("alice", "example.com", "alice_web", "missing"), _ct);

        Assert.Equal(new FtpFolderChangeResult("alice_web", "example.com", "/missing", "", true, FtpResultCodes.PathMissingReset), result);
        Assert.Equal([$"{ChangePath} alice example.com alice_web "], client.Mutations);
    }

    [Fact]
    public async Task ChangePathAsync_WhenHestiaRejectsFolder_ResetsToRoot()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web", "/old")
            .Script(ChangePath, FakeHestiaClient.Error(HestiaReturnCode.Invalid, ChangePath, "Error: absolute path  is invalid"));
        client.Folders.Add("/public_html");

        var result = await Service().ChangeFolderAsync(client, new ChangeFtpFolderRequest("alice", "example.com", "alice_web", "/public_html"), _ct);

        Assert.Equal((true, "", FtpResultCodes.PathRejectedReset), (result.WasReset, result.ActualFolder, result.ReasonCode));
        Assert.Equal([$"{ChangePath} alice example.com alice_web /public_html", $"{ChangePath} alice example.com alice_web "], client.Mutations);
    }

    [Fact]
    public async Task ChangePathAsync_ToRoot_SendsEmptyPathWithoutFolderCheck()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web", "/old");

        var result = await Service().ChangeFolderAsync(client, new ChangeFtpFolderRequest("alice", "example.com", "alice_web", "/"), _ct);

        Assert.Equal(("", false), (result.ActualFolder, result.WasReset));
        Assert.DoesNotContain(client.Calls, c => c.StartsWith(HestiaCommands.CheckFsPermission, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangePathAsync_WhenAnswerLost_ReadsBackWhatIsTrue()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web", "/old")
            .Script(ChangePath, FakeHestiaClient.Lost(ChangePath));
        client.Folders.Add("/new");

        var result = await Service().ChangeFolderAsync(client, new ChangeFtpFolderRequest("alice", "example.com", "alice_web", "new"), _ct);

        Assert.Equal(("/old", false, FtpResultCodes.NotAppliedAfterUnknown), (result.ActualFolder, result.WasReset, result.ReasonCode));
        Assert.Single(client.Mutations);
    }

    // ---- delete ----

    [Fact]
    public async Task DeleteAsync_WhenPresent_Deletes()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web").WithAccount("example.com", "alice_other");

        var result = await Service().DeleteAsync(client, new DeleteFtpAccountRequest("alice", "example.com", "alice_web"), _ct);

        Assert.Equal(FtpDeleteStatus.Deleted, result.Status);
        Assert.Equal(["alice_other"], Logins(client));
    }

    [Fact]
    public async Task DeleteAsync_WhenDotLoginWouldMatchAnother_RefusesWithoutDelete()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web-1").WithAccount("example.com", "alice_web.1");

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            Service().DeleteAsync(client, new DeleteFtpAccountRequest("alice", "example.com", "alice_web.1"), _ct));

        Assert.Equal(ValidationCodes.LoginAmbiguous, Assert.Single(ex.Errors).ErrorCode);
        Assert.Empty(client.Mutations);
        Assert.Equal(2, client.Accounts["example.com"].Count);
    }

    [Fact]
    public async Task DeleteAsync_WhenOnlyOtherHasDot_DeletesBecauseSentNameIsLiteral()
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web-1").WithAccount("example.com", "alice_web.1");

        var result = await Service().DeleteAsync(client, new DeleteFtpAccountRequest("alice", "example.com", "alice_web-1"), _ct);

        Assert.Equal(FtpDeleteStatus.Deleted, result.Status);
        Assert.Equal(["alice_web.1"], Logins(client));
    }

    [Fact]
    public async Task DeleteAsync_WhenNotOnDomain_ReportsNotFoundWithoutCalling()
    {
        var client = new FakeHestiaClient();

        var result = await Service().DeleteAsync(client, new DeleteFtpAccountRequest("alice", "example.com", "alice_gone"), _ct);

        Assert.Equal(FtpDeleteStatus.NotFound, result.Status);
        Assert.Empty(client.Mutations);
    }

    [Theory]
    [InlineData(true, FtpDeleteStatus.Deleted)]
    [InlineData(false, FtpDeleteStatus.NotDeleted)]
    public async Task DeleteAsync_WhenAnswerLost_ReadsBackInsteadOfResending(bool applied, FtpDeleteStatus expected)
    {
        var client = new FakeHestiaClient().WithAccount("example.com", "alice_web").Script(Delete, FakeHestiaClient.Lost(Delete), applied);

        var result = await Service().DeleteAsync(client, new DeleteFtpAccountRequest("alice", "example.com", "alice_web"), _ct);

        Assert.Equal(expected, result.Status);
        Assert.Single(client.Mutations);
    }

    // ---- list ----

    [Fact]
    public async Task ListAccountsAsync_ForUser_FlattensDomainsInOrder()
    {
        var client = new FakeHestiaClient("alice", "a.example", "b.example")
            .WithAccount("a.example", "alice_one").WithAccount("b.example", "alice_two", "/x").WithAccount("b.example", "alice_three");

        var accounts = await Service().ListAccountsAsync(client, "alice", _ct);

        Assert.Equal(
            [("a.example", "alice_one"), ("b.example", "alice_two"), ("b.example", "alice_three")],
            accounts.Select(a => (a.Domain.Name, a.Account.Login)));
    }

    // ---- logging ----

    [Fact]
    public async Task Operations_NeverLogPasswords()
    {
        var client = new FakeHestiaClient().Script(Add, FakeHestiaClient.Error(HestiaReturnCode.Exists, Add));
        client.FolderAnswers.Enqueue(true);
        client.FolderAnswers.Enqueue(false);
        var generator = new ScriptedGenerator("ftpaaaaaa", "ftpbbbbbb");
        var service = Service(generator);

        await service.QuickCreateAsync(client, "alice", "example.com", _ct);
        await service.CreateAsync(client, new CreateFtpAccountRequest("alice", "example.com", "web", Password, "uploads"), _ct);
        client.Script(ChangePassword, FakeHestiaClient.Lost(ChangePassword));
        await service.ChangePasswordAsync(client, new ChangeFtpPasswordRequest("alice", "example.com", "alice_ftpbbbbbb", Password + "2"), _ct);

        Assert.NotEmpty(_log.Lines);
        foreach (var secret in generator.IssuedPasswords.Append(Password))
        {
            Assert.DoesNotContain(_log.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Passes everything through, except that every read after the first fails.</summary>
    private sealed class ReReadFailingClient(FakeHestiaClient inner) : IHestiaClient
    {
        private int _reads;

        public string ServerName => inner.ServerName;
        public Task<IReadOnlyList<HestiaUser>> ListUsersAsync(CancellationToken cancellationToken) => inner.ListUsersAsync(cancellationToken);
        public Task<HestiaUser> GetUserAsync(string user, CancellationToken cancellationToken) => inner.GetUserAsync(user, cancellationToken);
        public Task<IReadOnlyList<WebDomain>> ListWebDomainsAsync(string user, CancellationToken cancellationToken) => inner.ListWebDomainsAsync(user, cancellationToken);

        public Task<WebDomain> GetWebDomainAsync(string user, string domain, CancellationToken cancellationToken) =>
            ++_reads == 1 ? inner.GetWebDomainAsync(user, domain, cancellationToken) : Task.FromException<WebDomain>(FakeHestiaClient.Lost(Read));

        public Task<bool> CheckUserPasswordAsync(string user, string password, string clientIp, CancellationToken cancellationToken) =>
            inner.CheckUserPasswordAsync(user, password, clientIp, cancellationToken);
        public Task AddFtpAccountAsync(string user, string domain, string loginSuffix, string password, string? path, CancellationToken cancellationToken) =>
            inner.AddFtpAccountAsync(user, domain, loginSuffix, password, path, cancellationToken);
        public Task ChangeFtpPasswordAsync(string user, string domain, string login, string password, CancellationToken cancellationToken) =>
            inner.ChangeFtpPasswordAsync(user, domain, login, password, cancellationToken);
        public Task ChangeFtpPathAsync(string user, string domain, string login, string path, CancellationToken cancellationToken) =>
            inner.ChangeFtpPathAsync(user, domain, login, path, cancellationToken);
        public Task DeleteFtpAccountAsync(string user, string domain, string login, CancellationToken cancellationToken) =>
            inner.DeleteFtpAccountAsync(user, domain, login, cancellationToken);
        public Task<bool> FolderExistsAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) =>
            inner.FolderExistsAsync(user, domain, relativePath, cancellationToken);
        public Task<IReadOnlyList<FsEntry>?> ListFolderAsync(string user, string domain, string relativePath, CancellationToken cancellationToken) =>
            inner.ListFolderAsync(user, domain, relativePath, cancellationToken);
    }

    /// <summary>Records every formatted message, its structured values and any exception text.</summary>
    private sealed class CapturingLogger : ILogger<FtpAccountService>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            Lines.Add($"{formatter(state, exception)} | {values} | {exception}");
        }
    }
}
