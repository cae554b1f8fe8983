using HestiaFtp.Emulator;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Expiry;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Expiry;

/// <summary>
/// The expiry job against the real stack (emulator over loopback, client, live store, SQLite, service) on its own fake
/// clock, advanced by days while the session clock stays put. Ends are set through the screens' boundary as alice.
/// </summary>
public class ExpiryJobTests
{
    private const string Domain = "alice-shop.com";
    private const string Media = "alice_media";
    private static readonly AccountKey AliceKey = new(DashboardStack.ServerName, "alice");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The job's clock starts at the real now, so an end chosen on the session clock lies ahead of it too.</summary>
    private static async Task<(DashboardStack Stack, FakeTimeProvider JobClock)> StartAsync(string? databasePath = null)
    {
        var jobClock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var stack = await DashboardStack.StartAsync(
            settings =>
            {
                settings["Expiry:Pace"] = "00:00:00";
                if (databasePath is not null)
                {
                    settings["Audit:Path"] = databasePath;
                }
            },
            services => services.Replace(ServiceDescriptor.Singleton(new ExpiryClock(jobClock))));
        stack.Auth.SignIn(DashboardStack.Alice);
        await stack.Dashboard.LoadAsync(AliceKey, Ct);
        return (stack, jobClock);
    }

    private static IFtpExpiries Expiries(DashboardStack stack) => stack.Services.GetRequiredService<IFtpExpiries>();

    private static ExpiryJob Job(DashboardStack stack) => stack.Services.GetRequiredService<ExpiryJob>();

    private static Task<FtpExpiry?> EndMediaInAsync(DashboardStack stack, TimeSpan after) =>
        Expiries(stack).SetAsync(new SetFtpExpiryRequest("alice", Domain, Media, TimeProvider.System.GetUtcNow() + after, "Europe/Berlin"), Ct);

    private static IReadOnlyList<string> Logins(DashboardStack stack) =>
        stack.Control.GetFtpAccounts("alice", Domain).Select(a => a.Login).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task RunDueAsync_EndReached_DeletesExactlyThatAccountOnce()
    {
        var (stack, jobClock) = await StartAsync();
        await using var _ = stack;
        await EndMediaInAsync(stack, TimeSpan.FromDays(1));
        stack.Emulator.ResetCallCounts();

        Assert.Empty(await Job(stack).RunDueAsync(Ct));
        jobClock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var first = await Job(stack).RunDueAsync(Ct);
        var second = await Job(stack).RunDueAsync(Ct);

        Assert.Equal(ExpiryOutcome.Deleted, Assert.Single(first).Outcome);
        Assert.Empty(second);
        Assert.Equal(["alice_shop"], Logins(stack));
        Assert.Equal(DashboardStack.FormatCalls((HestiaCommands.DeleteWebDomainFtp, 1), (HestiaCommands.ListWebDomain, 2)), stack.Calls());
        Assert.Empty(await Expiries(stack).ListAsync(AliceKey, Ct));
        Assert.DoesNotContain(stack.Store.Get(AliceKey)!.Domains.Single(d => d.Name == Domain).FtpAccounts, a => a.Login == Media);
        var entry = (await stack.Audit.QueryAsync(new AuditQuery(), Ct))[0];
        Assert.Equal(("alice", AuditActorKinds.Dashboard, AuditActions.DeleteFtpAccount, AuditDetails.Expired, AuditOutcomes.Succeeded, Media),
            (entry.Actor, entry.ActorKind, entry.Action, entry.Detail, entry.Outcome, entry.Login));
    }

