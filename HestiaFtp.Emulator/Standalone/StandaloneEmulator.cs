using System.Net;
using System.Text.Json;
using HestiaFtp.Emulator.Hosting;
using HestiaFtp.Emulator.Seeding;

namespace HestiaFtp.Emulator.Standalone;

/// <summary>
/// The emulator as a tool: builds the panel from <c>--demo</c> and/or <c>--seed</c>, applies the secrets, and serves
/// <c>/api/</c> (plus <c>/_emulator/</c> when a control token is set) until disposed. A control reset brings back
/// exactly this start state.
/// </summary>
public sealed class StandaloneEmulator : IAsyncDisposable
{
    private StandaloneEmulator(HestiaEmulator emulator, EmulatorServer server, bool controlOn)
    {
        Emulator = emulator;
        Server = server;
        ControlUrl = controlOn ? new Uri(server.BaseUrl, ControlEndpoint.Prefix.TrimStart('/') + "/") : null;
    }

    public HestiaEmulator Emulator { get; }

    public EmulatorServer Server { get; }

    /// <summary>Where the HestiaCP API answers, e.g. <c>http://127.0.0.1:8083/api/</c>.</summary>
    public Uri ApiUrl => new(Server.BaseUrl, "api/");

    /// <summary>The control endpoint's base, or null when it is off.</summary>
    public Uri? ControlUrl { get; }

    /// <summary>Starts as asked; throws <see cref="EmulatorStartException"/> with a printable reason when it cannot.</summary>
    /// <param name="warnings">Where to say what the user may not expect (e.g. no way to authenticate).</param>
    /// <param name="time">The emulator's clock (latency, delay faults, timed outages); the system's by default.</param>
    public static async Task<StandaloneEmulator> StartAsync(EmulatorCommandLine commandLine, EmulatorSecrets secrets, TextWriter? warnings = null,
        TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        ArgumentNullException.ThrowIfNull(secrets);
        var address = commandLine.Url.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(commandLine.Url.Host.Trim('[', ']'));
        if (secrets.ControlToken is not null && !IPAddress.IsLoopback(address))
        {
            throw new EmulatorStartException(
                $"The control endpoint is on ({EmulatorSecrets.ControlTokenVariable} is set) and refuses to start on the non-loopback address {address}: " +
                "it can rewrite the whole panel. Listen on 127.0.0.1 or ::1, or unset the token.");
        }

        var (seed, steps) = ReadSeed(commandLine);
        var emulator = HestiaEmulator.Create(seed, time);
        void Prepare(HestiaEmulator e)
        {
            if (steps is { } list)
            {
                SeedSteps.Apply(e.Control, list);
            }

            if (secrets.AdminPassword is { } password)
            {
                e.Control.SetAdminPassword(password);
            }

            if (secrets is { AccessKeyId: { } id, AccessKeySecret: { } secret })
            {
                e.Control.AddAccessKey(e.Control.RootUser, id, secret);
            }
        }

        Prepare(emulator);
        if (secrets.AdminPassword is null && secrets.AccessKeyId is null && !commandLine.Demo)
        {
            warnings?.WriteLine(
                $"Warning: neither {EmulatorSecrets.AdminPasswordVariable} nor {EmulatorSecrets.AccessKeyVariable} is set: " +
                "the API refuses every request that the seed gives no credentials for.");
        }

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(emulator, new EmulatorServerOptions
            {
                Address = address,
                Port = commandLine.Url.Port,
                ControlToken = secrets.ControlToken,
                AfterReset = Prepare,
            }, ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new EmulatorStartException($"Cannot listen on {commandLine.Url}: {ex.Message}");
        }

        return new StandaloneEmulator(emulator, server, secrets.ControlToken is not null);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>The start state: <c>--demo</c>, a snapshot, or an empty panel (the ROOT_USER admin only), plus seed steps.</summary>
    private static (EmulatorSeed Seed, JsonElement? Steps) ReadSeed(EmulatorCommandLine commandLine)
    {
        var seed = commandLine.Demo ? EmulatorDemoSeed.Build() : Empty();
        if (commandLine.SeedFile is not { } file)
        {
            return (seed, null);
        }

        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            root = doc.RootElement.Clone();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new EmulatorStartException($"--seed {file}: {ex.Message}");
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            return (seed, root);
        }

        if (commandLine.Demo)
        {
            throw new EmulatorStartException($"--seed {file} is a state snapshot and replaces the panel; it cannot be combined with --demo (a list of steps can).");
        }

        try
        {
            // A snapshot that says nothing of hestia.conf gets the tool's open API rather than an allow-list that admits nobody.
            var snapshot = HestiaEmulator.LoadSeed(file);
            return (snapshot.Config is null ? snapshot with { Config = OpenApi } : snapshot, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new EmulatorStartException($"--seed {file}: not a state snapshot ({ex.Message}).");
        }
    }

    private static EmulatorSeedConfig OpenApi => new() { Api = "yes", ApiSystem = 1, ApiAllowedIp = "allow-all" };

    private static EmulatorSeed Empty() => new()
    {
        RootUser = "admin",
        Config = OpenApi,
        Users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal) { ["admin"] = new() { Role = "admin" } },
    };
}
