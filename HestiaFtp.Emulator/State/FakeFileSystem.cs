namespace HestiaFtp.Emulator.State;

/// <summary>A tiny absolute-path filesystem with <c>readlink -f</c> semantics (symbolic links are listed, not followed).</summary>
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

    /// <summary>mkdir -p: missing folders get <paramref name="owner"/>, <paramref name="group"/> (null = the owner's) and <paramref name="mode"/>.</summary>
    public void MakeDirs(string path, string owner, string mode, DateTimeOffset now, string? group = null)
    {
        var current = "";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + part;
            if (!_nodes.ContainsKey(current))
            {
                _nodes[current] = new FsNode { IsDir = true, Mode = mode, Owner = owner, Group = group, Size = 4096, Modified = now };
            }
        }
    }

    /// <summary>Creates a folder, or sets an existing one's owner, group and mode (its content stays); missing parents are
    /// created 751 for <paramref name="owner"/>.</summary>
    public void AddFolder(string path, string owner, string mode, DateTimeOffset now, string? group = null)
    {
        MakeDirs(Parent(path), owner, "751", now);
        _nodes[path] = new FsNode { IsDir = true, Mode = mode, Owner = owner, Group = group, Size = 4096, Modified = now };
    }

    /// <summary>Creates (or replaces) a regular file; missing parents are created 751 for <paramref name="owner"/>.</summary>
    public void AddFile(string path, string owner, long size, DateTimeOffset now, string mode = "644", string? group = null)
    {
        var parent = Parent(path);
        MakeDirs(parent, owner, "751", now);
        _nodes[path] = new FsNode { IsDir = false, Mode = mode, Owner = owner, Group = group, Size = size, Modified = now };
    }

    /// <summary>Creates (or replaces) a symbolic link to <paramref name="target"/> (mode 777, size = the target's length).</summary>
    public void AddSymlink(string path, string target, string owner, DateTimeOffset now, string? group = null)
    {
        var parent = Parent(path);
        MakeDirs(parent, owner, "751", now);
        _nodes[path] = new FsNode
        {
            IsDir = false, Mode = "777", Owner = owner, Group = group, Size = System.Text.Encoding.UTF8.GetByteCount(target),
            Modified = now, LinkTarget = target,
        };
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

