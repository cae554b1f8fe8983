using HestiaFtp.Web.Data;

namespace HestiaFtp.Web.Auth;

public static class SignInStoreRegistration
{
    /// <summary>
    /// The sign-in counters, devices and sessions in the dashboard database: PostgreSQL when <c>Audit:ConnectionString</c>
    /// is set (shared by every instance), otherwise the SQLite file.
    /// </summary>
    public static IServiceCollection AddSignInStores(this IServiceCollection services, IConfiguration configuration)
    {
        if (DataServiceCollectionExtensions.Options(configuration).UsesPostgreSql)
        {
            services.AddSingleton(sp => new PostgreSqlSignInStore(sp.GetRequiredService<PostgreSqlDatabase>()));
            return services.AddStoreInterfaces<PostgreSqlSignInStore>();
        }
        services.AddSingleton(sp => new SqliteSignInStore(sp.GetRequiredService<SqliteDatabase>()));
        return services.AddStoreInterfaces<SqliteSignInStore>();
    }

    private static IServiceCollection AddStoreInterfaces<TStore>(this IServiceCollection services)
        where TStore : class, ISignInAttemptStore, IDeviceStore, ISessionStore
    {
        services.AddSingleton<ISignInAttemptStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IDeviceStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<TStore>());
        return services;
    }
}
