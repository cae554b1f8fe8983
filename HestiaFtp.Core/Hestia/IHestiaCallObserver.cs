namespace HestiaFtp.Core.Hestia;

/// <summary>
/// Told about every HTTP exchange a <see cref="HestiaClient"/> has with a server (each attempt; a read's retries
/// included), so one owner can keep the server's health. Called on the calling thread: implementations must be quick and
/// must not throw. Never receives arguments (they can hold passwords).
/// </summary>
public interface IHestiaCallObserver
{
    void OnCallCompleted(HestiaCallRecord call);
}

/// <summary>What came of one exchange.</summary>
public enum HestiaCallOutcome
{
    /// <summary>HestiaCP answered: success, a HestiaCP error (any exit code) or even an HTTP 5xx page. Not an outage.</summary>
    Answered,

    /// <summary>No answer at all: connection refused or reset, DNS failure, TLS failure, or timed out.</summary>
    TransportFailed,

    /// <summary>HestiaCP refused the dashboard's own API credentials (exit 9/10/21): the client's breaker is now open.</summary>
    CredentialsRefused,
}

/// <param name="Server">The configured server name.</param>
/// <param name="Command">The <c>v-*</c> command.</param>
/// <param name="Error">A short description of a transport failure or refusal (never an argument), else null.</param>
public sealed record HestiaCallRecord(string Server, string Command, bool Mutation, HestiaCallOutcome Outcome, TimeSpan Elapsed, string? Error);
