using System.Collections.Concurrent;
using HestiaFtp.Web.Data;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>An <see cref="IUserPreferences"/> in a dictionary, for component tests; set <see cref="Failure"/> to make calls throw.</summary>
public sealed class InMemoryUserPreferences : IUserPreferences
{
    public ConcurrentDictionary<(string Server, string User, string Name), string> Values { get; } = new();

    public Exception? Failure { get; set; }

    public Task<string?> GetAsync(string server, string user, string name, CancellationToken cancellationToken) =>
        Failure is { } failure ? Task.FromException<string?>(failure)
        : Task.FromResult(Values.TryGetValue((server, user, name), out var value) ? value : null);

    public Task SetAsync(string server, string user, string name, string value, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Task.FromException(failure);
        }
        Values[(server, user, name)] = value;
        return Task.CompletedTask;
    }
}
