using System.Text.Json;
using HestiaFtp.Emulator.Commands;
using HestiaFtp.Emulator.Protocol;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator;

/// <summary>
/// An in-memory HestiaCP 1.10.3 server: the protocol of <c>/api/index.php</c> (authentication modes,
/// IP allow-list, response shaping) and the semantics of the <c>v-*</c> commands an FTP dashboard uses
/// (<c>v-list-web-domains</c>, <c>v-add-web-domain-ftp</c>, <c>v-change-web-domain-ftp-password</c>,
/// <c>v-change-web-domain-ftp-path</c>, <c>v-delete-web-domain-ftp</c>, suspension, fs helpers …),
/// reproduced from the upstream scripts and the observed transcript. Thread-safe (one lock).
/// Shares no code with the HestiaCP client.
/// </summary>
public sealed class HestiaEmulator
{
    private readonly ServerState _state;
    private readonly Provisioning _provisioning;
    private readonly ApiEndpoint _api;
    private readonly EmulatorSeed _seed;

    private HestiaEmulator(TimeProvider time, EmulatorSeed seed)
    {
        _state = new ServerState(time);
        _provisioning = new Provisioning(_state);
        var checks = new ScriptChecks(_state);
        var commands = new CommandTable(checks, _provisioning);
        _api = new ApiEndpoint(checks, commands);
        Control = new EmulatorControl(_state, _provisioning, commands);
        _seed = seed;
        SeedApplier.Apply(_state, _provisioning, seed);
    }

    /// <summary>The clock the emulator waits on (latency, delay faults, timed outages).</summary>
    internal TimeProvider Time => _state.Time;

    /// <summary>The out-of-band admin surface (like a root shell on the server).</summary>
    public EmulatorControl Control { get; }

    /// <summary>Requests per command name that carried a valid <c>cmd</c> (including those refused by auth).</summary>
    public IReadOnlyDictionary<string, int> CallCounts
    {
        get
        {
            lock (_state.Sync)
            {
                return new Dictionary<string, int>(_state.CallCounts, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Requests per access key and overlapping mutations (several dashboard instances on one panel).</summary>
    public CallRecord Calls { get; } = new();

    /// <summary>Clears <see cref="CallCounts"/>.</summary>
    public void ResetCallCounts()
    {
        lock (_state.Sync)
        {
            _state.CallCounts.Clear();
        }
    }

    /// <summary>
    /// Back to the state the emulator was created with: the seed again, and no faults, latency, out-of-band changes or
    /// call counts. <see cref="EmulatorControl.RejectPasswordHook"/> stays. Requests in flight finish against the new state.
    /// </summary>
    public void Reset()
    {
        lock (_state.Sync)
        {
            _state.Reset();
            SeedApplier.Apply(_state, _provisioning, _seed);
        }
    }

    /// <summary>Creates an emulator from a seed.</summary>
    public static HestiaEmulator Create(EmulatorSeed seed, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return new HestiaEmulator(time ?? TimeProvider.System, seed);
    }

    /// <summary>Creates an emulator with the realistic demo data set (admin, alice, bob, carol, support).</summary>
    public static HestiaEmulator CreateDemo(TimeProvider? time = null) => Create(EmulatorDemoSeed.Build(), time);

    /// <summary>Reads a seed from a JSON file (the transcript's <c>initialState</c> shape, see <see cref="EmulatorSeed"/>).</summary>
    public static EmulatorSeed LoadSeed(string jsonPath)
    {
        var text = File.ReadAllText(jsonPath);
        using var doc = JsonDocument.Parse(text);
        // Accept either a bare seed or a transcript file carrying one under "initialState".
        if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("initialState", out var inner))
        {
            return EmulatorSeedJson.Parse(inner.GetRawText());
        }

        return EmulatorSeedJson.Parse(text);
    }

    /// <summary>Handles one API request synchronously. Delay faults and the latency model are skipped; hang faults throw
    /// <see cref="EmulatorHangException"/>.</summary>
    public EmulatorResponse Handle(EmulatorRequest request)
    {
        var handled = HandleCore(request, countCall: true);
        if (handled.Fault is { Fault: EmulatorFault.Hang or EmulatorFault.HangAfterApplying } fault)
        {
            throw new EmulatorHangException(fault.Command);
        }

        return handled.Response;
    }

    /// <summary>
    /// Handles one API request. The command runs (and <see cref="CallCounts"/> counts it) at once, under the lock; the
    /// answer then waits, outside the lock and on the emulator's <see cref="TimeProvider"/>, for the latency model
    /// (<see cref="EmulatorControl.SetLatency"/>) plus any delay fault. Hang faults wait until <paramref name="ct"/> is cancelled.
    /// </summary>
    public async Task<EmulatorResponse> HandleAsync(EmulatorRequest request, CancellationToken ct = default)
    {
        using var recorded = Calls.Enter(request);
        return await AnswerAsync(HandleCore(request, countCall: true), ct).ConfigureAwait(false);
    }

    /// <summary>Counts a request in <see cref="CallCounts"/> without running it: the server holds it (<see cref="EmulatorOutage.NeverAnswer"/>).</summary>
    internal void CountReceived(EmulatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_state.Sync)
        {
            _api.CountReceived(request);
        }
    }

    /// <summary><see cref="HandleAsync"/> for a request <see cref="CountReceived"/> already counted.</summary>
    internal async Task<EmulatorResponse> HandleCountedAsync(EmulatorRequest request, CancellationToken ct)
    {
        using var recorded = Calls.Enter(request);
        return await AnswerAsync(HandleCore(request, countCall: false), ct).ConfigureAwait(false);
    }

    private async Task<EmulatorResponse> AnswerAsync(Handled handled, CancellationToken ct)
    {
        var wait = handled.Latency;
        switch (handled.Fault?.Fault)
        {
            case EmulatorFault.Hang or EmulatorFault.HangAfterApplying:
                wait = Timeout.InfiniteTimeSpan;
                break;
            case EmulatorFault.Delay when handled.Fault.Value.Delay > TimeSpan.Zero:
                wait += handled.Fault.Value.Delay;
                break;
        }

        // One timer for latency and delay fault together, so a test advancing a fake clock sees a single due time.
        if (wait != TimeSpan.Zero)
        {
            await Task.Delay(wait, _state.Time, ct).ConfigureAwait(false);
        }

        return handled.Response;
    }

    private readonly record struct Handled(EmulatorResponse Response, PendingFault? Fault, TimeSpan Latency);

    private Handled HandleCore(EmulatorRequest request, bool countCall)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_state.Sync)
        {
            var answer = _api.Answer(request, countCall);
            var latency = _state.LatencyPerCall + TimeSpan.FromTicks(_state.LatencyPerRecord.Ticks * answer.Records);
            return new Handled(answer.Response, answer.Fault, latency);
        }
    }
}
