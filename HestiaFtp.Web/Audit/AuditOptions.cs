namespace HestiaFtp.Web.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>The SQLite file. Relative paths are resolved against the content root; default <c>App_Data/audit.db</c>.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("App_Data", "audit.db");

    /// <summary>
    /// A PostgreSQL connection string (Npgsql). When set, the dashboard database (activity log, sign-in counters, devices,
    /// sessions, preferences) lives there instead of in <see cref="Path"/>, shared by every dashboard instance.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgreSql => !string.IsNullOrWhiteSpace(ConnectionString);
}
