using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Core.Hestia;

/// <summary>
/// One <see cref="HestiaClient"/> per configured server, sharing that server's mutation gate and breaker, and reporting every
/// HTTP exchange with HestiaCP to the registered <see cref="IHestiaCallObserver"/>s.
/// </summary>
public sealed class HestiaClientProvider : IHestiaClientProvider
{
    private readonly IHttpClientFactory _httpClients;
    private readonly IHestiaMutationLock _mutations;
    private readonly IHestiaCredentialsBreaker _breaker;
    private readonly IReadOnlyList<IHestiaCallObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ConcurrentDictionary<string, IHestiaClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HestiaClientOptions> _servers;

    /// <param name="observers">Every registered observer (zero or more); each client tells all of them about each exchange.</param>
    public HestiaClientProvider(
        IOptions<HestiaOptions> options,
        IHttpClientFactory httpClients,
        IEnumerable<IHestiaCallObserver> observers,
        IHestiaMutationLock mutations,
        IHestiaCredentialsBreaker breaker,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _mutations = mutations;
        _breaker = breaker;
        _httpClients = httpClients;
        _observers = [.. observers];
        _time = time;
        _loggers = loggers;
        Servers = options.Value.Servers;
        _servers = Servers.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<HestiaClientOptions> Servers { get; }

    public IHestiaClient Get(string serverName)
    {
        if (!_servers.TryGetValue(serverName, out var server))
        {
            throw new KeyNotFoundException($"No HestiaCP server named '{serverName}' is configured.");
        }
        return _clients.GetOrAdd(serverName, _ => new HestiaClient(
            () => _httpClients.CreateClient(HestiaClientRegistration.HttpClientName),
            server, new HestiaServerState(serverName, _mutations, _breaker), _observers, _time, _loggers.CreateLogger<HestiaClient>()));
    }
}
