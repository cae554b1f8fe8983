using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator.Standalone;

/// <summary>
/// The standalone emulator's secrets, from the environment or from a file of <c>NAME=VALUE</c> lines named by
/// <see cref="SecretsFileVariable"/> (the environment wins). Never from the command line; never printed.
/// </summary>
public sealed partial record EmulatorSecrets
{
    public const string AdminPasswordVariable = "HESTIA_EMULATOR_ADMIN_PASSWORD";
    public const string AccessKeyVariable = "HESTIA_EMULATOR_ACCESS_KEY";
    public const string ControlTokenVariable = "HESTIA_EMULATOR_CONTROL_TOKEN";
    public const string SecretsFileVariable = "HESTIA_EMULATOR_SECRETS_FILE";

    /// <summary>The shortest control token accepted: a guessable one would hand the panel to anyone on the machine.</summary>
    public const int MinimumControlTokenLength = 16;

    private static readonly string[] Names = [AdminPasswordVariable, AccessKeyVariable, ControlTokenVariable];

    /// <summary>The ROOT_USER's panel password, or null to keep the seed's.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>An admin access key id (20 letters/digits), or null.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Its secret (40 characters), or null.</summary>
    public string? AccessKeySecret { get; init; }

    /// <summary>The bearer token of the control endpoint; null leaves the endpoint off.</summary>
    public string? ControlToken { get; init; }

    [GeneratedRegex("^[A-Za-z0-9]{20}$")]
    private static partial Regex KeyIdFormat();

    // v-check-access-key's secret alphabet.
    [GeneratedRegex("^[A-Za-z0-9_.+/^~=%-]{40}$")]
    private static partial Regex SecretFormat();

    /// <summary>Reads the secrets from <paramref name="environment"/> and the file it may name.</summary>
    public static EmulatorSecrets Load(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (environment(SecretsFileVariable) is { Length: > 0 } file)
        {
            foreach (var (name, value) in ReadFile(file))
            {
                values[name] = value;
            }
        }

        foreach (var name in Names)
        {
            if (environment(name) is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }

        var secrets = new EmulatorSecrets
        {
            AdminPassword = values.GetValueOrDefault(AdminPasswordVariable),
            ControlToken = values.GetValueOrDefault(ControlTokenVariable),
        };
        if (values.GetValueOrDefault(AccessKeyVariable) is { } key)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var (id, secret) = colon < 0 ? (key, "") : (key[..colon], key[(colon + 1)..]);
            if (!KeyIdFormat().IsMatch(id) || !SecretFormat().IsMatch(secret))
            {
                throw new EmulatorStartException(
                    $"{AccessKeyVariable} must be ID:SECRET, a 20-character id of letters and digits and a 40-character secret " +
                    "(letters, digits and _ . + / ^ ~ = % -).");
            }

            secrets = secrets with { AccessKeyId = id, AccessKeySecret = secret };
        }

        if (secrets.ControlToken is { Length: < MinimumControlTokenLength })
        {
            throw new EmulatorStartException($"{ControlTokenVariable} must be at least {MinimumControlTokenLength} characters long.");
        }

        return secrets;
    }

    /// <summary>Never prints a value (records print their properties by default).</summary>
    public override string ToString() =>
        $"EmulatorSecrets {{ AdminPassword = {Set(AdminPassword)}, AccessKey = {Set(AccessKeyId)}, ControlToken = {Set(ControlToken)} }}";

    private static string Set(string? value) => value is null ? "unset" : "set";

    private static IEnumerable<(string Name, string Value)> ReadFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EmulatorStartException($"{SecretsFileVariable}: cannot read {path} ({ex.GetType().Name}).");
        }

        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? line : line[..eq].Trim();
            if (eq < 0 || !Names.Contains(name))
            {
                // The line may hold a secret: name its number, never its text.
                throw new EmulatorStartException(
                    $"{SecretsFileVariable}: line {n + 1} of {path} is not one of {string.Join(", ", Names)} as NAME=VALUE.");
            }

            yield return (name, line[(eq + 1)..].Trim());
        }
    }
}
