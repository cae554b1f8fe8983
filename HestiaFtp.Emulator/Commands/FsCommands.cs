using System.Globalization;
using HestiaFtp.Emulator.Shell;
using HestiaFtp.Emulator.State;
using static HestiaFtp.Emulator.Commands.CmdResult;
using static HestiaFtp.Emulator.Commands.ScriptChecks;
using static HestiaFtp.Emulator.Commands.ScriptExit;

namespace HestiaFtp.Emulator.Commands;

/// <summary>v-check-fs-permission, v-list-fs-directory and v-add-fs-directory over the fake file system.</summary>
internal sealed class FsCommands(ScriptChecks checks)
{
    private readonly ServerState _state = checks.State;

    public CmdResult CheckPermission(List<string> a)
    {
        var user = Arg(a, 0);
        var src = Arg(a, 1);
        CheckArgs(a, 2, "v-check-fs-permission", "USER FILE");
        UserFormatValid(user, "user");
        checks.UserExists(user);
        checks.DemoCheck();
        var home = _state.Passwd.FirstOrDefault(p => p.Name == user)?.Home ?? "";
        if (home.Length == 0)
        {
            throw Fail(12, "Error: user home directory doesn't exist");
        }

        if (src.Length > 0)
        {
            var rpath = _state.Fs.ReadlinkF(src) ?? "";
            var allowed = Bre.Compile("^/tmp|^" + Bre.Literal(home));
            if (!allowed.IsMatch(rpath))
            {
                throw Fail(2, $"Error: invalid source path {user} {src}");
            }
        }

        // ls as the user
        var target = src.Length == 0 ? null : _state.Fs.ReadlinkF(src);
        if (target is null || !_state.Fs.Exists(target) || !ReadableBy(user, target))
        {
            throw Fail(1, $"Error: can't read {src}");
        }

        return Ok();
    }

    public CmdResult ListDirectory(List<string> a)
    {
        var user = Arg(a, 0);
        var path = Arg(a, 1);
        CheckArgs(a, 1, "v-list-fs-directory", "USER [DIRECTORY]");
        UserFormatValid(user, "user");
        checks.UserExists(user);
        var home = _state.Passwd.FirstOrDefault(p => p.Name == user)?.Home ?? "";
        if (home.Length == 0)
        {
            throw Fail(12, "Error: user home directory doesn't exist");
        }

        if (path.Length > 0)
        {
            var rpath = _state.Fs.ReadlinkF(path) ?? "";
            if (!Bre.Compile(Bre.Literal(home)).IsMatch(rpath))
            {
                throw Fail(2, $"Error: invalid path {path}");
            }
        }
        else
        {
            path = home;
        }

        // find "$path" -maxdepth 1 as the user; a missing path prints nothing and exits 1.
        var target = _state.Fs.ReadlinkF(path);
        var node = target is null ? null : _state.Fs.Get(target);
        if (target is null || node is null || !ReadableBy(user, target))
        {
            return new CmdResult(1, []);
        }

        var lines = new List<string> { FsLine(node, "") };
        if (node.IsDir)
        {
            lines.AddRange(_state.Fs.Children(target).Select(c => FsLine(c.Node, c.Name)));
        }

        return Listed(lines.Count, lines);
    }

    /// <summary>v-add-fs-directory USER DIRECTORY (bin/v-add-fs-directory of HestiaCP 1.10.3): mkdir -p as the user.</summary>
    public CmdResult AddDirectory(List<string> a)
    {
        var user = Arg(a, 0);
        var dir = Arg(a, 1);
        CheckArgs(a, 2, "v-add-fs-directory", "USER DIR");
        UserFormatValid(user, "user");
        checks.UserExists(user);
        checks.DemoCheck();
        var home = checks.HomeDirOf(user);
        var rpath = _state.Fs.ReadlinkF(dir) ?? "";
        if (!Bre.Compile("^/tmp|^" + Bre.Literal(home)).IsMatch(rpath))
        {
            throw Fail(2, $"Error: invalid destination path {dir}");
        }

        // umask 022; each missing folder needs a parent folder the user may write to.
        var missing = new List<string>();
        for (var path = rpath; !_state.Fs.Exists(path); path = FakeFileSystem.Parent(path))
        {
            missing.Insert(0, path);
        }

        var parent = missing.Count > 0 ? FakeFileSystem.Parent(missing[0]) : rpath;
        if (!_state.Fs.IsDir(parent) || (missing.Count > 0 && !_state.Fs.WritableBy(user, parent)))
        {
            throw Fail(3, $"Error: directory {dir} was not created");
        }

        foreach (var path in missing)
        {
            _state.Fs.AddFolder(path, user, "755", _state.Time.GetLocalNow(), user);
        }

        return Ok();
    }

    private bool ReadableBy(string user, string path) =>
        path == "/tmp" || path.StartsWith("/tmp/", StringComparison.Ordinal)
        || path == $"/home/{user}" || path.StartsWith($"/home/{user}/", StringComparison.Ordinal)
        || (_state.Fs.Get(path)?.Owner == user);

    private static string FsLine(FsNode n, string name) =>
        string.Join('|', n.TypeLetter, n.Mode, n.Modified.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            n.Modified.ToString("HH:mm", CultureInfo.InvariantCulture), n.Owner, n.GroupName,
            n.Size.ToString(CultureInfo.InvariantCulture), name);
}
