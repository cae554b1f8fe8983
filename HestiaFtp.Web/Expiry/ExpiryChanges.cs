using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Expiry;

/// <summary>
/// Tells open pages that an account's ends changed (set, moved, removed, carried out, waiting), so every page of that
/// account and the support overview read them again. In-process: with several instances each one learns of other
/// instances' changes with the deletion itself (the live feed) or on the next load.
/// </summary>
public sealed class ExpiryChanges
{
    private readonly Lock _gate = new();
    private readonly List<(AccountKey? Key, Func<Task> OnChange)> _subscribers = [];

    /// <summary>Calls <paramref name="onChange"/> after each change of <paramref name="key"/>'s ends (every account's when null).</summary>
    public IDisposable Subscribe(AccountKey? key, Func<Task> onChange)
    {
        var entry = (key, onChange);
        lock (_gate)
        {
            _subscribers.Add(entry);
        }
        return new Unsubscriber(this, entry);
    }

    public void Publish(AccountKey key)
    {
        List<Func<Task>> targets;
        lock (_gate)
        {
            targets = _subscribers.Where(s => s.Key is null || s.Key == key).Select(s => s.OnChange).ToList();
        }
        foreach (var target in targets)
        {
            _ = RunAsync(target);
        }
    }

    private static async Task RunAsync(Func<Task> target)
    {
        try
        {
            await target().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A page that went away while being told; nothing to do.
        }
    }

    private sealed class Unsubscriber(ExpiryChanges owner, (AccountKey? Key, Func<Task> OnChange) entry) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers.Remove(entry);
            }
        }
    }
}
