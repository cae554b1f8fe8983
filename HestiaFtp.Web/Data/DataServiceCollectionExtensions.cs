using HestiaFtp.Web.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HestiaFtp.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard database shared by the activity log, the sign-in store and the user preferences, and
    /// migrates it at host start: PostgreSQL when <c>Audit:ConnectionString</c> is set (several instances share it),
    /// otherwise one SQLite file at <c>Audit:Path</c> (default <c>{contentRoot}/App_Data/audit.db</c>; relative paths are
    /// taken relative to <paramref name="contentRoot"/>). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddDashboardDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        if (services.Any(d => d.ServiceType == typeof(IDashboardDatabase)))
        {
            return services;
        }
        var options = Options(configuration);
        if (options.UsesPostgreSql)
        {
            services.TryAddSingleton(sp => new PostgreSqlDatabase(options.ConnectionString!, sp.GetRequiredService<ILogger<PostgreSqlDatabase>>()));
            services.TryAddSingleton<IDashboardDatabase>(sp => sp.GetRequiredService<PostgreSqlDatabase>());
        }
        else
        {
            var path = Path.IsPathRooted(options.Path) ? options.Path : Path.Combine(contentRoot, options.Path);
            services.TryAddSingleton(sp => new SqliteDatabase(path, sp.GetService<ILogger<SqliteDatabase>>()));
            services.TryAddSingleton<IDashboardDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        }
        services.TryAddSingleton<IUserPreferences>(sp => new SqlUserPreferences(
            sp.GetRequiredService<IDashboardDatabase>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHostedService<DatabaseMigrationService>();
        return services;
    }

    /// <summary>The <c>Audit</c> section as bound; tells which database the app uses.</summary>
    public static AuditOptions Options(IConfiguration configuration) =>
        configuration.GetSection(AuditOptions.SectionName).Get<AuditOptions>() ?? new AuditOptions();
}
