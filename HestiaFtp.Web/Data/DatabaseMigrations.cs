using DbUp;
using DbUp.Builder;
using DbUp.Engine;

namespace HestiaFtp.Web.Data;

/// <summary>
/// The versioned schema: SQL scripts embedded under <c>Migrations/{provider}/NNNN_name.sql</c>, run in name order, each
/// once, each in its own transaction, and journaled in <see cref="JournalTable"/>. The scripts of both providers are
/// numbered alike and create the same tables, so a later switch to PostgreSQL starts from the same schema.
/// </summary>
public static class DatabaseMigrations
{
    public const string JournalTable = "schema_versions";

    private const string ResourcePrefix = "Migrations/";

    /// <summary>The embedded script names of <paramref name="provider"/>, in the order they run.</summary>
    public static IReadOnlyList<string> ScriptNames(DatabaseProvider provider) =>
        typeof(DatabaseMigrations).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix(provider), StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The text of one embedded script.</summary>
    public static string ScriptText(string name)
    {
        using var stream = typeof(DatabaseMigrations).Assembly.GetManifestResourceStream(name)
            ?? throw new ArgumentException($"No embedded migration named {name}.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Runs the scripts the database has not run yet; throws when one fails (that script is rolled back).</summary>
    public static void Upgrade(DatabaseProvider provider, string connectionString, ILogger logger)
    {
        var builder = provider switch
        {
            DatabaseProvider.Sqlite => DeployChanges.To.SqliteDatabase(connectionString).JournalToSqliteTable(JournalTable),
            DatabaseProvider.PostgreSql => DeployChanges.To.PostgresqlDatabase(connectionString).JournalToPostgresqlTable("public", JournalTable),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        var engine = Configure(builder, provider, logger).Build();
        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration {result.ErrorScript?.Name} failed.", result.Error);
        }
        foreach (var script in result.Scripts)
        {
            logger.LogInformation("Database migration {Script} applied", script.Name);
        }
    }

    private static UpgradeEngineBuilder Configure(UpgradeEngineBuilder builder, DatabaseProvider provider, ILogger logger) => builder
        .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrations).Assembly, name => name.StartsWith(Prefix(provider), StringComparison.Ordinal))
        .WithTransactionPerScript()
        .LogTo(new DbUpLog(logger));

    private static string Prefix(DatabaseProvider provider) => $"{ResourcePrefix}{provider}/";

    /// <summary>DbUp's own chatter goes to Debug; what was applied is logged once by <see cref="Upgrade"/>.</summary>
    private sealed class DbUpLog(ILogger logger) : DbUp.Engine.Output.IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("DbUp: {Message}", Format(format, args));

        public void LogDebug(string format, params object[] args) => logger.LogDebug("DbUp: {Message}", Format(format, args));

        public void LogInformation(string format, params object[] args) => logger.LogDebug("DbUp: {Message}", Format(format, args));

        public void LogWarning(string format, params object[] args) => logger.LogWarning("DbUp: {Message}", Format(format, args));

        public void LogError(string format, params object[] args) => logger.LogError("DbUp: {Message}", Format(format, args));

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "DbUp: {Message}", Format(format, args));

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
