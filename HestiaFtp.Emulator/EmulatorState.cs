using System.Text;
using System.Text.RegularExpressions;

namespace HestiaFtp.Emulator;

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
    public required long Size { get; init; }
    public required DateTimeOffset Modified { get; init; }
}

/// <summary>A tiny absolute-path filesystem with <c>readlink -f</c> semantics (no symlinks).</summary>
internal sealed class FakeFileSystem
{
    private readonly Dictionary<string, FsNode> _nodes = new(StringComparer.Ordinal);

    public FakeFileSystem(DateTimeOffset now)
    {
        foreach (var d in new[] { "/", "/home", "/tmp", "/etc", "/usr", "/usr/local", "/usr/local/hestia", "/usr/local/hestia/web", "/usr/local/hestia/web/api" })
        {
            _nodes[d] = new FsNode { IsDir = true, Mode = "755", Owner = "root", Size = 4096, Modified = now };
        }
    }

    public bool Exists(string path) => _nodes.ContainsKey(path);

    public FsNode? Get(string path) => _nodes.GetValueOrDefault(path);

    public bool IsDir(string path) => _nodes.TryGetValue(path, out var n) && n.IsDir;

    /// <summary>mkdir -p.</summary>
    public void MakeDirs(string path, string owner, string mode, DateTimeOffset now)
    {
        var current = "";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + part;
            if (!_nodes.ContainsKey(current))
            {
                _nodes[current] = new FsNode { IsDir = true, Mode = mode, Owner = owner, Size = 4096, Modified = now };
            }
        }
    }

    public void AddFile(string path, string owner, long size, DateTimeOffset now)
    {
        var parent = Parent(path);
        MakeDirs(parent, owner, "751", now);
        _nodes[path] = new FsNode { IsDir = false, Mode = "644", Owner = owner, Size = size, Modified = now };
    }

    public void RemoveTree(string path)
    {
        foreach (var key in _nodes.Keys.Where(k => k == path || k.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
        {
            _nodes.Remove(key);
        }
    }

    public IEnumerable<(string Name, FsNode Node)> Children(string dir)
    {
        var prefix = dir == "/" ? "/" : dir + "/";
        return _nodes
            .Where(kv => kv.Key.Length > prefix.Length && kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Key.IndexOf('/', prefix.Length) < 0)
            .Select(kv => (kv.Key[prefix.Length..], kv.Value))
            .OrderBy(x => x.Item1, StringComparer.Ordinal);
    }

    public static string Parent(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }

    /// <summary>
    /// <c>readlink -f</c>: canonical absolute path; every component but the last must exist
    /// (and be a directory when something follows it). Null when it cannot be resolved (readlink prints nothing).
    /// A relative path is resolved against <paramref name="cwd"/>.
    /// </summary>
    public string? ReadlinkF(string path, string cwd = "/usr/local/hestia/web/api")
    {
        if (path.Length == 0)
        {
            return null;
        }

        var full = path.StartsWith('/') ? path : cwd + "/" + path;
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var stack = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            var current = "/" + string.Join('/', stack);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                continue;
            }

            var candidate = (current == "/" ? "" : current) + "/" + part;
            if (_nodes.TryGetValue(candidate, out var node))
            {
                if (!node.IsDir && !last)
                {
                    return null;
                }

                stack.Add(part);
            }
            else if (last)
            {
                stack.Add(part);
            }
            else
            {
                return null;
            }
        }

        return "/" + string.Join('/', stack);
    }
}

/// <summary>grep/sed basic regular expressions built from shell variables: <c>.</c> matches any character, the rest is literal.</summary>
internal static class Bre
{
    public static string Literal(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(c == '.' ? "." : Regex.Escape(c.ToString()));
        }

        return sb.ToString();
    }

    public static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
