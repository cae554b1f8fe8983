using HestiaFtp.Web.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HestiaFtp.Web.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuditLog"/> in the dashboard database (<see cref="DataServiceCollectionExtensions.AddDashboardDatabase"/>:
    /// PostgreSQL at <c>Audit:ConnectionString</c>, otherwise SQLite at <c>Audit:Path</c>, default
    /// <c>{contentRoot}/App_Data/audit.db</c>; migrated at host start).
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddDashboardDatabase(configuration, contentRoot);
        services.TryAddSingleton(sp => new SqlAuditLog(sp.GetRequiredService<IDashboardDatabase>()));
        services.TryAddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqlAuditLog>());
        return services;
    }
}
