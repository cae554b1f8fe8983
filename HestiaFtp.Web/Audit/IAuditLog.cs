namespace HestiaFtp.Web.Audit;

/// <summary>The audit log of changes made through the dashboard.</summary>
public interface IAuditLog
{
    /// <summary>Stores the entry (its <see cref="AuditEntry.Id"/> is ignored) and returns the stored id.</summary>
    Task<long> RecordAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the outcome of an entry recorded before the change was sent (two-phase audit: the intent with
    /// <see cref="AuditOutcomes.Pending"/>, then this). <paramref name="login"/> replaces the entry's login when the change
    /// produced it (a generated name).
    /// </summary>
    Task CompleteAsync(long id, string outcome, string? login, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first. Callers must pass the customer's own account.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
