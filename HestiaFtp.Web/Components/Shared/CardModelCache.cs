namespace HestiaFtp.Web.Components.Shared;

/// <summary>
/// Hands out the previous model instance when a freshly built one is equal to it, so a card whose data did not change
/// receives the identical object and can skip rendering. Remembers only the models of the last call.
/// </summary>
public sealed class CardModelCache<TModel>(Func<TModel, string> keyOf)
    where TModel : class, IEquatable<TModel>
{
    private Dictionary<string, TModel> _previous = new(StringComparer.Ordinal);

    public IReadOnlyList<TModel> Reuse(IEnumerable<TModel> fresh)
    {
        var current = new Dictionary<string, TModel>(_previous.Count, StringComparer.Ordinal);
        var result = new List<TModel>(_previous.Count);
        foreach (var model in fresh)
        {
            var key = keyOf(model);
            var kept = _previous.TryGetValue(key, out var previous) && previous.Equals(model) ? previous : model;
            current[key] = kept;
            result.Add(kept);
        }
        _previous = current;
        return result;
    }
}
