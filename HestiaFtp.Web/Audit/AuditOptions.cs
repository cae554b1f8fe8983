namespace HestiaFtp.Web.Audit;

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>The SQLite file. Relative paths are resolved against the content root; default <c>App_Data/audit.db</c>.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("App_Data", "audit.db");
}
