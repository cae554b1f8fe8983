using System.Net;

namespace HestiaFtp.Emulator;

/// <summary>Where <see cref="EmulatorServer"/> listens and whether it serves the control endpoint.</summary>
public sealed record EmulatorServerOptions
{
    /// <summary>The address to listen on (loopback by default).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The bearer token of the control endpoint (<c>/_emulator/</c>); null leaves it off. Loopback only.</summary>
    public string? ControlToken { get; init; }

    /// <summary>Runs after the control endpoint's reset has brought the emulator back to its seed (re-applies start-up steps).</summary>
    public Action<HestiaEmulator>? AfterReset { get; init; }
}
