using HestiaFtp.Emulator.State;

namespace HestiaFtp.Emulator.Protocol;

/// <summary>The response, the fault that shaped it (hangs and delays are the caller's to wait out), and the records
/// listed (for the latency model).</summary>
internal readonly record struct ApiAnswer(EmulatorResponse Response, PendingFault? Fault = null, int Records = 0);
