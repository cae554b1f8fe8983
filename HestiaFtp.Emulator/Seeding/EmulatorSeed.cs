using System.Text.Json;
using System.Text.Json.Serialization;

namespace HestiaFtp.Emulator.Seeding;

/// <summary>
/// Initial state of an emulated HestiaCP server. The JSON shape is the transcript fixture's
/// <c>initialState</c> (<c>rootUser</c>, <c>users</c> → <c>domains</c> with <c>IP</c>, <c>ALIAS</c>,
/// <c>SSL</c>, <c>SUSPENDED</c>, <c>folders</c>, <c>files</c>) plus optional extras.
/// </summary>
public sealed record EmulatorSeed
{
    /// <summary>hestia.conf <c>ROOT_USER</c>.</summary>
    public string RootUser { get; init; } = "admin";

    /// <summary>Panel users in creation order (the first is normally the ROOT_USER).</summary>
    public Dictionary<string, EmulatorSeedUser> Users { get; init; } = new(StringComparer.Ordinal);

    /// <summary>hestia.conf API switches; null means the installer's values with the API enabled for admin.</summary>
    public EmulatorSeedConfig? Config { get; init; }

    /// <summary>Access keys (new-style API).</summary>
    public List<EmulatorSeedAccessKey>? AccessKeys { get; init; }

    /// <summary>Legacy 32-character API keys (<c>/usr/local/hestia/data/keys/</c>).</summary>
    public List<string>? LegacyApiKeys { get; init; }

    /// <summary>Extra API permission profiles (<c>/usr/local/hestia/data/api/NAME</c>) beside the shipped ones.</summary>
    public Dictionary<string, List<string>>? ApiProfiles { get; init; }
}

/// <summary>hestia.conf values the API looks at.</summary>
public sealed record EmulatorSeedConfig
{
    /// <summary><c>API</c> (legacy API switch), <c>yes</c> or <c>no</c>.</summary>
    public string? Api { get; init; }

    /// <summary><c>API_SYSTEM</c>: 0 disabled, 1 admin keys only, 2 all users.</summary>
    public int? ApiSystem { get; init; }

    /// <summary><c>API_ALLOWED_IP</c>: comma list or <c>allow-all</c>.</summary>
    public string? ApiAllowedIp { get; init; }

    /// <summary><c>DEMO_MODE=yes</c>.</summary>
    public bool? DemoMode { get; init; }
}

/// <summary>A panel user.</summary>
public sealed record EmulatorSeedUser
{
    /// <summary><c>admin</c> or <c>user</c>.</summary>
    public string? Role { get; init; }

    /// <summary>Panel (shadow) password.</summary>
    public string? Password { get; init; }

    /// <summary>User suspended (panel and FTP accounts locked).</summary>
    public bool Suspended { get; init; }

    /// <summary>Ignored: HOME is always <c>/home/USER</c> (accepted because the fixture carries it).</summary>
    public string? Home { get; init; }

    /// <summary>user.conf overrides, e.g. <c>NAME</c>, <c>CONTACT</c>, <c>NS</c>, <c>RKEY</c>, <c>TIME</c>, <c>DATE</c>.</summary>
    public Dictionary<string, string>? Fields { get; init; }

    /// <summary>Web domains in web.conf order.</summary>
    public Dictionary<string, EmulatorSeedDomain>? Domains { get; init; }
}

/// <summary>A web domain (one web.conf line plus its folder tree).</summary>
public sealed record EmulatorSeedDomain
{
    /// <summary>Local IPv4 address.</summary>
    [JsonPropertyName("IP")]
    public string? Ip { get; init; }

    /// <summary>Comma-separated aliases; null means <c>www.DOMAIN</c>.</summary>
    [JsonPropertyName("ALIAS")]
    public string? Alias { get; init; }

    /// <summary><c>yes</c>/<c>no</c>.</summary>
    [JsonPropertyName("SSL")]
    public string? Ssl { get; init; }

    /// <summary><c>yes</c>/<c>no</c>.</summary>
    [JsonPropertyName("SUSPENDED")]
    public string? Suspended { get; init; }

    /// <summary>Folders relative to <c>/home/USER/web/DOMAIN</c>; null means Hestia's default skeleton.</summary>
    public List<string>? Folders { get; init; }

    /// <summary>Files relative to <c>/home/USER/web/DOMAIN</c>; null means Hestia's default skeleton.</summary>
    public List<string>? Files { get; init; }

    /// <summary>Existing FTP accounts, in FTP_USER order.</summary>
    public List<EmulatorSeedFtpAccount>? FtpAccounts { get; init; }

    /// <summary>Other web.conf values (e.g. <c>LETSENCRYPT</c>, <c>BACKEND</c>, <c>TIME</c>, <c>DATE</c>).</summary>
    public Dictionary<string, string>? Fields { get; init; }
}

/// <summary>An FTP account present at start.</summary>
/// <param name="Login">Full account name (<c>USER_name</c>).</param>
/// <param name="Path">Stored FTP_PATH entry (e.g. <c>/public_html/media</c>, empty = domain root). The folder is created if missing.</param>
/// <param name="Password">Its password.</param>
public sealed record EmulatorSeedFtpAccount(string Login, string Path, string Password);

/// <summary>An access key file.</summary>
/// <param name="Id">20 letters/digits.</param>
/// <param name="Secret">40 characters.</param>
/// <param name="User">Owner.</param>
/// <param name="Permissions">API profile names (empty = all commands for the ROOT_USER, nothing for others).</param>
public sealed record EmulatorSeedAccessKey(string Id, string Secret, string User, List<string>? Permissions);

/// <summary>JSON (de)serialisation of <see cref="EmulatorSeed"/>.</summary>
public static class EmulatorSeedJson
{
    /// <summary>Options used by <see cref="HestiaEmulator.LoadSeed"/>: camelCase, case-insensitive.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parses a seed from JSON text.</summary>
    public static EmulatorSeed Parse(string json) =>
        JsonSerializer.Deserialize<EmulatorSeed>(json, Options)
        ?? throw new InvalidDataException("The emulator seed JSON is empty.");

    /// <summary>Writes a seed as JSON text.</summary>
    public static string Write(EmulatorSeed seed) => JsonSerializer.Serialize(seed, Options);
}
