using HestiaFtp.Emulator;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

/// <summary>Bulk actions through the real boundary, client and emulator, as carol (an agency with 43 accounts).</summary>
public class BulkRunTests
{
    private const string Agency = "dupont-digital.fr";
    private static readonly AccountKey CarolKey = new(DashboardStack.ServerName, "carol");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DashboardStack> AsCarolAsync()
    {
        var stack = await DashboardStack.StartAsync(services: s => s.AddLocalization());
        stack.Auth.SignIn(DashboardStack.Carol);
        await stack.Dashboard.LoadAsync(CarolKey, Ct);
        stack.Emulator.ResetCallCounts();
        return stack;
    }

    private static IStringLocalizer<Strings> L(DashboardStack stack) => stack.Services.GetRequiredService<IStringLocalizer<Strings>>();

    private static List<BulkTarget> Targets(DashboardStack stack, int count) =>
        stack.Control.GetFtpAccounts("carol", Agency).Select(a => new BulkTarget(Agency, a.Login)).Take(count).ToList();

    [Fact]
    public async Task RunAsync_Delete20WithOneFailure_19DeletedAndTheFailureReported()
    {
        await using var stack = await AsCarolAsync();
        var targets = Targets(stack, 20);
        Assert.Equal(20, targets.Count);
        // The first delete is refused by the panel's web server (HTTP 500, nothing applied): the read-back shows it still there.
        stack.Control.FailNext(HestiaCommands.DeleteWebDomainFtp, EmulatorFault.Http500BeforeApplying);
        var progress = new List<BulkItemResult>();

        var results = await BulkRun.RunAsync(targets,
            async t => await stack.Dashboard.DeleteAsync(new DeleteFtpAccountRequest("carol", t.Domain, t.Login), Ct),
            r =>
            {
                progress.Add(r);
                return Task.CompletedTask;
            }, L(stack));

        var failed = Assert.Single(results, r => r.State != BulkItemState.Done);
        Assert.Equal((targets[0], BulkItemState.Failed), (failed.Target, failed.State));
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason));
        Assert.Equal(19, results.Count(r => r.State == BulkItemState.Done));
        Assert.Equal(results, progress);
        var left = stack.Control.GetFtpAccounts("carol", Agency).Select(a => a.Login).ToHashSet();
        Assert.Contains(targets[0].Login, left);
        Assert.All(targets.Skip(1), t => Assert.DoesNotContain(t.Login, left));
        Assert.Equal(20, stack.CallsOf(HestiaCommands.DeleteWebDomainFtp));
        Assert.Equal(20, (await stack.Audit.QueryAsync(new AuditQuery(), Ct)).Count(e => e.Action == AuditActions.DeleteFtpAccount));
    }

    [Fact]
    public async Task RunAsync_OutageMidway_StopsTheBatchAndReportsTheRestNotTried()
    {
        await using var stack = await AsCarolAsync();
        var targets = Targets(stack, 6);
        var sent = 0;

        var results = await BulkRun.RunAsync(targets,
            async t =>
            {
                if (++sent == 3)
                {
                    await stack.StopHestiaAsync();
                }
                return await stack.Dashboard.DeleteAsync(new DeleteFtpAccountRequest("carol", t.Domain, t.Login), Ct);
            },
            _ => Task.CompletedTask, L(stack));

        Assert.Equal([BulkItemState.Done, BulkItemState.Done], results.Take(2).Select(r => r.State));
        Assert.DoesNotContain(results.Skip(2), r => r.State == BulkItemState.Done);
        Assert.Equal(BulkItemState.NotTried, results[^1].State);
        Assert.True(sent < targets.Count, $"the batch should stop at the outage, but {sent} deletes were attempted");
    }
}
