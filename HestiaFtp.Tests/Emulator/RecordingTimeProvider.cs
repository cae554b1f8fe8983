using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Emulator;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer created on it (what <c>Task.Delay</c> uses), so a test
/// knows the emulator is waiting, and for how long, before it advances the clock.
/// </summary>
internal sealed class RecordingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer created (waits for it; gives up after 30 s so a broken test fails instead of hanging).</summary>
    public Task<TimeSpan> NextTimerAsync(CancellationToken ct) => _timers.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);

    /// <summary>True when a timer was created that no <see cref="NextTimerAsync"/> has returned yet.</summary>
    public bool HasUnreadTimer => _timers.Reader.Count > 0;
}
