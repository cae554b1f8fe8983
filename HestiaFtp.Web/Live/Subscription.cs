using System.Threading.Channels;

namespace HestiaFtp.Web.Live;

/// <summary>
/// One subscriber with its own queue and pump: a slow or throwing handler only delays itself, and each subscriber
/// receives items in publication order. Handlers run on the thread pool, never under the store's locks.
/// </summary>
internal sealed class Subscription<T> : ILiveSubscription
{
    private readonly Channel<T> _channel;
    private readonly Func<T, Task> _handler;
    private readonly Action<Subscription<T>> _onChange;
    private readonly ILogger _logger;
    private volatile bool _paused;
    private int _disposed;
    private long _missed;

    public Subscription(Func<T, Task> handler, int capacity, Action<Subscription<T>> onChange, ILogger logger)
    {
        _handler = handler;
        _onChange = onChange;
        _logger = logger;
        _channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _missed));
        Completion = Task.Run(PumpAsync);
    }

    public bool IsPaused => _paused;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public bool IsActive => !_paused && !IsDisposed;

    public long Missed => Interlocked.Read(ref _missed);

    /// <summary>Completes when the pump has stopped after <see cref="Dispose"/>.</summary>
    public Task Completion { get; }

    public void Post(T item)
    {
        if (!IsActive)
        {
            Interlocked.Increment(ref _missed);
            return;
        }

        _channel.Writer.TryWrite(item);
    }

    public void Pause()
    {
        _paused = true;
        _onChange(this);
    }

    public void Resume()
    {
        _paused = false;
        _onChange(this);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _onChange(this);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_paused || Volatile.Read(ref _disposed) != 0)
            {
                Interlocked.Increment(ref _missed);
                continue;
            }

            try
            {
                await _handler(item).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A live-feed subscriber threw while handling {ItemType}", typeof(T).Name);
            }
        }
    }
}
