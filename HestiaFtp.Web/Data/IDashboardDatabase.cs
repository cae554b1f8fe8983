using System.Data.Common;

namespace HestiaFtp.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The dashboard's own database (activity log, sign-in counters, devices, sessions): opens connections to it, and brings
/// its schema up to date through the numbered scripts in <c>Data/Migrations/{provider}</c> (DbUp) before the first
/// connection is handed out.
/// </summary>
public interface IDashboardDatabase
{
    DatabaseProvider Provider { get; }

    /// <summary>Runs the scripts this database has not run yet; once per instance, the later calls return at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>An open connection to the migrated database; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
