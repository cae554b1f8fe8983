using HestiaFtp.Emulator.Protocol;

namespace HestiaFtp.Emulator;

/// <summary>
/// What several clients of one panel did, for tests and the bench that run more than one dashboard instance: requests
/// per access key (which instance polls), and mutations that were in flight at the same time. HestiaCP has no locking:
/// two <c>v-*</c> scripts changing one user at once rewrite the same files and lose an update, so an overlap here is the
/// bug the dashboards' shared mutation lock must prevent. A mutation is in flight from its arrival until its answer,
/// latency model included (the emulator's stand-in for the script's run time).
/// </summary>
public sealed class CallRecord
{
    private static readonly string[] ReadPrefixes = ["v-list-", "v-check-", "v-get-", "v-search-"];

    private readonly object _sync = new();
    private readonly Dictionary<string, int> _byAccessKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlightByCommand = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _peakByCommand = new(StringComparer.Ordinal);
    private int _inFlight;

    /// <summary>Mutating requests seen.</summary>
    public int Mutations { get; private set; }

    /// <summary>Mutating requests that arrived while another one was still in flight.</summary>
    public int OverlappingMutations { get; private set; }

    /// <summary>Requests per access key id (the part before the colon; never the secret).</summary>
    public IReadOnlyDictionary<string, int> CallsByAccessKey
    {
        get
        {
            lock (_sync)
            {
                return new Dictionary<string, int>(_byAccessKey, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// The most requests of <paramref name="command"/> that were in flight at once (arrival to answer, latency model
    /// included): how many reads of one kind a client had open together.
    /// </summary>
    public int MostInFlight(string command)
    {
        lock (_sync)
        {
            return _peakByCommand.GetValueOrDefault(command);
        }
    }

    public void Reset()
    {
        lock (_sync)
        {
            _byAccessKey.Clear();
            _peakByCommand.Clear();
            Mutations = 0;
            OverlappingMutations = 0;
        }
    }

    /// <summary>Records the request's arrival; disposing the result records its answer.</summary>
    internal IDisposable Enter(EmulatorRequest request)
    {
        var fields = ApiRequestReader.Read(request) is { HasNonScalar: false } data ? data.Fields : null;
        var cmd = fields?.GetValueOrDefault("cmd")?.Trim() ?? "";
        var key = fields?.GetValueOrDefault("access_key");
        var mutation = cmd.StartsWith("v-", StringComparison.Ordinal) && !ReadPrefixes.Any(p => cmd.StartsWith(p, StringComparison.Ordinal));
        lock (_sync)
        {
            if (!string.IsNullOrEmpty(key))
            {
                _byAccessKey[key] = _byAccessKey.GetValueOrDefault(key) + 1;
            }
            var inFlight = _inFlightByCommand[cmd] = _inFlightByCommand.GetValueOrDefault(cmd) + 1;
            _peakByCommand[cmd] = Math.Max(_peakByCommand.GetValueOrDefault(cmd), inFlight);
            if (mutation)
            {
                Mutations++;
                if (_inFlight > 0)
                {
                    OverlappingMutations++;
                }
                _inFlight++;
            }
        }
        return new Leave(this, cmd, mutation);
    }

    private sealed class Leave(CallRecord record, string command, bool mutation) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                lock (record._sync)
                {
                    record._inFlightByCommand[command]--;
                    if (mutation)
                    {
                        record._inFlight--;
                    }
                }
            }
        }
    }
}
