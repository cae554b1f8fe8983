using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>Applies a snapshot another instance read to this instance's store, so its pages and reads see it too.</summary>
internal static class RemoteSnapshot
{
    /// <summary>
    /// Imports <paramref name="snapshot"/> unless the store already holds one read later; returns what changed in this
    /// instance's store (empty when nothing did, e.g. the change had already reached it another way).
    /// </summary>
    public static IReadOnlyList<AccountChange> Import(IAccountStore store, AccountSnapshot snapshot, IReadOnlyList<AccountChange> changes)
    {
        if (store.Get(snapshot.Key) is { } local && local.AsOf > snapshot.AsOf)
        {
            return [];
        }

        var source = changes.Count > 0 ? changes[0].Source : ChangeSource.External;
        var sequence = store.NextSequence();
        var result = new List<AccountChange>();
        if (snapshot.User is not null || changes.Any(c => c.Kind == ChangeKind.UserRemoved))
        {
            result.AddRange(store.ApplyUser(snapshot.Key, snapshot.User, sequence, snapshot.AsOf, source).Changes);
        }

        result.AddRange(store.ApplyDomains(snapshot.Key, snapshot.Domains, sequence, snapshot.AsOf, source).Changes);
        return result;
    }
}
