using System.Text.RegularExpressions;
using Dapper;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HestiaFtp.Tests.Web.Data;

public sealed partial class DatabaseMigrationsTests : IDisposable
{
    /// <summary>The schema HestiaFtp created before versioned migrations (SqlAuditLog's CREATE ... IF NOT EXISTS), verbatim.</summary>
    private const string PreviousAuditSchema = """
        CREATE TABLE IF NOT EXISTS audit_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at_utc TEXT NOT NULL,
            actor TEXT NOT NULL,
            server TEXT NOT NULL,
            account TEXT NOT NULL,
            domain TEXT NULL,
            login TEXT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            outcome TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_audit_entries_account ON audit_entries (server, account, id);
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "hestiaftp-migrations-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_root, "audit.db");

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*)\);", RegexOptions.Singleline)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"CREATE (?:UNIQUE )?INDEX IF NOT EXISTS (\w+) ON (\w+) \(([^)]*)\)")]
    private static partial Regex CreateIndex();

    [Fact]
    public async Task Migrate_DatabaseCreatedByThePreviousAuditLog_KeepsEveryEntryAndAddsTheNewTables()
    {
        Directory.CreateDirectory(_root);
        await using (var old = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await old.OpenAsync(Ct);
            await old.ExecuteAsync("PRAGMA journal_mode=WAL;" + PreviousAuditSchema);
            await old.ExecuteAsync(
                """
                INSERT INTO audit_entries (at_utc, actor, server, account, domain, login, action, detail, outcome)
                VALUES ('2026-02-01T10:00:00.0000000Z', 'alice', 'web1', 'alice', 'example.com', 'alice_deploy', 'ftp-add', 'folder /deploy', 'succeeded');
                """);
        }

        var log = SqlAuditLog.OnSqlite(DatabasePath);
        var entries = await log.QueryAsync(new AuditQuery(), Ct);
        var id = await log.RecordAsync(entries[0] with { Id = 0, Action = AuditActions.DeleteFtpAccount }, Ct);

        var entry = Assert.Single(entries);
        Assert.Equal(("alice_deploy", "folder /deploy", new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero)), (entry.Login, entry.Detail, entry.At));
        Assert.Equal(2, id);
        Assert.Equal(DatabaseMigrations.ScriptNames(DatabaseProvider.Sqlite), await JournalAsync());
        Assert.Equal(["audit_entries", "devices", "ftp_expiries", "schema_versions", "sessions", "sign_in_attempts", "sqlite_sequence", "user_preferences"], await TablesAsync());
    }

    [Fact]
    public async Task Migrate_NewInstancesOverTheSameFile_RunEachScriptOnce()
    {
        await new SqliteDatabase(DatabasePath).MigrateAsync(Ct);
        await new SqliteDatabase(DatabasePath).MigrateAsync(Ct);
        await SqlAuditLog.OnSqlite(DatabasePath).QueryAsync(new AuditQuery(), Ct);

        Assert.Equal(["Migrations/Sqlite/0001_audit_entries.sql", "Migrations/Sqlite/0002_sign_in_security.sql", "Migrations/Sqlite/0003_user_preferences.sql", "Migrations/Sqlite/0004_ftp_expiries.sql"], await JournalAsync());
    }

    [Fact]
    public async Task AddDashboardDatabase_HostStart_MigratesBeforeTheFirstRequest()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:Path"] = DatabasePath }).Build();
        using var host = Host.CreateDefaultBuilder().ConfigureServices(services => services.AddDashboardDatabase(configuration, _root)).Build();

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        Assert.Equal(DatabaseMigrations.ScriptNames(DatabaseProvider.Sqlite), await JournalAsync());
    }

    [Fact]
    public void ScriptNames_EachProvider_NumberedFromOneWithoutGaps()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var numbers = DatabaseMigrations.ScriptNames(provider).Select(n => int.Parse(Path.GetFileName(n)[..4], System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(Enumerable.Range(1, DatabaseMigrations.ScriptNames(provider).Count), numbers);
        }
    }

    [Fact]
    public void ScriptNames_PostgreSql_ParallelToSqlite_SameFilesTablesColumnsAndIndexes()
    {
        var sqlite = DatabaseMigrations.ScriptNames(DatabaseProvider.Sqlite);
        var postgres = DatabaseMigrations.ScriptNames(DatabaseProvider.PostgreSql);

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Select(Path.GetFileName), postgres.Select(Path.GetFileName));
        foreach (var (lite, pg) in sqlite.Zip(postgres))
        {
            Assert.Equal(Schema(DatabaseMigrations.ScriptText(lite)), Schema(DatabaseMigrations.ScriptText(pg)));
        }
    }

    /// <summary>Tables with their column names, and indexes with their table and columns, as comparable lines.</summary>
    private static List<string> Schema(string script)
    {
        var lines = CreateTable().Matches(script).Select(m =>
            $"table {m.Groups[1].Value}: " + string.Join(",", m.Groups[2].Value.Split(',').Select(c => c.Trim().Split(' ')[0]))).ToList();
        lines.AddRange(CreateIndex().Matches(script).Select(m => $"index {m.Groups[1].Value} on {m.Groups[2].Value} ({m.Groups[3].Value})"));
        Assert.NotEmpty(lines);
        return lines;
    }

    private async Task<List<string>> JournalAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        return (await connection.QueryAsync<string>($"SELECT ScriptName FROM {DatabaseMigrations.JournalTable} ORDER BY ScriptName;")).ToList();
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        return (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;")).ToList();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
