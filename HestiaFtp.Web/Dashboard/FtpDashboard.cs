using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Dashboard;

/// <summary>
/// The security boundary between a circuit and HestiaCP. Every call re-reads the signed-in user (a circuit signed out by
/// revalidation stops acting), checks the account against that user, checks the domain and login against a fresh read of
/// the account's own domains, then applies the product rules, records the audit entry and publishes the change live.
/// </summary>
public sealed partial class FtpDashboard(
    CurrentUser currentUser,
    IHestiaClientProvider clients,
    ILiveAccounts live,
    IAuditLog audit,
    FtpAccountService service,
    ICredentialGenerator generator,
    TimeProvider time,
    ILogger<FtpDashboard> logger) : IFtpDashboard
{
    // HestiaCP's domain format (func/main.sh is_domain_format_valid) in lower case: checked before any HestiaCP call.
    [GeneratedRegex("^(?!-)(?!.*\\.\\.)(?!.*\\.-)(?!.*-\\.)[a-z0-9.-]{1,253}(?<![-.])$")]
    private static partial Regex DomainFormat();

    public Task<DashboardUser> GetUserAsync() => currentUser.RequireAsync();

    public async Task<AccountKey?> ResolveAccountAsync(string? server, string? account)
    {
        var user = await currentUser.RequireAsync();
        if (!user.IsSupport)
        {
            if ((account is not null && account != user.Name) || (server is not null && server != user.Server))
            {
                throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
            }
            RequireKnownServer(user.Server);
            return new AccountKey(user.Server, user.Name);
        }
        if (string.IsNullOrEmpty(account))
        {
            return null;
        }
        var serverName = string.IsNullOrEmpty(server) ? user.Server : server;
        RequireKnownServer(serverName);
        return new AccountKey(serverName, account);
    }

    public async Task<AccountSnapshot> LoadAsync(AccountKey key, CancellationToken cancellationToken)
    {
        await AuthorizeReadAsync(key);
        return await live.GetAsync(key, cancellationToken);
    }

    public async Task<ILiveSubscription> WatchAsync(AccountKey key, Func<AccountUpdate, Task> onUpdate)
    {
        await AuthorizeReadAsync(key);
        return live.Watch(key, onUpdate);
    }

    public ServerStatus GetStatus(string server)
    {
        RequireKnownServer(server);
        return live.GetStatus(server);
    }

    public ServerLinks GetLinks(string server)
    {
        var options = clients.Servers.FirstOrDefault(s => s.Name == server)
            ?? throw new DashboardAccessException(DashboardAccessException.Reason.UnknownServer);
        var panel = options.PanelUrl ?? options.BaseUrl!;
        return new ServerLinks(server, panel, options.FileManagerUrl ?? new Uri(panel, "fm/"), options.FtpHost);
    }

    public async Task<IReadOnlyList<AccountKey>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var user = await currentUser.RequireAsync();
        if (!user.IsSupport)
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
        var keys = new List<AccountKey>();
        foreach (var server in live.Servers)
        {
            var overview = await live.GetOverviewAsync(server, cancellationToken);
            keys.AddRange(overview.Accounts.Select(a => a.Key));
        }
        return keys.OrderBy(k => k.User, StringComparer.Ordinal).ThenBy(k => k.Server, StringComparer.Ordinal).ToList();
    }

    public async Task<NewFtpCredentials> QuickCreateAsync(AccountKey key, string domain, CancellationToken cancellationToken)
    {
        var (user, web) = await AuthorizeWriteAsync(key, domain, login: null, cancellationToken);
        var client = clients.Get(key.Server);
        var result = await AuditedAsync(user, key, web.Name, null, AuditActions.AddFtpAccount, "generated login, domain folder",
            () => service.QuickCreateAsync(client, new QuickCreateFtpAccountRequest(key.User, web.Name), web, cancellationToken),
            r => (Outcome(r), r.Login), cancellationToken);
        return result.Status == FtpResultStatus.Done && result.Account is { } account
            ? new NewFtpCredentials(account.Login, account.Password, web.Name, account.Folder, GetLinks(key.Server).HostFor(web.Name))
            : throw Failure(result, HestiaCommands.AddWebDomainFtp);
    }

    public async Task<FtpCreateOutcome> CreateAsync(AccountKey key, string domain, string loginSuffix, string password, string? folder, CancellationToken cancellationToken)
    {
        var (user, web) = await AuthorizeWriteAsync(key, domain, login: null, cancellationToken);
        var client = clients.Get(key.Server);
        var request = new CreateFtpAccountRequest(key.User, web.Name, loginSuffix ?? string.Empty, password ?? string.Empty, folder);
        var detail = $"folder {(string.IsNullOrEmpty(folder) ? "/" : FtpFolders.Normalize(folder))}";
        var result = await AuditedAsync(user, key, web.Name, null, AuditActions.AddFtpAccount, detail,
            () => service.CreateAsync(client, request, web, cancellationToken), r => (Outcome(r), r.Login), cancellationToken);
        return result switch
        {
            { Status: FtpResultStatus.Done, Account: { } account } => new FtpCreateOutcome(
                new NewFtpCredentials(account.Login, account.Password, web.Name, account.Folder, GetLinks(key.Server).HostFor(web.Name)), false, null),
            { RolledBack: true } => new FtpCreateOutcome(null, true, result.ReasonCode),
            _ => throw Failure(result, HestiaCommands.AddWebDomainFtp),
        };
    }

    public async Task<FtpPasswordOutcome> ChangePasswordAsync(AccountKey key, string domain, string login, string password, CancellationToken cancellationToken)
    {
        var (user, web) = await AuthorizeWriteAsync(key, domain, login, cancellationToken);
        var client = clients.Get(key.Server);
        var result = await AuditedAsync(user, key, web.Name, login, AuditActions.ChangeFtpPassword, "password changed",
            () => service.ChangePasswordAsync(client, new ChangeFtpPasswordRequest(key.User, web.Name, login, password ?? string.Empty), web, cancellationToken),
            r => (Outcome(r), r.Login), cancellationToken);
        if (result.Status != FtpResultStatus.Done)
        {
            throw Failure(result, HestiaCommands.ChangeWebDomainFtpPassword);
        }
        await live.PublishAsync(new AccountChange(key, ChangeKind.FtpPasswordChanged, web.Name, login, $"Password of {login} changed.",
            ChangeSource.Dashboard, time.GetUtcNow()), cancellationToken);
        return new FtpPasswordOutcome(result.ReadBack?.FtpAccounts.Any(a => a.Login == login) ?? false);
    }

    public async Task<FtpFolderOutcome> ChangeFolderAsync(AccountKey key, string domain, string login, string folder, CancellationToken cancellationToken)
    {
        var (user, web) = await AuthorizeWriteAsync(key, domain, login, cancellationToken);
        var client = clients.Get(key.Server);
        var normalized = FtpFolders.Normalize(folder);
        var result = await AuditedAsync(user, key, web.Name, login, AuditActions.ChangeFtpPath, $"folder {(normalized.Length == 0 ? "/" : normalized)}",
            () => service.ChangeFolderAsync(client, new ChangeFtpFolderRequest(key.User, web.Name, login, folder ?? string.Empty), web, cancellationToken),
            r => (Outcome(r) + (r.WasReset ? ": folder missing, reset to domain root" : ""), r.Login), cancellationToken);
        return result.Status == FtpResultStatus.Done
            ? new FtpFolderOutcome(result.ActualFolder ?? (result.WasReset ? string.Empty : result.RequestedFolder), result.WasReset)
            : throw Failure(result, HestiaCommands.ChangeWebDomainFtpPath);
    }

    public async Task DeleteAsync(AccountKey key, string domain, string login, CancellationToken cancellationToken)
    {
        var (user, web) = await AuthorizeWriteAsync(key, domain, login, cancellationToken);
        var client = clients.Get(key.Server);
        var result = await AuditedAsync(user, key, web.Name, login, AuditActions.DeleteFtpAccount, "deleted (files kept)",
            () => service.DeleteAsync(client, new DeleteFtpAccountRequest(key.User, web.Name, login), web, cancellationToken),
            r => (Outcome(r), r.Login), cancellationToken);
        if (result.Status != FtpResultStatus.Done)
        {
            throw Failure(result, HestiaCommands.DeleteWebDomainFtp);
        }
    }

    private static string Outcome(IFtpResult result) => result.Status switch
    {
        FtpResultStatus.Done => AuditOutcomes.Succeeded,
        FtpResultStatus.CannotTell => AuditOutcomes.Unknown,
        _ => AuditOutcomes.Failed + $": {result.Refusal?.ReasonCode ?? result.ReasonCode}",
    };

    /// <summary>A result that is not Done, as the exception the screens already explain (interim, until the boundary takes results).</summary>
    private static Exception Failure(IFtpResult result, string command) => result switch
    {
        { Refusal: { HestiaCode: null } r } => new ValidationException([new ValidationFailure(r.Property ?? string.Empty, r.Message) { ErrorCode = r.ReasonCode }]),
        { Refusal: { HestiaCode: { } code } r } => new HestiaException(code, command, r.Message),
        { Status: FtpResultStatus.CannotTell } => new HestiaException(HestiaReturnCode.Connect, command, result.ReasonCode, outcomeUnknown: true),
        _ => new HestiaException(HestiaReturnCode.Connect, command, result.ReasonCode),
    };

    public async Task<IReadOnlyList<string>> ListFoldersAsync(AccountKey key, string domain, string folder, CancellationToken cancellationToken)
    {
        await AuthorizeReadAsync(key);
        var web = await ReadOwnDomainAsync(key, domain, cancellationToken);
        var normalized = FtpFolders.Normalize(folder);
        var entries = await clients.Get(key.Server).ListFolderAsync(key.User, web.Name, normalized, cancellationToken);
        return entries is null
            ? []
            : entries.Where(e => e.IsDirectory).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
    }

    public string GeneratePassword() => generator.GeneratePassword();

    private async Task<DashboardUser> AuthorizeReadAsync(AccountKey key)
    {
        var user = await currentUser.RequireAsync();
        RequireKnownServer(key.Server);
        if (!user.IsSupport && (key.Server != user.Server || key.User != user.Name))
        {
            logger.LogWarning("{Actor} on {ActorServer} tried to read {Account} on {Server}: refused", user.Name, user.Server, key.User, key.Server);
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
        return user;
    }

    private async Task<(DashboardUser User, WebDomain Domain)> AuthorizeWriteAsync(AccountKey key, string domain, string? login, CancellationToken cancellationToken)
    {
        var user = await currentUser.RequireAsync();
        if (user.IsSupport)
        {
            logger.LogWarning("Support user {Actor} tried to change {Account} on {Server}: refused (read-only)", user.Name, key.User, key.Server);
            throw new DashboardAccessException(DashboardAccessException.Reason.ReadOnly);
        }
        if (key.Server != user.Server || key.User != user.Name)
        {
            logger.LogWarning("{Actor} on {ActorServer} tried to change {Account} on {Server}: refused", user.Name, user.Server, key.User, key.Server);
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
        RequireKnownServer(key.Server);
        var web = await ReadOwnDomainAsync(key, domain, cancellationToken);
        if (login is not null)
        {
            if (!web.FtpAccounts.Any(a => string.Equals(a.Login, login, StringComparison.Ordinal)))
            {
                throw new DashboardAccessException(DashboardAccessException.Reason.UnknownLogin);
            }
            if (FtpNames.AmbiguousWith(login, web.FtpAccounts.Select(a => a.Login)).Count > 0)
            {
                throw new DashboardAccessException(DashboardAccessException.Reason.AmbiguousLogin);
            }
        }
        return (user, web);
    }

    /// <summary>A fresh read of the domain under the account's own user: HestiaCP answers "doesn't exist" for anyone else's domain.</summary>
    private async Task<WebDomain> ReadOwnDomainAsync(AccountKey key, string domain, CancellationToken cancellationToken)
    {
        var name = (domain ?? string.Empty).Trim().ToLowerInvariant();
        if (!DomainFormat().IsMatch(name))
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.UnknownDomain);
        }
        try
        {
            return await clients.Get(key.Server).GetWebDomainAsync(key.User, name, cancellationToken);
        }
        catch (HestiaException ex) when (ex.Code is HestiaReturnCode.NotExist or HestiaReturnCode.Invalid)
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.UnknownDomain);
        }
    }

    private void RequireKnownServer(string server)
    {
        if (!clients.Servers.Any(s => s.Name == server))
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.UnknownServer);
        }
    }

    /// <summary>
    /// Runs a mutation, records its audit entry (never a password) and refreshes the account for every open circuit.
    /// When the outcome is unknown the account is re-read, so what the screens show is what is true now.
    /// </summary>
    private async Task<T> AuditedAsync<T>(DashboardUser user, AccountKey key, string domain, string? login, string action, string detail,
        Func<Task<T>> mutation, Func<T, (string Outcome, string Login)> describe, CancellationToken cancellationToken)
    {
        try
        {
            var result = await mutation();
            var (outcome, actualLogin) = describe(result);
            await RecordAsync(user, key, domain, actualLogin, action, detail, outcome);
            await RefreshQuietlyAsync(key, domain, cancellationToken);
            return result;
        }
        catch (HestiaException ex)
        {
            var outcome = ex.OutcomeUnknown ? AuditOutcomes.Unknown : $"{AuditOutcomes.Failed}: {ex.Code}";
            await RecordAsync(user, key, domain, login, action, detail, outcome);
            await RefreshQuietlyAsync(key, domain, cancellationToken);
            throw;
        }
    }

    private async Task RecordAsync(DashboardUser user, AccountKey key, string domain, string? login, string action, string detail, string outcome)
    {
        try
        {
            await audit.RecordAsync(new AuditEntry(0, time.GetUtcNow(), user.Name, key.Server, key.User, domain, login, action, detail, outcome),
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Audit entry for {Action} on {Account}/{Domain} could not be written", action, key.User, domain);
        }
    }

    private async Task RefreshQuietlyAsync(AccountKey key, string domain, CancellationToken cancellationToken)
    {
        try
        {
            await live.RefreshDomainAsync(key, domain.Trim().ToLowerInvariant(), ChangeSource.Dashboard, cancellationToken);
        }
        catch (HestiaException ex)
        {
            logger.LogWarning("Refresh of {Account}/{Domain} after a change failed: {Code}", key.User, domain, ex.Code);
        }
    }
}
