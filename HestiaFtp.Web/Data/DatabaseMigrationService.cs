namespace HestiaFtp.Web.Data;

/// <summary>
/// Brings the database up to date at host start, before the app serves a request: a broken path or a failing script stops
/// the start instead of the first sign-in or change.
/// </summary>
public sealed class DatabaseMigrationService(IDashboardDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
