using FluentValidation;
using HestiaFtp.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Tests.Core.FtpAccounts;

/// <summary>
/// The service against the emulator through the real client over loopback HTTP. Every test pins the HestiaCP calls the
/// action made, counted at the emulator, and checks what really changed there.
/// </summary>
public sealed class FtpAccountServiceTests(EmulatedHestiaFixture hestia) : IClassFixture<EmulatedHestiaFixture>, IDisposable
{
    private const string User = EmulatedHestiaFixture.User;
    private const string Add = HestiaCommands.AddWebDomainFtp;
    private const string Delete = HestiaCommands.DeleteWebDomainFtp;
    private const string ChangePath = HestiaCommands.ChangeWebDomainFtpPath;
    private const string ChangePassword = HestiaCommands.ChangeWebDomainFtpPassword;
    private const string Read = HestiaCommands.ListWebDomain;
    private const string Check = HestiaCommands.CheckFsPermission;
    private const string Password = "correct-horse-battery";
    private const string OtherPassword = "battery-staple-horse";

    private readonly CapturingLogger _log = new();
    private readonly List<(string User, string Domain)> _domains = [];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private IHestiaClient Client => hestia.Client;
    private EmulatorControl Emulator => hestia.Control;

    private FtpAccountService Service(ICredentialGenerator? generator = null) =>
        new(generator ?? new ScriptedGenerator("ftpaaaaaa", "ftpbbbbbb", "ftpcccccc", "ftpdddddd", "ftpeeeeee", "ftpffffff"), _log);

    /// <summary>A fresh domain, set up out of band, read as the live store would hold it; call counts start at zero.</summary>
    private async Task<WebDomain> ArrangeAsync(Action<string>? setup = null, string user = User)
    {
        var domain = NewDomain(user);
        setup?.Invoke(domain);
        return await CurrentAsync(domain, user);
    }

    private string NewDomain(string user = User)
    {
        var domain = hestia.NewDomain(user);
        _domains.Add((user, domain));
        return domain;
    }

    /// <summary>
    /// Undoes what a test changed on the shared emulator: the PAM hook, unused faults, and its domains with their FTP
    /// accounts (HestiaCP refuses a name taken anywhere on the server).
    /// </summary>
    public void Dispose()
    {
        hestia.Control.RejectPasswordHook = null;
        hestia.Control.ClearFaults();
        foreach (var (user, domain) in _domains)
        {
            hestia.Control.DeleteWebDomain(user, domain);
        }
    }

    private async Task<WebDomain> CurrentAsync(string domain, string user = User)
    {
        var current = await Client.GetWebDomainAsync(user, domain, _ct);
        hestia.Emulator.ResetCallCounts();
        return current;
    }

    /// <summary>The calls the emulator counted since the arrangement, e.g. <c>v-add-web-domain-ftp=1, v-list-web-domain=1</c>.</summary>
    private string Calls() => Format(hestia.Emulator.CallCounts.Select(kv => (kv.Key, kv.Value)));

    private static string Expected(params (string Command, int Count)[] calls) => Format(calls);

    private static string Format(IEnumerable<(string Command, int Count)> calls) =>
        string.Join(", ", calls.OrderBy(c => c.Command, StringComparer.Ordinal).Select(c => $"{c.Command}={c.Count}"));

    private IReadOnlyList<EmulatorFtpAccount> AccountsOn(WebDomain domain) => Emulator.GetFtpAccounts(User, domain.Name);

    private static string[] LoginsOf(WebDomain? domain) => domain?.FtpAccounts.Select(a => a.Login).ToArray() ?? [];

    // ---------------------------------------------------------------- quick create

