using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HestiaFtp.Web.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuditLog"/> as SQLite at <c>Audit:Path</c> (default <c>{contentRoot}/App_Data/audit.db</c>;
    /// a relative path is taken relative to <paramref name="contentRoot"/>), and creates the schema at host start.
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(AuditOptions.SectionName).Get<AuditOptions>() ?? new AuditOptions();
        var path = Path.IsPathRooted(options.Path) ? options.Path : Path.Combine(contentRoot, options.Path);
        services.TryAddSingleton(new SqliteAuditLog(path));
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddHostedService<AuditLogInitializer>();
        return services;
    }
}
