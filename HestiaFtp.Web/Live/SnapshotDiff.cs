using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Web.Live;

/// <summary>Turns two reads of the same account into <see cref="AccountChange"/>s.</summary>
internal static class SnapshotDiff
{
    /// <summary>User-level changes. <paramref name="before"/> null and <paramref name="after"/> set means a new account.</summary>
    public static List<AccountChange> Users(AccountKey key, HestiaUser? before, HestiaUser? after, ChangeSource source, DateTimeOffset at)
    {
        var changes = new List<AccountChange>();
        if (before is null && after is not null)
        {
            changes.Add(new(key, ChangeKind.UserAdded, null, null, source, at));
            if (after.Suspended)
            {
                changes.Add(new(key, ChangeKind.UserSuspended, null, null, source, at));
            }
        }
        else if (before is not null && after is null)
        {
            changes.Add(new(key, ChangeKind.UserRemoved, null, null, source, at));
        }
        else if (before is not null && after is not null && before.Suspended != after.Suspended)
        {
            changes.Add(after.Suspended
                ? new(key, ChangeKind.UserSuspended, null, null, source, at)
                : new(key, ChangeKind.UserUnsuspended, null, null, source, at));
        }

        return changes;
    }

    /// <summary>Domain and FTP changes. FTP accounts are matched by login across all domains (logins are unique per server).</summary>
    public static List<AccountChange> Domains(AccountKey key, IReadOnlyList<WebDomain> before, IReadOnlyList<WebDomain> after, ChangeSource source, DateTimeOffset at)
    {
        var changes = new List<AccountChange>();
        var oldDomains = before.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var newDomains = after.ToDictionary(d => d.Name, StringComparer.Ordinal);

        foreach (var domain in after)
        {
            if (!oldDomains.TryGetValue(domain.Name, out var old))
            {
                changes.Add(new(key, ChangeKind.DomainAdded, domain.Name, null, source, at));
                if (domain.Suspended)
                {
                    changes.Add(new(key, ChangeKind.DomainSuspended, domain.Name, null, source, at));
                }
            }
            else if (old.Suspended != domain.Suspended)
            {
                changes.Add(domain.Suspended
                    ? new(key, ChangeKind.DomainSuspended, domain.Name, null, source, at)
                    : new(key, ChangeKind.DomainUnsuspended, domain.Name, null, source, at));
            }
        }

        foreach (var domain in before.Where(d => !newDomains.ContainsKey(d.Name)))
        {
            changes.Add(new(key, ChangeKind.DomainRemoved, domain.Name, null, source, at));
        }

        var oldLogins = Logins(before);
        var newLogins = Logins(after);
        foreach (var (login, account) in newLogins)
        {
            if (!oldLogins.TryGetValue(login, out var old))
            {
                changes.Add(new(key, ChangeKind.FtpAdded, account.Domain, login, source, at, To: account.Folder));
            }
            else if (!string.Equals(old.Domain, account.Domain, StringComparison.Ordinal))
            {
                // Logins are unique per server: the same login on another domain is the old one removed and a new one added.
                changes.Add(new(key, ChangeKind.FtpRemoved, old.Domain, login, source, at, From: old.Folder));
                changes.Add(new(key, ChangeKind.FtpAdded, account.Domain, login, source, at, To: account.Folder));
            }
            else if (!string.Equals(old.Folder, account.Folder, StringComparison.Ordinal))
            {
                changes.Add(new(key, ChangeKind.FtpMoved, account.Domain, login, source, at, From: old.Folder, To: account.Folder));
            }
        }

        foreach (var (login, account) in oldLogins.Where(p => !newLogins.ContainsKey(p.Key)))
        {
            changes.Add(new(key, ChangeKind.FtpRemoved, account.Domain, login, source, at, From: account.Folder));
        }

        return changes;
    }

    private static Dictionary<string, FtpAccount> Logins(IReadOnlyList<WebDomain> domains)
    {
        var logins = new Dictionary<string, FtpAccount>(StringComparer.Ordinal);
        foreach (var account in domains.SelectMany(d => d.FtpAccounts))
        {
            logins.TryAdd(account.Login, account);
        }

        return logins;
    }
}
