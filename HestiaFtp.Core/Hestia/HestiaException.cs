namespace HestiaFtp.Core.Hestia;

/// <summary>
/// A failed HestiaCP call. Carries the return code, the command name and Hestia's own message; never the
/// arguments, because they can hold passwords.
/// </summary>
public sealed class HestiaException : Exception
{
    public HestiaException(HestiaReturnCode code, string command, string? hestiaMessage, Exception? inner = null, bool outcomeUnknown = false)
        : base(BuildMessage(code, command, hestiaMessage), inner)
    {
        Code = code;
        Command = command;
        HestiaMessage = hestiaMessage ?? string.Empty;
        OutcomeUnknown = outcomeUnknown;
    }

    public HestiaReturnCode Code { get; }

    /// <summary>The <c>v-*</c> command, e.g. <c>v-add-web-domain-ftp</c>.</summary>
    public string Command { get; }

    /// <summary>Hestia's message as sent (e.g. <c>Error: ftp user alice_ftp1 already exists</c>), or empty.</summary>
    public string HestiaMessage { get; }

    /// <summary>
    /// True when a mutating command may or may not have been carried out (timeout, dropped connection,
    /// 5xx). Callers must re-read the server to learn what is true; never retry blindly.
    /// </summary>
    public bool OutcomeUnknown { get; }

    private static string BuildMessage(HestiaReturnCode code, string command, string? hestiaMessage) =>
        string.IsNullOrEmpty(hestiaMessage)
            ? $"HestiaCP command {command} failed: {code} ({(int)code})."
            : $"HestiaCP command {command} failed: {code} ({(int)code}): {hestiaMessage}";
}
