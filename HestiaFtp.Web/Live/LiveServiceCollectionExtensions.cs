using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HestiaFtp.Web.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILiveAccounts"/> (singleton) and the <see cref="HestiaWatcher"/> hosted service, bound to the
    /// <c>Live</c> section. Needs an <c>IHestiaClientProvider</c> registration (the Hestia client's own extension).
    /// </summary>
    public static IServiceCollection AddHestiaLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>()
            .Bind(configuration.GetSection(LiveOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiveAccounts>();
        services.TryAddSingleton<ILiveAccounts>(sp => sp.GetRequiredService<LiveAccounts>());
        services.TryAddSingleton<HestiaWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<HestiaWatcher>());
        return services;
    }
}
