using System.ComponentModel.DataAnnotations;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// The <c>Redis</c> configuration section. Scale-out is on only when <see cref="Configuration"/> is set; with nothing
/// configured the dashboard is one process and needs no Redis.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379,password=…</c> (keep the password in an environment variable).</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several dashboards (or a test run) can share one Redis.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "hestiaftp:";

    /// <summary>How long a watcher lease lasts in Redis without renewal; another instance takes over within two of these.</summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The holder stops polling when it could not renew within <see cref="LeaseDuration"/> − this, by its own clock.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the holder renews its lease and the others try to take a free one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often an instance tells Redis which accounts its pages watch (and reads what the others watch).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan WatchHeartbeat { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The safety net of the mutation lock: a holder that died without releasing frees the lock after this. Longer than any
    /// mutation with its read-back can take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MutationLockExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A waiter for the mutation lock that stops refreshing its place (it died) loses it after this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan LockWaiterExpiry { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseMargin >= LeaseDuration)
        {
            yield return new ValidationResult("Redis:LeaseMargin must be shorter than Redis:LeaseDuration.", [nameof(LeaseMargin)]);
        }

        if (LeaseRenewInterval >= LeaseDuration - LeaseMargin)
        {
            yield return new ValidationResult("Redis:LeaseRenewInterval must be shorter than LeaseDuration − LeaseMargin, or the holder fences itself between renewals.",
                [nameof(LeaseRenewInterval)]);
        }
    }
}
