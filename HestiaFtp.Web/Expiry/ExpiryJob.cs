using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Expiry;

/// <summary>
/// Carries out FTP accounts' ends: at start (an end passed while the dashboard was down is carried out then) and every
/// <see cref="ExpiryOptions.CheckInterval"/> on its own clock (<see cref="ExpiryClock"/>), it lists the ends that have passed,
/// claims each in the database (a conditional update: with several instances, each end is worked on by one) and hands
/// them, a domain at a time, to <see cref="ExpiryRemoval"/>. Deletes on one server are <see cref="ExpiryOptions.Pace"/>
/// apart (each restarts the panel's sshd), and each waits until no change a person made is running on that server
/// (<see cref="Dashboard.InteractiveMutations"/>): people's changes go first.
/// </summary>
public sealed class ExpiryJob(
    IExpiryStore expiries,
    ExpiryRemoval removal,
    ExpiryClock clock,
    IOptions<ExpiryOptions> options,
    ILogger<ExpiryJob> logger) : BackgroundService
{
    private readonly ExpiryOptions _options = options.Value;

    /// <summary>This instance's name on its claims.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>One pass over the ends due now; returns what became of each. Public so tests can run one deterministically.</summary>
    public async Task<IReadOnlyList<(FtpExpiry Expiry, ExpiryOutcome Outcome)>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var due = await expiries.ListDueAsync(now, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<(FtpExpiry, ExpiryOutcome)>();
        if (due.Count == 0)
        {
            return outcomes;
        }

        logger.LogInformation("{Count} FTP account ends are due", due.Count);
        foreach (var server in due.GroupBy(e => e.Key.Server, StringComparer.Ordinal))
        {
            var deletesOnServer = 0;
            foreach (var domain in server.GroupBy(e => (e.Key.User, e.Key.Domain)))
            {
                var claimed = new List<FtpExpiry>();
                foreach (var expiry in domain)
                {
                    if (await expiries.TryClaimAsync(expiry.Key, expiry.EndsAt, Owner, now, now + _options.ClaimLease, cancellationToken).ConfigureAwait(false))
                    {
                        claimed.Add(expiry);
                    }
                }
                if (claimed.Count == 0)
                {
                    continue;
                }

                // The pace runs before every delete on this server but the first of the pass.
                var domainOutcomes = await removal.CarryOutAsync(claimed, Owner, clock.Now + _options.RetryAfter,
                    () => PaceAsync(cancellationToken), deletesOnServer > 0, cancellationToken).ConfigureAwait(false);
                deletesOnServer += domainOutcomes.Count(o => o.Outcome != ExpiryOutcome.Dropped);
                outcomes.AddRange(domainOutcomes);
            }
        }
        return outcomes;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The expiry pass failed; the next one comes in {Interval}", _options.CheckInterval);
            }

            try
            {
                await Task.Delay(_options.CheckInterval, clock.Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task PaceAsync(CancellationToken cancellationToken) =>
        _options.Pace <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(_options.Pace, clock.Time, cancellationToken);
}
