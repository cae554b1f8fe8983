namespace HestiaFtp.Core.Hestia;

/// <summary>Every HestiaCP command this product sends. The API key profile in README lists exactly these.</summary>
public static class HestiaCommands
{
    public const string ListUsers = "v-list-users";
    public const string ListUser = "v-list-user";
    public const string ListWebDomains = "v-list-web-domains";
    public const string ListWebDomain = "v-list-web-domain";
    public const string CheckUserPassword = "v-check-user-password";
    public const string AddWebDomainFtp = "v-add-web-domain-ftp";
    public const string ChangeWebDomainFtpPassword = "v-change-web-domain-ftp-password";
    public const string ChangeWebDomainFtpPath = "v-change-web-domain-ftp-path";
    public const string DeleteWebDomainFtp = "v-delete-web-domain-ftp";
    public const string CheckFsPermission = "v-check-fs-permission";
    public const string ListFsDirectory = "v-list-fs-directory";

    /// <summary>Commands that change state on the server: never retried, serialized per server.</summary>
    public static bool IsMutation(string command) => command is AddWebDomainFtp or ChangeWebDomainFtpPassword
        or ChangeWebDomainFtpPath or DeleteWebDomainFtp;

    public static readonly IReadOnlyList<string> All =
    [
        ListUsers, ListUser, ListWebDomains, ListWebDomain, CheckUserPassword, AddWebDomainFtp,
        ChangeWebDomainFtpPassword, ChangeWebDomainFtpPath, DeleteWebDomainFtp, CheckFsPermission, ListFsDirectory,
    ];
}
