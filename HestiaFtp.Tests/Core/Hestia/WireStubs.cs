using System.Collections.Concurrent;
using System.Net;
using System.Text;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Core.Hestia;

/// <summary>One request the client sent: method, URI, content type and the form fields in wire order.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri? Uri, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Form, string RawBody)
{
    public string Field(string key) => Form.Single(f => f.Key == key).Value;

    public IReadOnlyList<string> Keys => [.. Form.Select(f => f.Key)];
}

/// <summary>An HttpMessageHandler that records every request and answers with a scripted function.</summary>
internal sealed class StubHandler(Func<CapturedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private int _count;

    public StubHandler(Func<HttpResponseMessage> respond) : this((_, _, _) => Task.FromResult(respond()))
    {
    }

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    public int Count => Volatile.Read(ref _count);

    public static StubHandler Always(HttpStatusCode status, string body, int? exit, string contentType = "text/html") =>
        new(() => Reply(status, body, exit, contentType));

    public static HttpResponseMessage Reply(HttpStatusCode status, string body, int? exit, string contentType = "text/html")
    {
        var response = new HttpResponseMessage(status);
        if (status != HttpStatusCode.NoContent)
        {
            response.Content = new StringContent(body, Encoding.UTF8, contentType);
        }
        if (exit is { } code)
        {
            response.Headers.TryAddWithoutValidation("Hestia-Exit-Code", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var raw = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var captured = new CapturedRequest(request.Method, request.RequestUri, request.Content?.Headers.ContentType?.MediaType, ParseForm(raw), raw);
        _requests.Enqueue(captured);
        var attempt = Interlocked.Increment(ref _count);
        return await respond(captured, attempt, cancellationToken);
    }

    private static List<KeyValuePair<string, string>> ParseForm(string raw) =>
        [.. raw.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            return new KeyValuePair<string, string>(Decode(key), Decode(value));
        })];

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}

/// <summary>Records every exchange a client reports.</summary>
internal sealed class RecordingObserver : IHestiaCallObserver
{
    private readonly ConcurrentQueue<HestiaCallRecord> _calls = new();

    public IReadOnlyList<HestiaCallRecord> Calls => [.. _calls];

    public void OnCallCompleted(HestiaCallRecord call) => _calls.Enqueue(call);
}

/// <summary>An observer that always throws, as a buggy health owner would.</summary>
internal sealed class ThrowingObserver : IHestiaCallObserver
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public void OnCallCompleted(HestiaCallRecord call)
    {
        Interlocked.Increment(ref _calls);
        throw new InvalidOperationException("observer failed");
    }
}

/// <summary>
/// A clock the test sets. Other timers fire at once (retry back-off without waiting), but the client's per-attempt timeouts
/// (the timers of its CancellationTokenSources) run in real time, so a hanging handler times out and an answering one does
/// not. Timestamps are real, so the read deadline is real time too.
/// </summary>
internal sealed class ManualTime : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 15, 30, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan || state is CancellationTokenSource ? dueTime : TimeSpan.Zero, period);
}

/// <summary>
/// A fake clock for a server that never answers: each timer, once created, moves the clock on to its due time, so every
/// timeout and back-off delay elapses at once and the fake time a call took is exact. With <c>timeouts: false</c> the
/// client's per-attempt timeouts (CancellationTokenSource timers) stay put, for a server that fails at once; otherwise a
/// timeout always fires, even when an answer would have come first, so only use it with handlers that never answer.
/// </summary>
internal sealed class JumpingTime(bool timeouts = true) : FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 15, 30, 0, TimeSpan.Zero))
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && (timeouts || state is not CancellationTokenSource))
        {
            // Off the caller's thread: a CancellationTokenSource must finish constructing before its timer fires.
            ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
        }
        return timer;
    }
}

/// <summary>Collects every formatted log message and logged exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"))
                : "";
            owner._entries.Enqueue($"{logLevel}: {formatter(state, exception)} | {structured} | {exception}");
        }
    }
}
