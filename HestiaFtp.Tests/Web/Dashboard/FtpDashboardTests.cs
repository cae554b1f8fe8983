using System.Text;
using FluentValidation;
using HestiaFtp.Core.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Dashboard;

/// <summary>The allowed paths of the dashboard against the real stack: what it does, what it audits, what it never leaks.</summary>
public class FtpDashboardTests
{
    private const string AliceDomain = "alice-shop.com";
    private const string EmptyDomain = "alice-dev.org";

    private static readonly AccountKey AliceKey = new(DashboardStack.ServerName, "alice");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DashboardStack> AsAliceAsync()
    {
        var stack = await DashboardStack.StartAsync();
        stack.Auth.SignIn(DashboardStack.Alice);
        return stack;
    }

    private static async Task<AuditEntry> SingleAuditAsync(DashboardStack stack)
    {
        var entries = await stack.Audit.QueryAsync(new AuditQuery(), Ct);
        return Assert.Single(entries);
    }

    [Fact]
    public async Task QuickCreateAsync_OwnDomain_CreatesExactlyOneAccountWithTheReturnedPassword()
    {
        await using var stack = await AsAliceAsync();
        var before = stack.Control.GetFtpAccounts("alice", EmptyDomain).Count;

        var credentials = await stack.Dashboard.QuickCreateAsync(AliceKey, EmptyDomain, Ct);

        var after = stack.Control.GetFtpAccounts("alice", EmptyDomain);
        Assert.Equal(before + 1, after.Count);
        Assert.Equal(credentials.Login, Assert.Single(after).Login);
        Assert.StartsWith("alice_", credentials.Login, StringComparison.Ordinal);
        Assert.Equal(credentials.Password, stack.Control.PasswordOf(credentials.Login));
        Assert.Equal(EmptyDomain, credentials.Domain);
        Assert.Equal("", credentials.Folder);
        Assert.Equal(1, stack.CallsOf(HestiaCommands.AddWebDomainFtp));

        var audit = await SingleAuditAsync(stack);
        Assert.Equal(("alice", DashboardStack.ServerName, "alice", EmptyDomain, credentials.Login, AuditActions.AddFtpAccount, AuditOutcomes.Succeeded),
            (audit.Actor, audit.Server, audit.Account, audit.Domain, audit.Login, audit.Action, audit.Outcome));
    }

    [Fact]
    public async Task QuickCreateAsync_AfterCreation_LiveStoreShowsTheAccount()
    {
        await using var stack = await AsAliceAsync();
        await stack.Dashboard.LoadAsync(AliceKey, Ct);

        var credentials = await stack.Dashboard.QuickCreateAsync(AliceKey, EmptyDomain, Ct);

        var snapshot = await stack.Dashboard.LoadAsync(AliceKey, Ct);
        Assert.Contains(snapshot.Domains.Single(d => d.Name == EmptyDomain).FtpAccounts, a => a.Login == credentials.Login);
    }

