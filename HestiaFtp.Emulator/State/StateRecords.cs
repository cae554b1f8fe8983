namespace HestiaFtp.Emulator.State;

/// <summary>One /etc/passwd + /etc/shadow entry.</summary>
internal sealed class PasswdEntry
{
    public required string Name { get; init; }
    public required int Uid { get; init; }
    public required string Home { get; set; }
    public string Gecos { get; init; } = "";
    public string Shell { get; init; } = "/usr/sbin/nologin";
    public string? Password { get; set; }
    public bool Locked { get; set; }

    /// <summary>The line as grep sees it in /etc/passwd.</summary>
    public string Line => $"{Name}:x:{Uid}:{Uid}:{Gecos}:{Home}:{Shell}";
}

/// <summary>A panel user: user.conf plus its web.conf.</summary>
internal sealed class PanelUser
{
    public required string Name { get; init; }
    public Dictionary<string, string> Conf { get; } = new(StringComparer.Ordinal);
    public List<WebDomainRecord> Domains { get; } = [];
    public string Get(string key) => Conf.TryGetValue(key, out var v) ? v : "";
    public bool Suspended => Get("SUSPENDED") == "yes";
}

/// <summary>One web.conf line; FTP_USER / FTP_PATH are kept as the raw colon strings Hestia stores.</summary>
internal sealed class WebDomainRecord
{
    public required string Domain { get; init; }
    public Dictionary<string, string> Conf { get; } = new(StringComparer.Ordinal);
    public string Get(string key) => Conf.TryGetValue(key, out var v) ? v : "";
    public void Set(string key, string value) => Conf[key] = value;
    public bool Suspended => Get("SUSPENDED") == "yes";
}

/// <summary>An access key file.</summary>
internal sealed record AccessKeyRecord(string Id, string Secret, string User, IReadOnlyList<string> Permissions);

/// <summary>A node of the fake filesystem.</summary>
internal sealed class FsNode
{
    public required bool IsDir { get; init; }
    public required string Mode { get; init; }
    public required string Owner { get; init; }

    /// <summary>The group; null means the owner's own group (what the emulator has always assumed).</summary>
    public string? Group { get; init; }

    public required long Size { get; init; }
    public required DateTimeOffset Modified { get; init; }

    /// <summary>A symbolic link's target (then <see cref="IsDir"/> is false and the size is the target's length), else null.</summary>
    public string? LinkTarget { get; init; }

    public bool IsLink => LinkTarget is not null;

    public string GroupName => Group ?? Owner;

    /// <summary>The type letter <c>find -printf %y</c> prints: d, f or l.</summary>
    public string TypeLetter => IsDir ? "d" : IsLink ? "l" : "f";
}
