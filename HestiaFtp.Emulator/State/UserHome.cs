namespace HestiaFtp.Emulator.State;

/// <summary>The home folder v-add-user makes (bin/v-add-user 88 and 115-165 of HestiaCP 1.10.3, WEB_SYSTEM only).</summary>
internal static class UserHome
{
    private static readonly string[] Writable = [".config", ".cache", ".local", ".composer", ".vscode-server", ".ssh", ".npm", ".wp-cli"];

    public static void Create(FakeFileSystem fs, string user, DateTimeOffset now)
    {
        var home = $"/home/{user}";
        fs.AddFolder(home, user, "711", now, user); // useradd -m (HOME_MODE 0700), chmod a+x
        fs.AddFolder($"{home}/conf", "root", "755", now, "root");
        fs.AddFolder($"{home}/conf/web", "root", "751", now, "root");
        fs.AddFolder($"{home}/web", "root", "755", now, user);
        fs.AddFolder($"{home}/tmp", user, "700", now, user);
        foreach (var folder in Writable)
        {
            fs.AddFolder($"{home}/{folder}", user, "755", now, user);
        }
    }
}
