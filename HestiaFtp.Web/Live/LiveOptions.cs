using System.ComponentModel.DataAnnotations;

namespace HestiaFtp.Web.Live;

/// <summary>The <c>Live</c> configuration section.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How often the watcher polls a server that someone watches. Also the age under which a cached snapshot counts as fresh.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a failed poll; doubles on each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between polls of an unreachable server.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Staff view only: at most this many accounts whose <c>v-list-users</c> counters (SUSPENDED, SUSPENDED_WEB,
    /// U_WEB_DOMAINS) changed get a <c>v-list-web-domains</c> per tick; the rest wait for the next tick.
    /// </summary>
    [Range(0, 1000)]
    public int ChangedReadsPerTick { get; set; } = 20;

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
