namespace HestiaFtp.Core.Hestia.Wire;

/// <summary>One HestiaCP answer after the transport rules were applied: exit code and the command's output.</summary>
internal sealed record HestiaResponse(int ExitCode, string Body);
