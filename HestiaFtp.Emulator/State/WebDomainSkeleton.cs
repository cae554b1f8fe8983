namespace HestiaFtp.Emulator.State;

/// <summary>
/// The folder tree v-add-web-domain makes (bin/v-add-web-domain 100-137 of HestiaCP 1.10.3): the domain folder 551,
/// public_html 755 USER:www-data, the other top folders 751 (logs, stats 551), the skeleton files of
/// install/common/templates/web/skel and the two log symlinks into /var/log/nginx/domains.
/// </summary>
internal static class WebDomainSkeleton
{
    public const string LogDir = "/var/log/nginx/domains";

    public static readonly string[] Folders = ["public_html", "private", "document_errors", "cgi-bin", "logs", "stats"];

    /// <summary>Skeleton files and their sizes (index.html has one <c>%domain%</c>, replaced by the domain).</summary>
    public static IEnumerable<(string Path, long Size)> Files(string domain) =>
    [
        ("public_html/index.html", 2539 - "%domain%".Length + domain.Length), ("public_html/robots.txt", 66),
        ("document_errors/403.html", 2692), ("document_errors/404.html", 2949), ("document_errors/410.html", 2733),
        ("document_errors/50x.html", 2852),
    ];

    /// <summary>The log files linked from <c>logs/</c>.</summary>
    public static string[] Logs(string domain) => [$"{domain}.log", $"{domain}.error.log"];

    /// <summary>File names a seed lists that the skeleton makes as links (the transcript lists the logs as files).</summary>
    public static bool IsLog(string domain, string relPath) => Logs(domain).Any(l => relPath.Trim('/') == "logs/" + l);

    /// <summary>Creates the tree; <paramref name="folders"/>/<paramref name="files"/> replace the skeleton's (seeds).</summary>
    public static void Create(FakeFileSystem fs, string user, string domain, IEnumerable<string>? folders, IEnumerable<string>? files, DateTimeOffset now)
    {
        var web = $"/home/{user}/web";
        var dir = $"{web}/{domain}";
        if (!fs.Exists(web))
        {
            fs.AddFolder(web, "root", "755", now, user);
        }

        fs.AddFolder(dir, user, "551", now, user);
        foreach (var folder in (folders ?? Folders).Select(f => f.Trim('/')).Where(f => f.Length > 0))
        {
            var top = folder.Split('/')[0];
            foreach (var path in Prefixes(folder))
            {
                if (!fs.Exists($"{dir}/{path}"))
                {
                    var inPublic = top == "public_html";
                    var mode = inPublic ? "755" : path is "logs" or "stats" ? "551" : "751";
                    fs.AddFolder($"{dir}/{path}", user, mode, now, path == "public_html" ? "www-data" : user);
                }
            }
        }

        fs.MakeDirs(LogDir, "root", "755", now);
        foreach (var log in Logs(domain))
        {
            fs.AddFile($"{LogDir}/{log}", "root", 0, now, "640");
        }

        var sizes = Files(domain).ToDictionary(f => f.Path, f => f.Size, StringComparer.Ordinal);
        var skeleton = files is null;
        foreach (var file in (files ?? sizes.Keys).Select(f => f.Trim('/')))
        {
            if (IsLog(domain, file))
            {
                continue;
            }

            fs.AddFile($"{dir}/{file}", user, sizes.TryGetValue(file, out var size) ? size : FakeSize(file), now);
        }

        if (skeleton || (files ?? []).Any(f => IsLog(domain, f)))
        {
            foreach (var log in Logs(domain))
            {
                fs.AddSymlink($"{dir}/logs/{log}", $"{LogDir}/{log}", user, now);
            }
        }
    }

    /// <summary>rm -f of the domain's log files (bin/v-delete-web-domain 110-112).</summary>
    public static void RemoveLogs(FakeFileSystem fs, string domain)
    {
        foreach (var log in Logs(domain))
        {
            fs.RemoveTree($"{LogDir}/{log}");
        }
    }

    private static IEnumerable<string> Prefixes(string relPath)
    {
        var parts = relPath.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            yield return string.Join('/', parts[..i]);
        }
    }

    private static long FakeSize(string file) => 300 + (file.Length * 37 % 1500);
}
