using System.ComponentModel.DataAnnotations;

namespace HestiaFtp.Web.Expiry;

/// <summary>The <c>Expiry</c> configuration section: how the job carries out ends.</summary>
public sealed class ExpiryOptions
{
    public const string SectionName = "Expiry";

    /// <summary>How often the job looks for ends that have passed (also once at start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The pause between two automatic deletes on one server: each delete restarts the panel's sshd, and people's changes
    /// queue for the same per-server lock, so they get in between.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Pace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds an end for one instance; a crashed instance's claims are taken over after it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After an attempt had to wait (outage, refusal, unknown outcome), the next one comes no sooner than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many ends per pass.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// The clock of the expiry job, registered on its own: tests advance it by days without touching the clock session
/// lifetimes read (<see cref="TimeProvider"/>), so advancing it does not sign anyone out. The app registers the system clock.
/// </summary>
public sealed class ExpiryClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
