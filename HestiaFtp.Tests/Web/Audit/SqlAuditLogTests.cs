using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HestiaFtp.Tests.Web.Audit;

public sealed class SqlAuditLogTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 13, 14, 15, 678, TimeSpan.FromHours(1));
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hestiaftp-audit-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static AuditEntry Entry(string server = "web1", string account = "alice", string action = AuditActions.AddFtpAccount, string detail = "folder /deploy") =>
        new(0, At, "alice", server, account, "example.com", $"{account}_deploy", action, detail, AuditOutcomes.Succeeded);

    [Fact]
    public async Task RecordAsync_ThenQuery_ReturnsEveryFieldAsRecorded()
    {
        var log = SqlAuditLog.OnSqlite(Path.Combine(_root, "audit.db"));

        var id = await log.RecordAsync(Entry(), Ct);
        var entry = Assert.Single(await log.QueryAsync(new AuditQuery(), Ct));

        Assert.Equal(Entry() with { Id = id }, entry);
        Assert.True(id > 0);
    }

    [Fact]
    public async Task QueryAsync_CustomerFilter_SeesOnlyOwnAccountOnOwnServer()
    {
        var log = SqlAuditLog.OnSqlite(Path.Combine(_root, "audit.db"));
        await log.RecordAsync(Entry(account: "alice"), Ct);
        await log.RecordAsync(Entry(account: "bob"), Ct);
        await log.RecordAsync(Entry(server: "web2", account: "alice"), Ct);

        var own = await log.QueryAsync(new AuditQuery("web1", "alice"), Ct);
        var staff = await log.QueryAsync(new AuditQuery(), Ct);

        var mine = Assert.Single(own);
        Assert.Equal(("web1", "alice"), (mine.Server, mine.Account));
        Assert.Equal(3, staff.Count);
    }

    [Fact]
    public async Task QueryAsync_Take_ReturnsNewestFirst()
    {
        var log = SqlAuditLog.OnSqlite(Path.Combine(_root, "audit.db"));
        foreach (var action in new[] { AuditActions.AddFtpAccount, AuditActions.ChangeFtpPath, AuditActions.DeleteFtpAccount })
        {
            await log.RecordAsync(Entry(action: action), Ct);
        }

        var entries = await log.QueryAsync(new AuditQuery(Take: 2), Ct);

        Assert.Equal([AuditActions.DeleteFtpAccount, AuditActions.ChangeFtpPath], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task RecordAsync_NewInstanceOnSameFile_EntriesSurvive()
    {
        var path = Path.Combine(_root, "audit.db");
        await SqlAuditLog.OnSqlite(path).RecordAsync(Entry(), Ct);

        var entries = await SqlAuditLog.OnSqlite(path).QueryAsync(new AuditQuery(), Ct);

        Assert.Single(entries);
    }

    [Fact]
    public async Task AddAuditLog_DefaultPath_CreatesDatabaseUnderAppDataOnStart()
    {
        var expected = Path.Combine(_root, "App_Data", "audit.db");
        using var host = Host.CreateDefaultBuilder()
            .ConfigureServices((ctx, services) => services.AddAuditLog(ctx.Configuration, _root))
            .Build();
        Assert.False(File.Exists(expected));

        await host.StartAsync(Ct);
        Assert.IsType<SqlAuditLog>(host.Services.GetRequiredService<IAuditLog>());
        var database = host.Services.GetRequiredService<SqliteDatabase>();
        await host.StopAsync(Ct);

        Assert.True(File.Exists(expected));
        Assert.Equal(expected, database.FilePath);
    }

    [Fact]
    public void AddAuditLog_ConfiguredRelativePath_ResolvedAgainstContentRoot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:Path"] = "data/log.db" }).Build();
        var services = new ServiceCollection().AddAuditLog(configuration, _root).BuildServiceProvider();

        Assert.IsType<SqlAuditLog>(services.GetRequiredService<IAuditLog>());

        Assert.Equal(Path.Combine(_root, "data", "log.db"), services.GetRequiredService<SqliteDatabase>().FilePath);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