    [Fact]
    public async Task StartAsync_EndPassedWhileDown_DeletesAtStart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hestiaftp-expiry-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "dashboard.db");
        try
        {
            var (before, _) = await StartAsync(database);
            await using (before)
            {
                await EndMediaInAsync(before, TimeSpan.FromHours(2));
            }

            // The dashboard was down while the end passed; it starts again over the same database.
            var (after, jobClock) = await StartAsync(database);
            await using var _ = after;
            jobClock.Advance(TimeSpan.FromHours(3));
            var carriedOut = new TaskCompletionSource();
            using var watch = after.Services.GetRequiredService<ExpiryChanges>().Subscribe(AliceKey, () =>
            {
                carriedOut.TrySetResult();
                return Task.CompletedTask;
            });

            await Job(after).StartAsync(Ct);
            await carriedOut.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            await Job(after).StopAsync(Ct);

            Assert.Equal(["alice_shop"], Logins(after));
            Assert.Empty(await Expiries(after).ListAsync(AliceKey, Ct));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunDueAsync_LoginRecreatedWithAnotherFolder_NotDeletedAndEndDropped()
    {
        var (stack, jobClock) = await StartAsync();
        await using var _ = stack;
        await EndMediaInAsync(stack, TimeSpan.FromDays(7));
        stack.Control.DeleteFtpAccountDirect("alice", Domain, Media);
        stack.Control.AddFtpAccountDirect("alice", Domain, Media, "/public_html/media/products", "Someone-Else-2026");
        stack.Emulator.ResetCallCounts();

        jobClock.Advance(TimeSpan.FromDays(8));
        var outcome = Assert.Single(await Job(stack).RunDueAsync(Ct));

        Assert.Equal(ExpiryOutcome.Dropped, outcome.Outcome);
        Assert.Equal(["alice_media", "alice_shop"], Logins(stack));
        Assert.Equal(0, stack.MutationCalls());
        Assert.Empty(await Expiries(stack).ListAsync(AliceKey, Ct));
        var entry = (await stack.Audit.QueryAsync(new AuditQuery(), Ct))[0];
        Assert.Equal((AuditActorKinds.Dashboard, $"{AuditOutcomes.Failed}: {ExpiryReasons.FolderChanged}"), (entry.ActorKind, entry.Outcome));
    }

    [Fact]
    public async Task RunDueAsync_LoginDeletedOutOfBand_EndDroppedWithoutACall()
    {
        var (stack, jobClock) = await StartAsync();
        await using var _ = stack;
        await EndMediaInAsync(stack, TimeSpan.FromDays(1));
        stack.Control.DeleteFtpAccountDirect("alice", Domain, Media);
        stack.Emulator.ResetCallCounts();

        jobClock.Advance(TimeSpan.FromDays(2));
        var outcome = Assert.Single(await Job(stack).RunDueAsync(Ct));

        Assert.Equal(ExpiryOutcome.Dropped, outcome.Outcome);
        Assert.Equal(0, stack.MutationCalls());
        Assert.Empty(await Expiries(stack).ListAsync(AliceKey, Ct));
    }

    [Fact]
    public async Task RunDueAsync_HestiaFailingAtTheEnd_WaitsShowsPendingThenDeletesAfterRecovery()
    {
        var (stack, jobClock) = await StartAsync();
        await using var _ = stack;
        await EndMediaInAsync(stack, TimeSpan.FromDays(1));
        stack.Control.FailNext(HestiaCommands.ListWebDomain, EmulatorFault.Http500BeforeApplying, count: 20);

        jobClock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var waiting = Assert.Single(await Job(stack).RunDueAsync(Ct));
        var pending = Assert.Single(await Expiries(stack).ListAsync(AliceKey, Ct));
        var again = await Job(stack).RunDueAsync(Ct);
        stack.Control.ClearFaults();
        jobClock.Advance(TimeSpan.FromMinutes(2));
        var recovered = Assert.Single(await Job(stack).RunDueAsync(Ct));

        Assert.Equal(ExpiryOutcome.Waiting, waiting.Outcome);
        Assert.True(pending.HasEnded(jobClock.GetUtcNow()));
        Assert.Equal(ExpiryProblems.Unreachable, pending.LastProblem);
        Assert.Empty(again);
        Assert.Equal(ExpiryOutcome.Deleted, recovered.Outcome);
        Assert.Equal(["alice_shop"], Logins(stack));
        Assert.Equal(1, stack.CallsOf(HestiaCommands.DeleteWebDomainFtp));
    }

    [Fact]
    public async Task RunDueAsync_DeleteAnswerLost_SettledByTheReadBackNotResent()
    {
        var (stack, jobClock) = await StartAsync();
        await using var _ = stack;
        await EndMediaInAsync(stack, TimeSpan.FromDays(1));
        // The delete is applied but its answer is lost: the read-back settles it; nothing is sent twice.
        stack.Control.FailNext(HestiaCommands.DeleteWebDomainFtp, EmulatorFault.Http500AfterApplying);
        stack.Emulator.ResetCallCounts();

        jobClock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var outcome = Assert.Single(await Job(stack).RunDueAsync(Ct));

        Assert.Equal(ExpiryOutcome.Deleted, outcome.Outcome);
        Assert.Equal(1, stack.CallsOf(HestiaCommands.DeleteWebDomainFtp));
        Assert.Equal(["alice_shop"], Logins(stack));
        var entry = (await stack.Audit.QueryAsync(new AuditQuery(), Ct))[0];
        Assert.Equal($"{AuditOutcomes.Succeeded}: {HestiaFtp.Core.FtpAccounts.FtpResultCodes.ConfirmedAfterUnknown}", entry.Outcome);
    }

    [Fact]
    public async Task TryClaimAsync_TwoInstances_OnlyOneCarriesOutTheEnd()
    {
        var (stack, jobClock) = await StartAsync();
        await using var _ = stack;
        var end = await EndMediaInAsync(stack, TimeSpan.FromDays(1));
        var store = stack.Services.GetRequiredService<IExpiryStore>();
        var now = jobClock.GetUtcNow() + TimeSpan.FromDays(2);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.TryClaimAsync(end!.Key, end.EndsAt, $"instance-{i}", now, now + TimeSpan.FromMinutes(5), Ct)));

        Assert.Equal(1, claims.Count(c => c));
        Assert.Empty(await store.ListDueAsync(now, 10, Ct));
        Assert.Single(await store.ListDueAsync(now + TimeSpan.FromMinutes(6), 10, Ct));
    }

    [Fact]
    public async Task Cleanup_ManualDeleteThroughTheDashboard_DropsTheEnd_SoARecreatedLoginDoesNotInheritIt()
    {
        var (stack, jobClock) = await StartAsync();
        await using var _ = stack;
        var cleanup = stack.Services.GetRequiredService<ExpiryCleanup>();
        await cleanup.StartAsync(Ct);
        var dropped = new TaskCompletionSource();
        using var watch = stack.Services.GetRequiredService<ExpiryChanges>().Subscribe(AliceKey, () =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        });
        await EndMediaInAsync(stack, TimeSpan.FromDays(1));
        dropped = new TaskCompletionSource();

        await stack.Dashboard.DeleteAsync(new HestiaFtp.Core.FtpAccounts.DeleteFtpAccountRequest("alice", Domain, Media), Ct);
        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await cleanup.StopAsync(Ct);
        stack.Control.AddFtpAccountDirect("alice", Domain, Media, "/public_html/media", "Same-Folder-Again-2026");
        jobClock.Advance(TimeSpan.FromDays(2));

        Assert.Empty(await Expiries(stack).ListAsync(AliceKey, Ct));
        Assert.Empty(await Job(stack).RunDueAsync(Ct));
        Assert.Contains(Media, Logins(stack));
    }
}
