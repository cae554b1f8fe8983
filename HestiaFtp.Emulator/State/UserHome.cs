namespace HestiaFtp.Emulator.State;

/// <summary>The home folder v-add-user makes (bin/v-add-user 88 and 115-165 of HestiaCP 1.10.3, WEB_SYSTEM only).</summary>
internal static class UserHome
{
    private static readonly string[] Writable = [".config", ".cache", ".local", ".composer", ".vscode-server", ".ssh", ".npm", ".wp-cli"];

    public static void Create(FakeFileSystem fs, string user, DateTimeOffset now)
    {
        var home = $"/home/{user}";
        fs.SetDir(home, user, user, "711", now); // useradd -m (HOME_MODE 0700), chmod a+x
        fs.SetDir($"{home}/conf", "root", "root", "755", now);
        fs.SetDir($"{home}/conf/web", "root", "root", "751", now);
        fs.SetDir($"{home}/web", "root", user, "755", now);
        fs.SetDir($"{home}/tmp", user, user, "700", now);
        foreach (var folder in Writable)
        {
            fs.SetDir($"{home}/{folder}", user, user, "755", now);
        }
    }
}
