namespace HestiaFtp.Emulator.State;

/// <summary>
/// A tiny absolute-path filesystem with owners, groups, modes and symbolic links, and <c>readlink -f</c> as GNU
/// coreutils resolves paths (every component but the last must exist; a component followed by <c>/</c> must be a folder).
/// </summary>
internal sealed class FakeFileSystem
{
    private const int MaxLinks = 40;
    private readonly Dictionary<string, FsNode> _nodes = new(StringComparer.Ordinal);

    public FakeFileSystem(DateTimeOffset now)
    {
        foreach (var d in new[] { "/", "/home", "/etc", "/usr", "/usr/local", "/usr/local/hestia", "/usr/local/hestia/web", "/usr/local/hestia/web/api", "/var", "/var/log" })
        {
            _nodes[d] = Dir("755", "root", "root", now);
        }

        _nodes["/tmp"] = Dir("1777", "root", "root", now);
    }

    public static FsNode Dir(string mode, string owner, string? group, DateTimeOffset now) =>
        new() { IsDir = true, Mode = mode, Owner = owner, Group = group, Size = 4096, Modified = now };

    public bool Exists(string path) => _nodes.ContainsKey(path);

    public FsNode? Get(string path) => _nodes.GetValueOrDefault(path);

    public bool IsDir(string path) => _nodes.TryGetValue(path, out var n) && n.IsDir;

    /// <summary>mkdir -p: missing folders get <paramref name="mode"/>, <paramref name="owner"/> and <paramref name="group"/> (default: the owner).</summary>
    public void MakeDirs(string path, string owner, string mode, DateTimeOffset now, string? group = null)
    {
        var current = "";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + part;
            _nodes.TryAdd(current, Dir(mode, owner, group, now));
        }
    }

    /// <summary>Creates a folder, or sets an existing one's owner, group and mode (its content stays); missing parents are
    /// created 751 for <paramref name="owner"/>.</summary>
    public void AddFolder(string path, string owner, string mode, DateTimeOffset now, string? group = null)
    {
        MakeDirs(Parent(path), owner, "751", now);
        _nodes[path] = Dir(mode, owner, group, now);
    }

    /// <summary>Creates (or replaces) a regular file; missing parents are created 751 for <paramref name="owner"/>.</summary>
    public void AddFile(string path, string owner, long size, DateTimeOffset now, string mode = "644", string? group = null)
    {
        MakeDirs(Parent(path), owner, "751", now);
        _nodes[path] = new FsNode { IsDir = false, Mode = mode, Owner = owner, Group = group, Size = size, Modified = now };
    }

    /// <summary>Creates (or replaces) a symbolic link to <paramref name="target"/> (mode 777, size = the target's length).</summary>
    public void AddSymlink(string path, string target, string owner, DateTimeOffset now, string? group = null)
    {
        MakeDirs(Parent(path), owner, "751", now);
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

    /// <summary>Whether <paramref name="user"/> (whose primary group has the same name) may create entries in a folder.</summary>
    public bool WritableBy(string user, string dir)
    {
        if (!_nodes.TryGetValue(dir, out var node) || !node.IsDir)
        {
            return false;
        }

        var bits = node.Mode[^3..];
        var digit = node.Owner == user ? bits[0] : node.GroupName == user ? bits[1] : bits[2];
        return ((digit - '0') & 3) == 3; // write and search
    }

    public static string Parent(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }

    /// <summary>
    /// <c>readlink -f</c>: the canonical absolute path, symbolic links followed; every component but the last must exist
    /// (a regular file may only come last, and not before a <c>/</c>). Null when it cannot be resolved (readlink prints
    /// nothing). A relative path is resolved against <paramref name="cwd"/>.
    /// </summary>
    public string? ReadlinkF(string path, string cwd = "/usr/local/hestia/web/api")
    {
        if (path.Length == 0)
        {
            return null;
        }

        var full = path.StartsWith('/') ? path : cwd + "/" + path;
        var pending = new List<string>(full.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var trailingSlash = full.EndsWith('/') && pending.Count > 0;
        var stack = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            var last = pending.Count == 0;
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

            var candidate = "/" + string.Join('/', stack.Append(part));
            if (!_nodes.TryGetValue(candidate, out var node))
            {
                if (!last)
                {
                    return null;
                }

                stack.Add(part);
                continue;
            }

            if (node.IsLink)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                var target = node.LinkTarget!;
                if (target.StartsWith('/'))
                {
                    stack.Clear();
                }

                pending.InsertRange(0, target.Split('/', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }

            if (!node.IsDir && (!last || trailingSlash))
            {
                return null; // ENOTDIR
            }

            stack.Add(part);
        }

        return "/" + string.Join('/', stack);
    }
}
