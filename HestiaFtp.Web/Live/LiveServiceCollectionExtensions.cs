using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HestiaFtp.Web.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Registers the live parts, each a singleton with one job: the snapshot store, the change feed, the registry of watched
    /// accounts, server health (fed by every HestiaCP call as an <see cref="IHestiaCallObserver"/>), the shared reader, the
    /// <see cref="ILiveAccounts"/> facade screens use and the <see cref="HestiaPoller"/> hosted service, bound to the
    /// <c>Live</c> section. The store, feed, registry and health are interfaces so a distributed implementation can replace
    /// the in-process one. Needs the Hestia client's registration.
    /// </summary>
    public static IServiceCollection AddHestiaLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>()
            .Bind(configuration.GetSection(LiveOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAccountStore, InProcessAccountStore>();
        services.TryAddSingleton<IChangeFeed, InProcessChangeFeed>();
        services.TryAddSingleton<IWatchRegistry, InProcessWatchRegistry>();
        services.TryAddSingleton<IScaleOutStatus, SingleInstanceStatus>();
        services.TryAddSingleton<ServerHealth>();
        services.TryAddSingleton<IServerHealth>(sp => sp.GetRequiredService<ServerHealth>());
        services.AddSingleton<IHestiaCallObserver>(sp => sp.GetRequiredService<ServerHealth>());
        services.TryAddSingleton<AccountReader>();
        services.TryAddSingleton<LiveAccounts>();
        services.TryAddSingleton<ILiveAccounts>(sp => sp.GetRequiredService<LiveAccounts>());
        services.TryAddSingleton<HestiaPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<HestiaPoller>());
        return services;
    }
}