    [Fact]
    public async Task CreateAsync_ExistingFolder_CreatesAccountInThatFolder()
    {
        await using var stack = await AsAliceAsync();
        const string password = "Create-Existing-Folder-8841";

        var outcome = await stack.Dashboard.CreateAsync(AliceKey, AliceDomain, "deploy", password, "public_html/media/products", Ct);

        var credentials = Assert.IsType<NewFtpCredentials>(outcome.Credentials);
        Assert.False(outcome.RolledBack);
        Assert.Equal("alice_deploy", credentials.Login);
        Assert.Equal(password, stack.Control.PasswordOf("alice_deploy"));
        Assert.Equal("/home/alice/web/alice-shop.com/public_html/media/products", stack.Control.HomeOf("alice_deploy"));
        Assert.Contains(stack.Control.GetFtpAccounts("alice", AliceDomain), a => a.Login == "alice_deploy");

        var audit = await SingleAuditAsync(stack);
        Assert.Equal(("alice_deploy", AuditActions.AddFtpAccount, AuditOutcomes.Succeeded), (audit.Login, audit.Action, audit.Outcome));
        Assert.Contains("public_html/media/products", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_MissingFolder_ValidationFailureAndNothingCreated()
    {
        await using var stack = await AsAliceAsync();
        var before = stack.Snapshot();

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            stack.Dashboard.CreateAsync(AliceKey, AliceDomain, "deploy", "Create-Missing-Folder-8841", "public_html/nope", Ct));

        Assert.Contains(ex.Errors, e => e.ErrorCode == HestiaFtp.Core.Validation.ValidationCodes.PathNotFound);
        Assert.Equal(before, stack.Snapshot());
        Assert.Equal(0, stack.CallsOf(HestiaCommands.AddWebDomainFtp));
        Assert.False(stack.Control.PathExists("/home/alice/web/alice-shop.com/public_html/nope"));
    }

    [Fact]
    public async Task ChangePasswordAsync_OwnAccount_EmulatorHasTheNewPassword()
    {
        await using var stack = await AsAliceAsync();
        const string password = "Changed-Password-5521-k";
        var old = stack.Control.PasswordOf("alice_shop");

        var outcome = await stack.Dashboard.ChangePasswordAsync(AliceKey, AliceDomain, "alice_shop", password, Ct);

        Assert.True(outcome.Confirmed);
        Assert.NotEqual(password, old);
        Assert.Equal(password, stack.Control.PasswordOf("alice_shop"));
        Assert.Equal("Media-Ftp-2026", stack.Control.PasswordOf("alice_media"));
        var audit = await SingleAuditAsync(stack);
        Assert.Equal(("alice", "alice", AliceDomain, "alice_shop", AuditActions.ChangeFtpPassword, AuditOutcomes.Succeeded),
            (audit.Actor, audit.Account, audit.Domain, audit.Login, audit.Action, audit.Outcome));
    }

    [Fact]
    public async Task ChangeFolderAsync_MissingFolder_ResetsToDomainRoot()
    {
        await using var stack = await AsAliceAsync();
        Assert.Equal("/public_html/media", stack.Control.GetFtpAccounts("alice", AliceDomain).Single(a => a.Login == "alice_media").Path);

        var outcome = await stack.Dashboard.ChangeFolderAsync(AliceKey, AliceDomain, "alice_media", "public_html/does-not-exist", Ct);

        Assert.Equal(new FtpFolderOutcome("", true), outcome);
        Assert.Equal("", stack.Control.GetFtpAccounts("alice", AliceDomain).Single(a => a.Login == "alice_media").Path);
        Assert.Equal("/home/alice/web/alice-shop.com", stack.Control.HomeOf("alice_media"));
        Assert.False(stack.Control.PathExists("/home/alice/web/alice-shop.com/public_html/does-not-exist"));
        var audit = await SingleAuditAsync(stack);
        Assert.Equal(("alice_media", AuditActions.ChangeFtpPath), (audit.Login, audit.Action));
        Assert.StartsWith(AuditOutcomes.Succeeded, audit.Outcome, StringComparison.Ordinal);
        Assert.Contains("reset", audit.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeFolderAsync_ExistingFolder_MovesTheAccount()
    {
        await using var stack = await AsAliceAsync();

        var outcome = await stack.Dashboard.ChangeFolderAsync(AliceKey, AliceDomain, "alice_shop", "/public_html/media/products/", Ct);

        Assert.Equal(new FtpFolderOutcome("public_html/media/products", false), outcome with { Folder = outcome.Folder.Trim('/') });
        Assert.Equal("/home/alice/web/alice-shop.com/public_html/media/products", stack.Control.HomeOf("alice_shop"));
        Assert.Equal(AuditOutcomes.Succeeded, (await SingleAuditAsync(stack)).Outcome);
    }

    [Fact]
    public async Task DeleteAsync_OwnAccount_AccountGone()
    {
        await using var stack = await AsAliceAsync();

        await stack.Dashboard.DeleteAsync(AliceKey, AliceDomain, "alice_media", Ct);

        Assert.DoesNotContain(stack.Control.GetFtpAccounts("alice", AliceDomain), a => a.Login == "alice_media");
        Assert.Null(stack.Control.PasswordOf("alice_media"));
        Assert.Contains(stack.Control.GetFtpAccounts("alice", AliceDomain), a => a.Login == "alice_shop");
        var audit = await SingleAuditAsync(stack);
        Assert.Equal(("alice", "alice", AliceDomain, "alice_media", AuditActions.DeleteFtpAccount, AuditOutcomes.Succeeded),
            (audit.Actor, audit.Account, audit.Domain, audit.Login, audit.Action, audit.Outcome));
    }

    [Fact]
    public async Task ChangePasswordAsync_HestiaRefuses_AuditedAsFailedAndPasswordUnchanged()
    {
        await using var stack = await AsAliceAsync();
        stack.Control.RejectPasswordHook = (_, _) => true;

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            stack.Dashboard.ChangePasswordAsync(AliceKey, AliceDomain, "alice_shop", "Rejected-By-Pam-3321", Ct));

        Assert.Equal(HestiaReturnCode.Invalid, ex.Code);
        Assert.Equal("Shop-Ftp-2026", stack.Control.PasswordOf("alice_shop"));
        var audit = await SingleAuditAsync(stack);
        Assert.Equal(("alice", "alice", AliceDomain, "alice_shop", AuditActions.ChangeFtpPassword), (audit.Actor, audit.Account, audit.Domain, audit.Login, audit.Action));
        Assert.StartsWith(AuditOutcomes.Failed, audit.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickCreateAsync_SuspendedDomain_AuditedAsFailedNothingCreated()
    {
        await using var stack = await AsAliceAsync();
        var before = stack.Snapshot();

        await Assert.ThrowsAsync<HestiaException>(() => stack.Dashboard.QuickCreateAsync(AliceKey, "alice-blog.net", Ct));

        Assert.Equal(before, stack.Snapshot());
        var audit = await SingleAuditAsync(stack);
        Assert.Equal(("alice", "alice-blog.net", AuditActions.AddFtpAccount), (audit.Account, audit.Domain, audit.Action));
        Assert.StartsWith(AuditOutcomes.Failed, audit.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickCreateAsync_AnswerLostAfterApplying_ReturnsTheCreatedAccountWithoutResending()
    {
        await using var stack = await AsAliceAsync();
        stack.Control.FailNext(HestiaCommands.AddWebDomainFtp, EmulatorFault.Http500AfterApplying);
        var addsBefore = stack.CallsOf(HestiaCommands.AddWebDomainFtp);

        var credentials = await stack.Dashboard.QuickCreateAsync(AliceKey, EmptyDomain, Ct);

        Assert.Equal(addsBefore + 1, stack.CallsOf(HestiaCommands.AddWebDomainFtp));
        Assert.Equal(credentials.Login, Assert.Single(stack.Control.GetFtpAccounts("alice", EmptyDomain)).Login);
        Assert.Equal(credentials.Password, stack.Control.PasswordOf(credentials.Login));
        var audit = await SingleAuditAsync(stack);
        Assert.Equal((credentials.Login, AuditOutcomes.Succeeded), (audit.Login, audit.Outcome));
    }

    [Fact]
    public async Task QuickCreateAsync_AnswerLostBeforeApplying_ErrorNoAccountNoResend()
    {
        await using var stack = await AsAliceAsync();
        stack.Control.FailNext(HestiaCommands.AddWebDomainFtp, EmulatorFault.Http500BeforeApplying);
        var before = stack.Snapshot();
        var addsBefore = stack.CallsOf(HestiaCommands.AddWebDomainFtp);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => stack.Dashboard.QuickCreateAsync(AliceKey, EmptyDomain, Ct));

        Assert.Equal(addsBefore + 1, stack.CallsOf(HestiaCommands.AddWebDomainFtp));
        Assert.Equal(before, stack.Snapshot());
        Assert.Empty(stack.Control.GetFtpAccounts("alice", EmptyDomain));
        // Resolved by reading back: HestiaCP says it did not happen, so the failure is definite, not "unknown".
        Assert.Equal(FtpResultCodes.NotAppliedAfterUnknown, ex.HestiaMessage);
        Assert.False(ex.OutcomeUnknown);
        var audit = await SingleAuditAsync(stack);
        Assert.Equal(AuditOutcomes.Failed + ": " + FtpResultCodes.NotAppliedAfterUnknown, audit.Outcome);
    }

    [Fact]
    public async Task CreateAsync_AnswerLostAfterApplying_ReturnsTheCreatedAccountWithoutResending()
    {
        await using var stack = await AsAliceAsync();
        stack.Control.FailNext(HestiaCommands.AddWebDomainFtp, EmulatorFault.Http500AfterApplying);
        const string password = "Lost-Answer-Create-6612";

        var outcome = await stack.Dashboard.CreateAsync(AliceKey, AliceDomain, "lost", password, null, Ct);

        Assert.Equal("alice_lost", outcome.Credentials?.Login);
        Assert.Equal(password, stack.Control.PasswordOf("alice_lost"));
        Assert.Equal(1, stack.CallsOf(HestiaCommands.AddWebDomainFtp));
    }

    [Fact]
    public async Task Mutations_WithDistinctivePasswords_NeverLeakPasswordsOrApiSecret()
    {
        await using var stack = await AsAliceAsync();
        var d = stack.Dashboard;
        var secrets = new List<string> { stack.SecretKey };
        var exceptions = new List<Exception>();

        async Task Expect(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception ex)
            {
                exceptions.Add(ex);
            }
        }

        const string created = "Zq8-Leak-Create-4471";
        const string changed = "Zq8-Leak-Change-4472";
        const string rejected = "Zq8-Leak-Rejected-4473";
        const string missingFolder = "Zq8-Leak-MissingFolder-4474";
        const string lost = "Zq8-Leak-LostAnswer-4475";
        const string tooShort = "Zq8-4476";
        secrets.AddRange([created, changed, rejected, missingFolder, lost, tooShort]);

        await d.CreateAsync(AliceKey, AliceDomain, "leak", created, "public_html/media", Ct);
        await d.ChangePasswordAsync(AliceKey, AliceDomain, "alice_leak", changed, Ct);
        var quick = await d.QuickCreateAsync(AliceKey, EmptyDomain, Ct);
        secrets.Add(quick.Password);
        stack.Control.RejectPasswordHook = (_, password) => password == rejected;
        await Expect(() => d.ChangePasswordAsync(AliceKey, AliceDomain, "alice_leak", rejected, Ct));
        await Expect(() => d.CreateAsync(AliceKey, AliceDomain, "pamfail", rejected, null, Ct));
        await Expect(() => d.CreateAsync(AliceKey, AliceDomain, "nofolder", missingFolder, "public_html/nope", Ct));
        await Expect(() => d.CreateAsync(AliceKey, AliceDomain, "short", tooShort, null, Ct));
        await Expect(() => d.ChangePasswordAsync(AliceKey, AliceDomain, "alice_leak", tooShort, Ct));
        stack.Control.FailNext(HestiaCommands.ChangeWebDomainFtpPassword, EmulatorFault.Http500AfterApplying);
        await Expect(() => d.ChangePasswordAsync(AliceKey, AliceDomain, "alice_shop", lost, Ct));
        stack.Control.FailNext(HestiaCommands.AddWebDomainFtp, EmulatorFault.Http500BeforeApplying);
        await Expect(() => d.CreateAsync(AliceKey, AliceDomain, "lost", lost, null, Ct));

        // The flows really ran: the passwords reached HestiaCP (in POST bodies) and were audited and logged about.
        Assert.Equal(changed, stack.Control.PasswordOf("alice_leak"));
        Assert.Equal(lost, stack.Control.PasswordOf("alice_shop"));
        Assert.Contains(stack.Requests.All, r => r.Form.Values.Contains(created));
        Assert.True(exceptions.Count >= 6, $"expected the failing flows to throw, got {exceptions.Count}");
        var audit = await stack.Audit.QueryAsync(new AuditQuery(), Ct);
        Assert.True(audit.Count >= 7, $"audit entries: {audit.Count}");
        Assert.NotEmpty(stack.Logs.Entries);

        var auditBytes = stack.AuditBytes();
        Assert.NotEmpty(auditBytes);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(stack.Logs.Entries, log => log.Contains(secret));
            Assert.All(exceptions, ex => Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal));
            Assert.All(stack.Requests.All, r => Assert.DoesNotContain(secret, r.Url.ToString(), StringComparison.Ordinal));
            Assert.All(audit, e => Assert.DoesNotContain(secret, string.Join("|", e.Actor, e.Account, e.Domain, e.Login, e.Detail, e.Outcome), StringComparison.Ordinal));
            Assert.False(Contains(auditBytes, Encoding.UTF8.GetBytes(secret)), $"audit file holds secret #{secrets.IndexOf(secret)}");
            Assert.False(Contains(auditBytes, Encoding.Unicode.GetBytes(secret)), $"audit file holds secret #{secrets.IndexOf(secret)} (UTF-16)");
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