    [Fact]
    public async Task QuickCreateAsync_NameFree_DoneAtRootWithOneAddAndOneRead()
    {
        var current = await ArrangeAsync();
        var generator = new ScriptedGenerator("ftpaaaaaa");

        var result = await Service(generator).QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        var password = generator.IssuedPasswords.Single();
        Assert.Equal((FtpResultStatus.Done, null, null), (result.Status, result.ReasonCode, result.Refusal));
        Assert.Equal(new CreatedFtpAccount("alice_ftpaaaaaa", password, current.Name, ""), result.Account);
        Assert.Equal(["alice_ftpaaaaaa"], LoginsOf(result.ReadBack));
        Assert.Equal(password, Emulator.PasswordOf("alice_ftpaaaaaa"));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_GeneratedNameTakenOnServer_DoneWithNextNameAndOneMoreAdd()
    {
        var elsewhere = NewDomain();
        Emulator.AddFtpAccountDirect(User, elsewhere, "alice_ftpaaaaaa");
        var current = await ArrangeAsync();

        var result = await Service().QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.Done, "alice_ftpbbbbbb"), (result.Status, result.Account?.Login));
        Assert.Equal(["alice_ftpbbbbbb"], AccountsOn(current).Select(a => a.Login));
        Assert.Equal(Expected((Add, 2), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_EveryGeneratedNameTaken_NotDoneNamesTakenAfterMaxAdds()
    {
        var elsewhere = NewDomain();
        var taken = new[] { "ftpaaaaaa", "ftpbbbbbb", "ftpcccccc", "ftpdddddd", "ftpeeeeee" };
        foreach (var suffix in taken)
        {
            Emulator.AddFtpAccountDirect(User, elsewhere, $"alice_{suffix}");
        }
        var current = await ArrangeAsync();

        var result = await Service(new ScriptedGenerator([.. taken, "ftpffffff"])).QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.NamesTaken), (result.Status, result.ReasonCode));
        Assert.Equal((FtpResultCodes.NamesTaken, HestiaReturnCode.Exists), (result.Refusal?.ReasonCode, result.Refusal?.HestiaCode));
        Assert.Null(result.Account);
        Assert.NotNull(result.ReadBack);
        Assert.Empty(AccountsOn(current));
        Assert.Equal(Expected((Add, FtpAccountService.MaxQuickCreateAttempts), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_GeneratedNameAlreadyOnDomain_SkipsItWithoutACall()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_ftpaaaaaa"));

        var result = await Service().QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.Done, "alice_ftpbbbbbb"), (result.Status, result.Account?.Login));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_ExistingDotLoginWouldMatchGeneratedName_SkipsItWithoutACall()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_ftpaa.aaa"));

        var result = await Service().QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.Done, "alice_ftpbbbbbb"), (result.Status, result.Account?.Login));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_AnswerLostAfterApplying_DoneConfirmedWithoutResending()
    {
        var current = await ArrangeAsync();
        Emulator.FailNext(Add, EmulatorFault.Http500AfterApplying);
        var generator = new ScriptedGenerator("ftpaaaaaa", "ftpbbbbbb");

        var result = await Service(generator).QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.Done, FtpResultCodes.ConfirmedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Equal(new CreatedFtpAccount("alice_ftpaaaaaa", generator.IssuedPasswords.Single(), current.Name, ""), result.Account);
        Assert.Equal(["alice_ftpaaaaaa"], AccountsOn(current).Select(a => a.Login));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_AnswerLostBeforeApplying_NotDoneNotAppliedWithoutResending()
    {
        var current = await ArrangeAsync();
        Emulator.FailNext(Add, EmulatorFault.Http500BeforeApplying);

        var result = await Service().QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Null(result.Account);
        Assert.Empty(LoginsOf(result.ReadBack));
        Assert.Empty(AccountsOn(current));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_AnswerAndReadBackLost_CannotTell()
    {
        var current = await ArrangeAsync();
        Emulator.FailNext(Add, EmulatorFault.Http500AfterApplying);
        Emulator.FailNext(Read, EmulatorFault.Http500BeforeApplying);

        var result = await Service().QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.CannotTell, FtpResultCodes.OutcomeUnknown), (result.Status, result.ReasonCode));
        Assert.Null(result.Account);
        Assert.Null(result.ReadBack);
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_MutationHangsAfterApplying_DoneConfirmedWithoutResending()
    {
        var current = await ArrangeAsync();
        Emulator.FailNext(Add, EmulatorFault.HangAfterApplying);

        var result = await Service().QuickCreateAsync(hestia.ImpatientClient, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.Done, FtpResultCodes.ConfirmedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Equal(["alice_ftpaaaaaa"], AccountsOn(current).Select(a => a.Login));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_DomainSuspendedSinceTheStoreRead_NotDoneRefusedWithSuspendedReadBack()
    {
        var current = await ArrangeAsync();
        Emulator.SuspendWebDomain(User, current.Name);

        var result = await Service().QuickCreateAsync(Client, new(User, current.Name), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.HestiaRefused), (result.Status, result.ReasonCode));
        Assert.Equal(new FtpRefusal(FtpResultCodes.HestiaRefused, $"Error: web {current.Name} is suspended", null, HestiaReturnCode.Suspended), result.Refusal);
        Assert.True(result.ReadBack?.Suspended);
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task QuickCreateAsync_UserNameLeavesNoRoomForGeneratedLogin_NotDoneWithoutACall()
    {
        const string longUser = "u2345678901234567890123456";
        Emulator.AddUser(longUser, "Long-Pass-1");
        var current = await ArrangeAsync(user: longUser);

        var result = await Service(new CredentialGenerator()).QuickCreateAsync(Client, new(longUser, current.Name), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((ValidationCodes.LoginTooLong, "User"), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Equal("", Calls());
    }

    // ---------------------------------------------------------------- create

    [Fact]
    public async Task CreateAsync_ExistingFolderAndTypedPrefix_DoneWithCheckAddAndRead()
    {
        var current = await ArrangeAsync(d => Emulator.AddFolder(User, d, "public_html/uploads"));

        var result = await Service().CreateAsync(Client, new(User, current.Name, "alice_web", Password, "public_html//uploads/"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, null), (result.Status, result.ReasonCode));
        Assert.Equal(new CreatedFtpAccount("alice_web", Password, current.Name, "/public_html/uploads"), result.Account);
        Assert.Equal([new EmulatorFtpAccount("alice_web", "/public_html/uploads")], AccountsOn(current));
        Assert.Equal(Password, Emulator.PasswordOf("alice_web"));
        Assert.Equal(["alice_web"], LoginsOf(result.ReadBack));
        Assert.Equal(Expected((Check, 1), (Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_AtDomainRoot_DoneWithAddAndReadOnly()
    {
        var current = await ArrangeAsync();

        var result = await Service().CreateAsync(Client, new(User, current.Name, "root1", Password, "/"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, ""), (result.Status, result.Account?.Folder));
        Assert.Equal([new EmulatorFtpAccount("alice_root1", "")], AccountsOn(current));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_FolderMissing_NotDonePathNotFoundAfterOnlyTheCheck()
    {
        var current = await ArrangeAsync();

        var result = await Service().CreateAsync(Client, new(User, current.Name, "missing1", Password, "missing"), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((ValidationCodes.PathNotFound, nameof(CreateFtpAccountRequest.Folder), null),
            (result.Refusal?.ReasonCode, result.Refusal?.Property, result.Refusal?.HestiaCode));
        Assert.Contains("the folder does not exist; create it first", result.Refusal!.Message, StringComparison.Ordinal);
        Assert.Null(result.ReadBack);
        Assert.Empty(AccountsOn(current));
        Assert.False(Emulator.PathExists($"/home/{User}/web/{current.Name}/missing"));
        Assert.Equal(Expected((Check, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_FolderCheckUnanswered_ThrowsWithoutAdd()
    {
        var current = await ArrangeAsync(d => Emulator.AddFolder(User, d, "uploads"));
        Emulator.FailNext(Check, EmulatorFault.Http500BeforeApplying);

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            Service().CreateAsync(Client, new(User, current.Name, "web2", Password, "uploads"), current, _ct));

        Assert.Equal((HestiaReturnCode.Connect, Check), (ex.Code, ex.Command));
        Assert.Empty(AccountsOn(current));
        Assert.Equal(Expected((Check, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_ReadBackShowsAnotherFolder_DeletesTheAccountAgain()
    {
        var current = await ArrangeAsync(d => Emulator.AddFolder(User, d, "uploads"));
        Emulator.AfterNext(Add, () => Emulator.ChangeFtpPathDirect(User, current.Name, "alice_moved", "/public_html"));

        var result = await Service().CreateAsync(Client, new(User, current.Name, "moved", Password, "uploads"), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.FolderMissingRolledBack, true), (result.Status, result.ReasonCode, result.RolledBack));
        Assert.Equal((FtpResultCodes.FolderMissingRolledBack, nameof(CreateFtpAccountRequest.Folder)), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Null(result.Account);
        Assert.NotNull(result.ReadBack);
        Assert.Empty(LoginsOf(result.ReadBack));
        Assert.Empty(AccountsOn(current));
        Assert.Null(Emulator.PasswordOf("alice_moved"));
        Assert.Equal(Expected((Check, 1), (Add, 1), (Read, 1), (Delete, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_RollbackDeleteUnanswered_CannotTellRollbackFailed()
    {
        var current = await ArrangeAsync(d => Emulator.AddFolder(User, d, "uploads"));
        Emulator.AfterNext(Add, () => Emulator.ChangeFtpPathDirect(User, current.Name, "alice_stuck", "/public_html"));
        Emulator.FailNext(Delete, EmulatorFault.Http500BeforeApplying);

        var result = await Service().CreateAsync(Client, new(User, current.Name, "stuck", Password, "uploads"), current, _ct);

        Assert.Equal((FtpResultStatus.CannotTell, FtpResultCodes.RollbackFailed, false), (result.Status, result.ReasonCode, result.RolledBack));
        Assert.Null(result.Account);
        Assert.Equal(["alice_stuck"], LoginsOf(result.ReadBack));
        Assert.Equal([new EmulatorFtpAccount("alice_stuck", "/public_html")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (Add, 1), (Read, 1), (Delete, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_AnswerLostBeforeApplying_NotDoneNotAppliedWithoutResending()
    {
        var current = await ArrangeAsync(d => Emulator.AddFolder(User, d, "uploads"));
        Emulator.FailNext(Add, EmulatorFault.Http500BeforeApplying);

        var result = await Service().CreateAsync(Client, new(User, current.Name, "lost1", Password, "uploads"), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown, null), (result.Status, result.ReasonCode, result.Account));
        Assert.Empty(AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_AnswerLostAfterApplying_DoneConfirmedWithFolderAsRead()
    {
        var current = await ArrangeAsync(d => Emulator.AddFolder(User, d, "uploads"));
        Emulator.FailNext(Add, EmulatorFault.Http500AfterApplying);

        var result = await Service().CreateAsync(Client, new(User, current.Name, "lost2", Password, "uploads"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, FtpResultCodes.ConfirmedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Equal(new CreatedFtpAccount("alice_lost2", Password, current.Name, "/uploads"), result.Account);
        Assert.Equal([new EmulatorFtpAccount("alice_lost2", "/uploads")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_AnswerAndReadBackLost_CannotTell()
    {
        var current = await ArrangeAsync();
        Emulator.FailNext(Add, EmulatorFault.Http500AfterApplying);
        Emulator.FailNext(Read, EmulatorFault.Http500BeforeApplying);

        var result = await Service().CreateAsync(Client, new(User, current.Name, "lost3", Password), current, _ct);

        Assert.Equal((FtpResultStatus.CannotTell, FtpResultCodes.OutcomeUnknown, null, null), (result.Status, result.ReasonCode, result.Account, result.ReadBack));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_LoginAlreadyOnDomain_NotDoneLoginExistsWithoutACall()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_dup"));

        var result = await Service().CreateAsync(Client, new(User, current.Name, "dup", Password), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, null, null), (result.Status, result.ReasonCode, result.ReadBack));
        Assert.Equal((ValidationCodes.LoginExists, nameof(CreateFtpAccountRequest.LoginSuffix), null),
            (result.Refusal?.ReasonCode, result.Refusal?.Property, result.Refusal?.HestiaCode));
        Assert.Equal("", Calls());
    }

    [Fact]
    public async Task CreateAsync_ExistingDotLoginWouldMatch_NotDoneAmbiguousWithoutACall()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_web.1"));

        var result = await Service().CreateAsync(Client, new(User, current.Name, "web-1", Password), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((ValidationCodes.LoginAmbiguous, nameof(CreateFtpAccountRequest.LoginSuffix)), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Equal("", Calls());
    }

    [Fact]
    public async Task CreateAsync_LoginTakenOnAnotherDomain_NotDoneRefusedExistsOnLoginSuffix()
    {
        var elsewhere = NewDomain();
        Emulator.AddFtpAccountDirect(User, elsewhere, "alice_shared");
        var current = await ArrangeAsync();

        var result = await Service().CreateAsync(Client, new(User, current.Name, "shared", Password), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.HestiaRefused), (result.Status, result.ReasonCode));
        Assert.Equal(new FtpRefusal(FtpResultCodes.HestiaRefused, "Error: ftp user alice_shared already exists", nameof(CreateFtpAccountRequest.LoginSuffix), HestiaReturnCode.Exists),
            result.Refusal);
        Assert.NotNull(result.ReadBack);
        Assert.Empty(AccountsOn(current));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_PamRejectsPassword_NotDoneRefusedOnPassword()
    {
        var current = await ArrangeAsync();
        Emulator.RejectPasswordHook = (_, _) => true;

        var result = await Service().CreateAsync(Client, new(User, current.Name, "pam1", Password), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((FtpResultCodes.HestiaRefused, nameof(CreateFtpAccountRequest.Password), HestiaReturnCode.Invalid),
            (result.Refusal?.ReasonCode, result.Refusal?.Property, result.Refusal?.HestiaCode));
        Assert.Empty(AccountsOn(current));
        Assert.Equal(Expected((Add, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task CreateAsync_CurrentIsAnotherDomain_ThrowsArgumentExceptionWithoutACall()
    {
        var other = await ArrangeAsync();
        var domain = NewDomain();
        hestia.Emulator.ResetCallCounts();

        await Assert.ThrowsAsync<ArgumentException>(() => Service().CreateAsync(Client, new(User, domain, "web", Password), other, _ct));

        Assert.Equal("", Calls());
    }

    // ---------------------------------------------------------------- validation: no call at all

    public static TheoryData<string> InvalidOperations() =>
    [
        "create-bad-suffix", "create-dot-suffix", "create-tmp-password", "create-traversal", "create-bad-domain", "create-bad-user",
        "password-bad-login", "password-short", "path-traversal", "path-forbidden", "path-foreign-login", "delete-bad-login",
        "delete-bad-domain", "quick-bad-domain", "quick-bad-user",
    ];

    [Theory]
    [MemberData(nameof(InvalidOperations))]
    public async Task AnyOperation_RequestInvalid_ThrowsValidationBeforeAnyCall(string operation)
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_web");
            Emulator.AddFolder(User, d, "public_html");
        });
        var d = current.Name;
        var service = Service();

        Task action = operation switch
        {
            "create-bad-suffix" => service.CreateAsync(Client, new(User, d, "we b", Password), current, _ct),
            "create-dot-suffix" => service.CreateAsync(Client, new(User, d, "web.2", Password), current, _ct),
            "create-tmp-password" => service.CreateAsync(Client, new(User, d, "web2", "/tmp/some-password"), current, _ct),
            "create-traversal" => service.CreateAsync(Client, new(User, d, "web2", Password, $"../{d}.evil"), current, _ct),
            "create-bad-domain" => service.CreateAsync(Client, new(User, d.ToUpperInvariant(), "web2", Password), current, _ct),
            "create-bad-user" => service.CreateAsync(Client, new("alice;id", d, "web2", Password), current, _ct),
            "password-bad-login" => service.ChangePasswordAsync(Client, new(User, d, "web", Password), current, _ct),
            "password-short" => service.ChangePasswordAsync(Client, new(User, d, "alice_web", "short"), current, _ct),
            "path-traversal" => service.ChangeFolderAsync(Client, new(User, d, "alice_web", "../.."), current, _ct),
            "path-forbidden" => service.ChangeFolderAsync(Client, new(User, d, "alice_web", "up:load"), current, _ct),
            "path-foreign-login" => service.ChangeFolderAsync(Client, new(User, d, "bob_web", "/public_html"), current, _ct),
            "delete-bad-login" => service.DeleteAsync(Client, new(User, d, "alice_web\n"), current, _ct),
            "delete-bad-domain" => service.DeleteAsync(Client, new(User, "www." + d, "alice_web"), current, _ct),
            "quick-bad-domain" => service.QuickCreateAsync(Client, new(User, "exa_mple.com"), current, _ct),
            "quick-bad-user" => service.QuickCreateAsync(Client, new("", d), current, _ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        await Assert.ThrowsAsync<ValidationException>(() => action);
        Assert.Equal("", Calls());
        Assert.Equal(["alice_web"], AccountsOn(current).Select(a => a.Login));
    }

    // ---------------------------------------------------------------- change password

    [Fact]
    public async Task ChangePasswordAsync_AccountOnDomain_DoneWithOneChangeAndOneRead()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_pw1", password: OtherPassword));

        var result = await Service().ChangePasswordAsync(Client, new(User, current.Name, "alice_pw1", Password), current, _ct);

        Assert.Equal((FtpResultStatus.Done, null, null), (result.Status, result.ReasonCode, result.Refusal));
        Assert.Equal(["alice_pw1"], LoginsOf(result.ReadBack));
        Assert.Equal(Password, Emulator.PasswordOf("alice_pw1"));
        Assert.Equal(Expected((ChangePassword, 1), (Read, 1)), Calls());
    }

    [Theory]
    [InlineData(EmulatorFault.Http500BeforeApplying, OtherPassword)]
    [InlineData(EmulatorFault.Http500AfterApplying, Password)]
    public async Task ChangePasswordAsync_AnswerLost_CannotTellWithoutResending(EmulatorFault fault, string passwordAfter)
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_pw2", password: OtherPassword));
        Emulator.FailNext(ChangePassword, fault);

        var result = await Service().ChangePasswordAsync(Client, new(User, current.Name, "alice_pw2", Password), current, _ct);

        Assert.Equal((FtpResultStatus.CannotTell, FtpResultCodes.OutcomeUnknown), (result.Status, result.ReasonCode));
        Assert.Equal(["alice_pw2"], LoginsOf(result.ReadBack));
        Assert.Equal(passwordAfter, Emulator.PasswordOf("alice_pw2"));
        Assert.Equal(Expected((ChangePassword, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangePasswordAsync_AnswerLostAndAccountGone_NotDoneNotApplied()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_pw3"));
        Emulator.DeleteFtpAccountDirect(User, current.Name, "alice_pw3");
        Emulator.FailNext(ChangePassword, EmulatorFault.Http500BeforeApplying);

        var result = await Service().ChangePasswordAsync(Client, new(User, current.Name, "alice_pw3", Password), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown), (result.Status, result.ReasonCode));
        Assert.Empty(LoginsOf(result.ReadBack));
        Assert.Equal(Expected((ChangePassword, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangePasswordAsync_DomainSuspendedSinceTheStoreRead_NotDoneRefusedWithSuspendedReadBack()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_pw4", password: OtherPassword));
        Emulator.SuspendWebDomain(User, current.Name);

        var result = await Service().ChangePasswordAsync(Client, new(User, current.Name, "alice_pw4", Password), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.HestiaRefused), (result.Status, result.ReasonCode));
        Assert.Equal((HestiaReturnCode.Suspended, null), (result.Refusal?.HestiaCode, result.Refusal?.Property));
        Assert.True(result.ReadBack?.Suspended);
        Assert.Equal(OtherPassword, Emulator.PasswordOf("alice_pw4"));
        Assert.Equal(Expected((ChangePassword, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangePasswordAsync_PamRejectsPassword_NotDoneRefusedOnPassword()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_pw5", password: OtherPassword));
        Emulator.RejectPasswordHook = (_, _) => true;

        var result = await Service().ChangePasswordAsync(Client, new(User, current.Name, "alice_pw5", Password), current, _ct);

        Assert.Equal(new FtpRefusal(FtpResultCodes.HestiaRefused, "Error: Password not accepted due to PAM restrictions", nameof(ChangeFtpPasswordRequest.Password), HestiaReturnCode.Invalid),
            result.Refusal);
        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal(Expected((ChangePassword, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangePasswordAsync_LoginAmbiguous_NotDoneWithoutACall()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_amb-1");
            Emulator.AddFtpAccountDirect(User, d, "alice_amb.1");
        });

        var result = await Service().ChangePasswordAsync(Client, new(User, current.Name, "alice_amb.1", Password), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((ValidationCodes.LoginAmbiguous, "Login"), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Equal("", Calls());
    }

    [Fact]
    public async Task ChangePasswordAsync_LoginNotOnDomain_NotDoneLoginNotFoundWithoutACall()
    {
        var current = await ArrangeAsync();

        var result = await Service().ChangePasswordAsync(Client, new(User, current.Name, "alice_nobody", Password), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((ValidationCodes.LoginNotFound, "Login"), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Equal("", Calls());
    }

    // ---------------------------------------------------------------- change folder

    [Fact]
    public async Task ChangeFolderAsync_ExistingFolder_DoneWithCheckChangeAndRead()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo1", "/old");
            Emulator.AddFolder(User, d, "public_html/new");
        });

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo1", "public_html/new/"), current, _ct);

        Assert.Equal(new FtpFolderChangeResult(FtpResultStatus.Done, "alice_fo1", current.Name, "/public_html/new", "/public_html/new", false, null, null, result.ReadBack),
            result);
        Assert.Equal("/public_html/new", Assert.Single(result.ReadBack!.FtpAccounts).Folder);
        Assert.Equal([new EmulatorFtpAccount("alice_fo1", "/public_html/new")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_ToDomainRoot_DoneWithChangeAndReadOnly()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_fo2", "/old"));

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo2", "/"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, "", false, null), (result.Status, result.ActualFolder, result.WasReset, result.ReasonCode));
        Assert.Equal([new EmulatorFtpAccount("alice_fo2", "")], AccountsOn(current));
        Assert.Equal(Expected((ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_FolderItAlreadyHas_DoneUnchangedWithoutACall()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_fo3", "/old"));

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo3", "old/"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, FtpResultCodes.Unchanged, "/old", null), (result.Status, result.ReasonCode, result.ActualFolder, result.ReadBack));
        Assert.Equal("", Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_FolderMissing_ResetsToRootWithCheckResetAndRead()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_fo4", "/old"));

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo4", "missing"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, "/missing", "", true, FtpResultCodes.PathMissingReset),
            (result.Status, result.RequestedFolder, result.ActualFolder, result.WasReset, result.ReasonCode));
        Assert.Equal([new EmulatorFtpAccount("alice_fo4", "")], AccountsOn(current));
        Assert.False(Emulator.PathExists($"/home/{User}/web/{current.Name}/missing"));
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_HestiaRefusesFolder_ResetsToRootWithOneMoreChange()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo5", "/old");
            Emulator.AddFolder(User, d, "gone/leaf");
        });
        // The parent disappears between the check and the change: readlink -f fails and HestiaCP answers exit 2.
        Emulator.AfterNext(Check, () => Emulator.RemoveFolder(User, current.Name, "gone"));

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo5", "gone/leaf"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, "", true, FtpResultCodes.PathRejectedReset), (result.Status, result.ActualFolder, result.WasReset, result.ReasonCode));
        Assert.Equal([new EmulatorFtpAccount("alice_fo5", "")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (ChangePath, 2), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_AnswerLostBeforeApplying_NotDoneAndFolderUnchanged()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo6", "/old");
            Emulator.AddFolder(User, d, "new");
        });
        Emulator.FailNext(ChangePath, EmulatorFault.Http500BeforeApplying);

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo6", "new"), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown, "/old", false),
            (result.Status, result.ReasonCode, result.ActualFolder, result.WasReset));
        Assert.Equal([new EmulatorFtpAccount("alice_fo6", "/old")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_AnswerLostAfterApplying_DoneConfirmed()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo7", "/old");
            Emulator.AddFolder(User, d, "new");
        });
        Emulator.FailNext(ChangePath, EmulatorFault.Http500AfterApplying);

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo7", "new"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, FtpResultCodes.ConfirmedAfterUnknown, "/new", false),
            (result.Status, result.ReasonCode, result.ActualFolder, result.WasReset));
        Assert.Equal([new EmulatorFtpAccount("alice_fo7", "/new")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_MutationHangs_NotDoneAndFolderUnchanged()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo8", "/old");
            Emulator.AddFolder(User, d, "new");
        });
        Emulator.FailNext(ChangePath, EmulatorFault.Hang);

        var result = await Service().ChangeFolderAsync(hestia.ImpatientClient, new(User, current.Name, "alice_fo8", "new"), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown, "/old"), (result.Status, result.ReasonCode, result.ActualFolder));
        Assert.Equal([new EmulatorFtpAccount("alice_fo8", "/old")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_AnswerAndReadBackLost_CannotTell()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo9", "/old");
            Emulator.AddFolder(User, d, "new");
        });
        Emulator.FailNext(ChangePath, EmulatorFault.Http500AfterApplying);
        Emulator.FailNext(Read, EmulatorFault.Http500BeforeApplying);

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo9", "new"), current, _ct);

        Assert.Equal((FtpResultStatus.CannotTell, FtpResultCodes.OutcomeUnknown, null, null),
            (result.Status, result.ReasonCode, result.ActualFolder, result.ReadBack));
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Theory]
    [InlineData(EmulatorFault.Http500BeforeApplying, FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown, "/old")]
    [InlineData(EmulatorFault.Http500AfterApplying, FtpResultStatus.Done, FtpResultCodes.ConfirmedAfterUnknown, "")]
    public async Task ChangeFolderAsync_ResetAnswerLost_SettledByTheReadBack(EmulatorFault fault, FtpResultStatus status, string reason, string folderAfter)
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_fo10", "/old"));
        Emulator.FailNext(ChangePath, fault);

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo10", "missing"), current, _ct);

        Assert.Equal((status, reason, folderAfter, true), (result.Status, result.ReasonCode, result.ActualFolder, result.WasReset));
        Assert.Equal([new EmulatorFtpAccount("alice_fo10", folderAfter)], AccountsOn(current));
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_DomainSuspendedSinceTheStoreRead_NotDoneRefusedWithSuspendedReadBack()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo11", "/old");
            Emulator.AddFolder(User, d, "new");
        });
        Emulator.SuspendWebDomain(User, current.Name);

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo11", "new"), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, FtpResultCodes.HestiaRefused, false, "/old"), (result.Status, result.ReasonCode, result.WasReset, result.ActualFolder));
        Assert.Equal(HestiaReturnCode.Suspended, result.Refusal?.HestiaCode);
        Assert.True(result.ReadBack?.Suspended);
        Assert.Equal(Expected((Check, 1), (ChangePath, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_FolderCheckUnanswered_ThrowsWithoutChange()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fo12", "/old");
            Emulator.AddFolder(User, d, "new");
        });
        Emulator.FailNext(Check, EmulatorFault.Http500BeforeApplying);

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fo12", "new"), current, _ct));

        Assert.Equal((HestiaReturnCode.Connect, false), (ex.Code, ex.OutcomeUnknown));
        Assert.Equal([new EmulatorFtpAccount("alice_fo12", "/old")], AccountsOn(current));
        Assert.Equal(Expected((Check, 1)), Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_LoginNotOnDomain_NotDoneLoginNotFoundWithoutACall()
    {
        var current = await ArrangeAsync();

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_nobody", "public_html"), current, _ct);

        Assert.Equal((FtpResultStatus.NotDone, null), (result.Status, result.ActualFolder));
        Assert.Equal((ValidationCodes.LoginNotFound, "Login"), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Equal("", Calls());
    }

    [Fact]
    public async Task ChangeFolderAsync_LoginAmbiguous_NotDoneWithoutACall()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_fam-1");
            Emulator.AddFtpAccountDirect(User, d, "alice_fam.1");
        });

        var result = await Service().ChangeFolderAsync(Client, new(User, current.Name, "alice_fam.1", "public_html"), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((ValidationCodes.LoginAmbiguous, "Login"), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Equal("", Calls());
    }

    // ---------------------------------------------------------------- delete

    [Fact]
    public async Task DeleteAsync_AccountOnDomain_DoneWithOneDeleteAndOneRead()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_del1");
            Emulator.AddFtpAccountDirect(User, d, "alice_keep1");
        });

        var result = await Service().DeleteAsync(Client, new(User, current.Name, "alice_del1"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, null, null), (result.Status, result.ReasonCode, result.Refusal));
        Assert.Equal(["alice_keep1"], LoginsOf(result.ReadBack));
        Assert.Equal(["alice_keep1"], AccountsOn(current).Select(a => a.Login));
        Assert.Equal(Expected((Delete, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task DeleteAsync_NotOnTheStoresDomain_DoneAlreadyGoneWithoutACall()
    {
        var current = await ArrangeAsync();

        var result = await Service().DeleteAsync(Client, new(User, current.Name, "alice_gone1"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, FtpResultCodes.AlreadyGone, null), (result.Status, result.ReasonCode, result.ReadBack));
        Assert.Equal("", Calls());
    }

    [Fact]
    public async Task DeleteAsync_GoneOnTheServerSinceTheStoreRead_DoneAlreadyGone()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_gone2"));
        Emulator.DeleteFtpAccountDirect(User, current.Name, "alice_gone2");

        var result = await Service().DeleteAsync(Client, new(User, current.Name, "alice_gone2"), current, _ct);

        Assert.Equal((FtpResultStatus.Done, FtpResultCodes.AlreadyGone), (result.Status, result.ReasonCode));
        Assert.Empty(LoginsOf(result.ReadBack));
        Assert.Equal(Expected((Delete, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task DeleteAsync_DotLoginWouldMatchAnother_NotDoneWithoutACall()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_del-1");
            Emulator.AddFtpAccountDirect(User, d, "alice_del.1");
        });

        var result = await Service().DeleteAsync(Client, new(User, current.Name, "alice_del.1"), current, _ct);

        Assert.Equal(FtpResultStatus.NotDone, result.Status);
        Assert.Equal((ValidationCodes.LoginAmbiguous, "Login"), (result.Refusal?.ReasonCode, result.Refusal?.Property));
        Assert.Equal(2, AccountsOn(current).Count);
        Assert.Equal("", Calls());
    }

    [Fact]
    public async Task DeleteAsync_OnlyTheOtherHasADot_DeletesTheLiteralName()
    {
        var current = await ArrangeAsync(d =>
        {
            Emulator.AddFtpAccountDirect(User, d, "alice_lit-1");
            Emulator.AddFtpAccountDirect(User, d, "alice_lit.1");
        });

        var result = await Service().DeleteAsync(Client, new(User, current.Name, "alice_lit-1"), current, _ct);

        Assert.Equal(FtpResultStatus.Done, result.Status);
        Assert.Equal(["alice_lit.1"], AccountsOn(current).Select(a => a.Login));
        Assert.Equal(Expected((Delete, 1), (Read, 1)), Calls());
    }

    [Theory]
    [InlineData(EmulatorFault.Http500AfterApplying, FtpResultStatus.Done, FtpResultCodes.ConfirmedAfterUnknown, 0)]
    [InlineData(EmulatorFault.Http500BeforeApplying, FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown, 1)]
    public async Task DeleteAsync_AnswerLost_SettledByTheReadBackWithoutResending(EmulatorFault fault, FtpResultStatus status, string reason, int accountsAfter)
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_del2"));
        Emulator.FailNext(Delete, fault);

        var result = await Service().DeleteAsync(Client, new(User, current.Name, "alice_del2"), current, _ct);

        Assert.Equal((status, reason), (result.Status, result.ReasonCode));
        Assert.Equal(accountsAfter, AccountsOn(current).Count);
        Assert.Equal(accountsAfter, LoginsOf(result.ReadBack).Length);
        Assert.Equal(Expected((Delete, 1), (Read, 1)), Calls());
    }

    [Fact]
    public async Task DeleteAsync_AnswerAndReadBackLost_CannotTell()
    {
        var current = await ArrangeAsync(d => Emulator.AddFtpAccountDirect(User, d, "alice_del3"));
        Emulator.FailNext(Delete, EmulatorFault.Http500AfterApplying);
        Emulator.FailNext(Read, EmulatorFault.Http500BeforeApplying);

        var result = await Service().DeleteAsync(Client, new(User, current.Name, "alice_del3"), current, _ct);

        Assert.Equal((FtpResultStatus.CannotTell, FtpResultCodes.OutcomeUnknown, null), (result.Status, result.ReasonCode, result.ReadBack));
        Assert.Equal(Expected((Delete, 1), (Read, 1)), Calls());
    }

    // ---------------------------------------------------------------- secrets

    [Fact]
    public async Task AnyOperation_WithLostAnswersAndRefusals_NeverLogsOrPrintsAPassword()
    {
        var current = await ArrangeAsync(d => Emulator.AddFolder(User, d, "uploads"));
        var generator = new ScriptedGenerator("ftpaaaaaa", "ftpbbbbbb");
        var service = Service(generator);
        var results = new List<object>();

        Emulator.FailNext(Add, EmulatorFault.Http500AfterApplying);
        results.Add(await service.QuickCreateAsync(Client, new(User, current.Name), current, _ct));
        current = await CurrentAsync(current.Name);
        results.Add(await service.CreateAsync(Client, new(User, current.Name, "secret1", Password, "uploads"), current, _ct));
        current = await CurrentAsync(current.Name);
        Emulator.FailNext(ChangePassword, EmulatorFault.Http500AfterApplying);
        results.Add(await service.ChangePasswordAsync(Client, new(User, current.Name, "alice_secret1", OtherPassword), current, _ct));
        Emulator.RejectPasswordHook = (_, _) => true;
        results.Add(await service.ChangePasswordAsync(Client, new(User, current.Name, "alice_secret1", Password + "x"), current, _ct));

        Assert.NotEmpty(_log.Lines);
        Assert.Equal(FtpResultStatus.Done, ((FtpCreateResult)results[1]).Status);
        foreach (var secret in generator.IssuedPasswords.Append(Password).Append(OtherPassword).Append(Password + "x"))
        {
            Assert.DoesNotContain(_log.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(results, r => r.ToString()!.Contains(secret, StringComparison.Ordinal));
        }
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
