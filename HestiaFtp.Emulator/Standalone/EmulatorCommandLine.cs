using System.Net;

namespace HestiaFtp.Emulator.Standalone;

/// <summary>
/// The standalone emulator's command line: <c>--urls http://127.0.0.1:PORT [--seed FILE] [--demo]</c>. Secrets are refused
/// here: a command line shows in <c>ps</c> and in shell history, so they come from the environment or a file only.
/// </summary>
public sealed record EmulatorCommandLine
{
    public const string Usage =
        "Usage: HestiaFtp.Emulator [--urls http://127.0.0.1:PORT] [--seed FILE] [--demo]\n" +
        "Secrets come from the environment or a file, never from the command line:\n" +
        "  " + EmulatorSecrets.AdminPasswordVariable + "=...        the ROOT_USER's panel password\n" +
        "  " + EmulatorSecrets.AccessKeyVariable + "=ID:SECRET     an admin access key (20 + 40 characters)\n" +
        "  " + EmulatorSecrets.ControlTokenVariable + "=...         turns the control endpoint /_emulator/ on (loopback only)\n" +
        "  " + EmulatorSecrets.SecretsFileVariable + "=FILE         the same NAME=VALUE lines in a file\n";

    private static readonly string[] SecretWords = ["password", "secret", "token", "key", "hash", "credential"];

    /// <summary>Where to listen; port 0 picks a free port.</summary>
    public Uri Url { get; init; } = new("http://127.0.0.1:0/");

    /// <summary>A seed file: a state snapshot (JSON object) or a list of steps (JSON array).</summary>
    public string? SeedFile { get; init; }

    /// <summary>Starts from the demo data set (admin, alice, bob, carol, support) instead of an empty panel.</summary>
    public bool Demo { get; init; }

    /// <summary>True for <c>--help</c>.</summary>
    public bool Help { get; init; }

    /// <summary>Parses the arguments; throws <see cref="EmulatorStartException"/> with a message for the user on anything wrong.</summary>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new EmulatorCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && arg.StartsWith("--", StringComparison.Ordinal)
                ? (arg[..eq], arg[(eq + 1)..])
                : (arg, null);
            if (SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                throw new EmulatorStartException(
                    $"{name} refused: secrets are never taken from the command line, where ps and shell history would show them. " +
                    $"Set {EmulatorSecrets.AdminPasswordVariable}, {EmulatorSecrets.AccessKeyVariable}=ID:SECRET or " +
                    $"{EmulatorSecrets.ControlTokenVariable} in the environment, or put them in the file named by {EmulatorSecrets.SecretsFileVariable}.");
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new EmulatorStartException($"{name} needs a value.\n{Usage}");
                }

                return args[++i];
            }

            result = name switch
            {
                "--urls" => result with { Url = ParseUrl(Value()) },
                "--seed" => result with { SeedFile = Value() },
                "--demo" when inline is null => result with { Demo = true },
                "--help" or "-h" or "-?" => result with { Help = true },
                _ => throw new EmulatorStartException($"Unknown argument {name}.\n{Usage}"),
            };
        }

        return result;
    }

    private static Uri ParseUrl(string text)
    {
        // --urls takes one address (ASP.NET Core's takes a list; the emulator serves one).
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp
            || url.AbsolutePath != "/" || !string.IsNullOrEmpty(url.Query))
        {
            throw new EmulatorStartException($"--urls {text}: expected one plain-HTTP address such as http://127.0.0.1:8083 (no path).");
        }

        if (url.Host != "localhost" && !IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
        {
            throw new EmulatorStartException($"--urls {text}: the host must be an IP address or localhost.");
        }

        return url;
    }
}

/// <summary>The emulator cannot start as asked; the message says why and is safe to print (it never holds a secret).</summary>
public sealed class EmulatorStartException(string message) : Exception(message);
