using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Hosting;
using HestiaFtp.Web.Live;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HestiaFtp.Web.ScaleOut;

public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Redis:Configuration</c> is set, makes this instance one of several behind a load balancer: the change feed on
    /// Redis pub/sub, one watcher per HestiaCP server (a lease) polling what every instance's pages watch, coalesced reads,
    /// the mutation lock, the credentials breaker and the probe limit shared, and the data-protection key ring in Redis
    /// (protected with the configured certificate). Replaces the in-process parts, so call it after
    /// <c>AddWebSecurity</c>, <c>AddHestiaClient</c> and <c>AddHestiaLive</c>. Without the setting it does nothing.
    /// </summary>
    public static IServiceCollection AddRedisScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisOptions.SectionName);
        if (!(section.Get<RedisOptions>() ?? new RedisOptions()).Enabled)
        {
            return services;
        }

        services.AddOptions<RedisOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RedisConnection>();
        services.Replace(ServiceDescriptor.Singleton<IScaleOutStatus>(sp => sp.GetRequiredService<RedisConnection>()));

        services.AddSingleton<InProcessChangeFeed>();
        services.Replace(ServiceDescriptor.Singleton<IChangeFeed, RedisChangeFeed>());
        services.AddSingleton<RedisWatchRegistry>();
        services.Replace(ServiceDescriptor.Singleton<IWatchRegistry>(sp => sp.GetRequiredService<RedisWatchRegistry>()));
        services.Replace(ServiceDescriptor.Singleton<IServerHealth, RedisServerHealth>());
        services.Replace(ServiceDescriptor.Singleton<IRecentReads, RedisRecentReads>());
        services.AddSingleton<RedisWatcherLease>();
        services.Replace(ServiceDescriptor.Singleton<IWatcherLease>(sp => sp.GetRequiredService<RedisWatcherLease>()));
        services.AddHostedService(sp => sp.GetRequiredService<RedisWatcherLease>());
        services.AddHostedService<WatchHeartbeat>();
        services.AddHostedService<ReconnectResync>();

        services.Replace(ServiceDescriptor.Singleton<IHestiaMutationLock, RedisMutationLock>());
        services.Replace(ServiceDescriptor.Singleton<IHestiaCredentialsBreaker, RedisCredentialsBreaker>());

        // The key ring in Redis instead of the keys folder; the certificate AddDashboardDataProtection configured still
        // encrypts every key, so Redis access alone cannot forge a cookie.
        services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((o, redis) =>
            o.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Key("data-protection-keys")));
        if (services.FirstOrDefault(d => d.ServiceType == typeof(KeyStorage))?.ImplementationInstance is KeyStorage storage)
        {
            services.Replace(ServiceDescriptor.Singleton(storage with { Folder = $"Redis ({section["KeyPrefix"] ?? new RedisOptions().KeyPrefix}data-protection-keys)" }));
        }

        return services;
    }
}
