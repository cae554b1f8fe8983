using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Live;

/// <summary>The store and the watcher over fake HestiaCP servers and a fake clock. No real sleeps anywhere.</summary>
internal sealed class LiveHarness : IAsyncDisposable
{
    /// <summary>Only a guard against a hanging test; never a timing assertion.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    private bool _started;

    private LiveHarness(LiveOptions options, FakeHestiaClient[] clients)
    {
        Options = options;
        Clients = clients;
        Live = new LiveAccounts(new FakeHestiaClientProvider(clients), Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<LiveAccounts>.Instance);
        Watcher = new HestiaWatcher(Live, Time, NullLogger<HestiaWatcher>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public LiveOptions Options { get; }

    public FakeHestiaClient[] Clients { get; }

    public FakeHestiaClient Web1 => Clients[0];

    public LiveAccounts Live { get; }

    public HestiaWatcher Watcher { get; }

    public static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static LiveHarness Create(Action<LiveOptions>? configure = null, params string[] servers)
    {
        var options = new LiveOptions();
        configure?.Invoke(options);
        var clients = (servers.Length == 0 ? ["web1"] : servers).Select(s => new FakeHestiaClient(s)).ToArray();
        return new LiveHarness(options, clients);
    }

    public async Task StartAsync()
    {
        await Watcher.StartAsync(Ct);
        _started = true;
        foreach (var client in Clients)
        {
            await Watcher.WaitForIdleAsync(client.ServerName, 0, Ct).WaitAsync(Guard, Ct);
        }
    }

    /// <summary>Advances the clock and waits until every server loop has finished the tick(s) that became due.</summary>
    public async Task AdvanceAsync(TimeSpan by, bool expectTick = true)
    {
        var before = Clients.ToDictionary(c => c.ServerName, c => Watcher.GetTicks(c.ServerName));
        Time.Advance(by);
        if (expectTick)
        {
            foreach (var client in Clients)
            {
                await Watcher.WaitForIdleAsync(client.ServerName, before[client.ServerName] + 1, Ct).WaitAsync(Guard, Ct);
            }
        }
    }

    public Task TickAsync() => AdvanceAsync(Options.PollInterval);

    public async Task TicksAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await TickAsync();
        }
    }

    public static HestiaException Outage() => new(HestiaReturnCode.Connect, HestiaCommands.ListUsers, "connection refused");

    public static HestiaException Refused() => new(HestiaReturnCode.Password, HestiaCommands.ListUsers, "Error: Invalid secret key for key ABC");

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Watcher.StopAsync(CancellationToken.None);
        }

        Watcher.Dispose();
    }
}

/// <summary>Collects what a subscriber receives; lets a test await items without sleeping.</summary>
internal sealed class Inbox<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Until, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    public Task Add(T item)
    {
        List<TaskCompletionSource> done;
        lock (_gate)
        {
            _items.Add(item);
            done = _waiters.Where(w => w.Until(_items)).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => done.Contains(w.Done));
        }

        done.ForEach(d => d.TrySetResult());
        return Task.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> items arrived and returns all items.</summary>
    public Task<IReadOnlyList<T>> WaitForAsync(int count) => WaitUntilAsync(items => items.Count >= count);

    /// <summary>Waits until <paramref name="until"/> holds for the items received so far, and returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitUntilAsync(Func<IReadOnlyList<T>, bool> until)
    {
        Task wait;
        lock (_gate)
        {
            if (until(_items))
            {
                return [.. _items];
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((until, done));
            wait = done.Task;
        }

        await wait.WaitAsync(LiveHarness.Guard, LiveHarness.Ct);
        return Items;
    }
}
