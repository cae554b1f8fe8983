using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HestiaFtp.Web.Expiry;

public static class ExpiryServiceCollectionExtensions
{
    /// <summary>
    /// Registers ends of FTP accounts: the store in the dashboard database, the change notices, the screens' boundary
    /// (<see cref="IFtpExpiries"/>, scoped like the circuit's user) and the <see cref="ExpiryJob"/> hosted service on its own
    /// <see cref="ExpiryClock"/> (the system clock unless a test host registered another first), bound to the <c>Expiry</c>
    /// section. Needs the dashboard database, the live parts, the audit log and the FTP account service.
    /// </summary>
    public static IServiceCollection AddFtpExpiries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExpiryOptions>()
            .Bind(configuration.GetSection(ExpiryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(new ExpiryClock(TimeProvider.System));
        services.TryAddSingleton<Dashboard.InteractiveMutations>();
        services.TryAddSingleton<IExpiryStore, SqlExpiryStore>();
        services.TryAddSingleton<ExpiryChanges>();
        services.TryAddSingleton<ExpiryRemoval>();
        services.TryAddSingleton<ExpiryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryJob>());
        services.TryAddSingleton<ExpiryCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryCleanup>());
        services.TryAddScoped<IFtpExpiries, FtpExpiries>();
        return services;
    }
}
