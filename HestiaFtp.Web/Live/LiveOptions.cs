using System.ComponentModel.DataAnnotations;

namespace HestiaFtp.Web.Live;

/// <summary>The <c>Live</c> configuration section.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// How often the poller reads what open pages watch, so out-of-band changes (made in the panel, by billing, on the CLI)
    /// appear within this time. Stretched when a tick would need more calls than <see cref="CallBudgetPerSecond"/> allows.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>While a server is unreachable: at most one call (a probe) per this interval; the first answer clears the outage.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A read of an account this young (or still in flight) is shared instead of sending another.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The poller's share of a panel (about 20 calls a second with 4 PHP workers, shared with people): a tick that needs more
    /// calls than this × <see cref="PollInterval"/> waits longer before the next one.
    /// </summary>
    [Range(0.1, 100.0)]
    public double CallBudgetPerSecond { get; set; } = 2;

    /// <summary>
    /// The cost model that chooses between one <c>v-list-users</c> per tick and one <c>v-list-user</c> per watched account:
    /// a call costs <see cref="CostPerCall"/>, plus <see cref="CostPerListedUser"/> per user a list prints.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CostPerCall { get; set; } = TimeSpan.FromMilliseconds(75);

    /// <inheritdoc cref="CostPerCall"/>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CostPerListedUser { get; set; } = TimeSpan.FromMilliseconds(12);

    /// <summary>How many reads of one server the poller sends at once.</summary>
    [Range(1, 8)]
    public int ConcurrentReadsPerServer { get; set; } = 2;

    /// <summary>
    /// Staff view only: at most this many accounts whose <c>v-list-users</c> counters (SUSPENDED, SUSPENDED_WEB,
    /// U_WEB_DOMAINS) changed get a <c>v-list-web-domains</c> per tick; the rest wait for the next tick.
    /// </summary>
    [Range(0, 1000)]
    public int ChangedReadsPerTick { get; set; } = 10;

    /// <summary>
    /// Staff view only: this many further accounts (never listed first, then least recently listed) get a
    /// <c>v-list-web-domains</c> per tick, to catch FTP drift, which changes no <c>v-list-users</c> counter.
    /// </summary>
    [Range(0, 1000)]
    public int SweepReadsPerTick { get; set; } = 3;

    /// <summary>How many recent events (changes and server status changes) are kept for the staff page.</summary>
    [Range(1, 10_000)]
    public int RecentEventCapacity { get; set; } = 200;

    /// <summary>Per-subscriber queue; when a circuit falls this far behind, its oldest undelivered items are dropped.</summary>
    [Range(1, 100_000)]
    public int SubscriberQueueCapacity { get; set; } = 1000;
}
