using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Tests.TestSupport.Engines;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Web.Audit;

/// <summary>
/// The activity log on a real PostgreSQL (<c>Audit:ConnectionString</c>) behind the real boundary and emulator: two
/// instances write one log, the same log SQLite keeps for the same actions, and no change is made while it cannot be written.
/// </summary>
public sealed class PostgreSqlAuditLogTests(PostgreSqlFixture postgres) : IClassFixture<PostgreSqlFixture>
{
    private const string User = "alice";
    private const string Shop = "alice-shop.com";
    private const string Suspended = "alice-blog.net";
    private static readonly AccountKey Alice = new(DashboardStack.ServerName, User);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordAsync_TwoInstancesActing_OneLogEqualToWhatSqliteRecordsForTheSameActions()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var sqlite = await SignedInAsync(null);
        await using var a = await SignedInAsync(connectionString);
        await using var b = await SignedInAsync(connectionString);

        foreach (var (step, instance) in Steps.Select((s, i) => (s, i % 2 == 0 ? a : b)))
        {
            var expected = await step(sqlite.Dashboard);
            var actual = await step(instance.Dashboard);
            Assert.Equal(expected.Status, actual.Status);
        }

        var fromA = await LogAsync(a);
        Assert.Equal(Steps.Length, fromA.Count);
        Assert.Equal(await LogAsync(sqlite), fromA);
        Assert.Equal(fromA, await LogAsync(b));
        Assert.Contains(fromA, e => e.EndsWith("| " + AuditOutcomes.Succeeded, StringComparison.Ordinal));
        Assert.Contains(fromA, e => e.Contains("| " + AuditOutcomes.Failed + ": ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Change_PostgreSqlDown_RefusedAuditUnavailableNothingSentAndWorksAgainWhenItIsBack()
    {
        await using var server = await PostgreSqlServer.StartAsync();
        await using var stack = await SignedInAsync(await server.CreateDatabaseAsync());
        var log = stack.Services.GetRequiredService<IAuditLog>();
        Assert.Empty(await log.QueryAsync(new AuditQuery(), Ct));

        await server.StopAsync();
        stack.Emulator.ResetCallCounts();
        var before = stack.Snapshot();
        var refused = await Assert.ThrowsAsync<DashboardAccessException>(
            () => stack.Dashboard.ChangePasswordAsync(new ChangeFtpPasswordRequest(User, Shop, "alice_shop", "Changed-Password-5521-k"), Ct));
        Assert.Equal(DashboardAccessException.Reason.AuditUnavailable, refused.Why);
        Assert.Equal(0, stack.MutationCalls());
        Assert.Equal(before, stack.Snapshot());

        await server.StartAgainAsync();
        var result = await stack.Dashboard.ChangePasswordAsync(new ChangeFtpPasswordRequest(User, Shop, "alice_shop", "Changed-Password-5521-k"), Ct);

        Assert.Equal(FtpResultStatus.Done, result.Status);
        var entry = Assert.Single(await log.QueryAsync(new AuditQuery(), Ct));
        Assert.Equal((AuditActions.ChangeFtpPassword, AuditOutcomes.Succeeded), (entry.Action, entry.Outcome));
    }

    /// <summary>Independent actions (each touches its own FTP account), so every instance's emulator starts them from the same state.</summary>
    private static readonly Func<IFtpDashboard, Task<IFtpResult>>[] Steps =
    [
        async d => await d.CreateAsync(new CreateFtpAccountRequest(User, Shop, "deploy", "Create-Existing-Folder-8841", "public_html/media/products"), Ct),
        async d => await d.ChangePasswordAsync(new ChangeFtpPasswordRequest(User, Shop, "alice_shop", "Changed-Password-5521-k"), Ct),
        async d => await d.ChangeFolderAsync(new ChangeFtpFolderRequest(User, Shop, "alice_media", ""), Ct),
        async d => await d.CreateAsync(new CreateFtpAccountRequest(User, Suspended, "late", "Create-Existing-Folder-8841"), Ct),
        async d => await d.DeleteAsync(new DeleteFtpAccountRequest(User, Shop, "alice_media"), Ct),
    ];

    /// <summary>A stack with Alice signed in and her account loaded; on PostgreSQL when a connection string is given.</summary>
    private static async Task<DashboardStack> SignedInAsync(string? connectionString)
    {
        var stack = await DashboardStack.StartAsync(configure: s =>
        {
            if (connectionString is not null)
            {
                s["Audit:ConnectionString"] = connectionString;
            }
        });
        stack.Auth.SignIn(DashboardStack.Alice);
        await stack.Dashboard.LoadAsync(Alice, Ct);
        return stack;
    }

    /// <summary>The log oldest first, without ids and times.</summary>
    private static async Task<IReadOnlyList<string>> LogAsync(DashboardStack stack) =>
        [.. (await stack.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(), Ct)).Reverse()
            .Select(e => string.Join(" | ", e.Actor, e.Server, e.Account, e.Domain, e.Login, e.Action, e.Detail, e.Outcome))];
}
