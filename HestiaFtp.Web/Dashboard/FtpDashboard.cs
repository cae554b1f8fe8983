using System.Text.RegularExpressions;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Dashboard;

/// <summary>
/// The security boundary between a circuit and HestiaCP. Every call reads the signed-in user (a circuit signed out by
/// revalidation stops acting) and checks the account against that user. A mutation then checks the request's own user
/// and domain (exactly, against the account's domains in the live store: no extra call), records the intent in the
/// activity log (no log, no change), lets the service send one mutation and one read-back, feeds the read-back to the
/// store and every open page, and records the outcome the user is shown.
/// </summary>
public sealed class FtpDashboard(
    CurrentUser currentUser,
    IHestiaClientProvider clients,
    ILiveAccounts live,
    AccountReader reader,
    IAccountStore store,
    IServerHealth health,
    IAuditLog audit,
    FtpAccountService service,
    ICredentialGenerator generator,
    TimeProvider time,
    ILogger<FtpDashboard> logger,
    InteractiveMutations? interactive = null) : IFtpDashboard
{
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

    public async Task<AccountSnapshot> RefreshAsync(AccountKey key, CancellationToken cancellationToken)
    {
        await AuthorizeReadAsync(key);
        return await live.RefreshNowAsync(key, cancellationToken);
    }

    public async Task<ILiveSubscription> WatchAsync(AccountKey key, Func<AccountUpdate, Task> onUpdate)
    {
        await AuthorizeReadAsync(key);
        return live.Watch(key, onUpdate);
    }

    public async Task<ServerStatus> GetStatusAsync(string server)
    {
        await AuthorizeServerAsync(server);
        return live.GetStatus(server);
    }

    public async Task<ServerLinks> GetLinksAsync(string server)
    {
        await AuthorizeServerAsync(server);
        var options = clients.Servers.First(s => s.Name == server);
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

    public async Task<FtpCreateResult> QuickCreateAsync(QuickCreateFtpAccountRequest request, CancellationToken cancellationToken) =>
        (await MutateAsync(request.User, request.Domain, null, AuditActions.AddFtpAccount, AuditDetails.Generated,
            (client, web, ct) => service.QuickCreateAsync(client, request, web, ct), cancellationToken)).Result;

    public async Task<FtpCreateResult> CreateAsync(CreateFtpAccountRequest request, CancellationToken cancellationToken) =>
        (await MutateAsync(request.User, request.Domain, null, AuditActions.AddFtpAccount, AuditDetails.Folder(ChangeTexts.Folder(request.NormalizedFolder)),
            (client, web, ct) => service.CreateAsync(client, request, web, ct), cancellationToken)).Result;

    public async Task<FtpPasswordChangeResult> ChangePasswordAsync(ChangeFtpPasswordRequest request, CancellationToken cancellationToken)
    {
        var (key, result) = await MutateAsync(request.User, request.Domain, request.Login, AuditActions.ChangeFtpPassword, AuditDetails.Password,
            (client, web, ct) => service.ChangePasswordAsync(client, request, web, ct), cancellationToken);
        if (result.Status == FtpResultStatus.Done)
        {
            // No listing shows a password: tell open pages (and staff) that it changed.
            reader.PublishPasswordChanged(key, result.Domain, result.Login);
        }
        return result;
    }

    public async Task<FtpFolderChangeResult> ChangeFolderAsync(ChangeFtpFolderRequest request, CancellationToken cancellationToken) =>
        (await MutateAsync(request.User, request.Domain, request.Login, AuditActions.ChangeFtpPath, AuditDetails.Folder(ChangeTexts.Folder(request.NormalizedFolder)),
            (client, web, ct) => service.ChangeFolderAsync(client, request, web, ct), cancellationToken)).Result;

    public async Task<FtpDeleteResult> DeleteAsync(DeleteFtpAccountRequest request, CancellationToken cancellationToken) =>
        (await MutateAsync(request.User, request.Domain, request.Login, AuditActions.DeleteFtpAccount, AuditDetails.Deleted,
            (client, web, ct) => service.DeleteAsync(client, request, web, ct), cancellationToken)).Result;

    public async Task<IReadOnlyList<string>> ListFoldersAsync(AccountKey key, string domain, string folder, CancellationToken cancellationToken)
    {
        await AuthorizeReadAsync(key);
        var violations = FtpFolders.Check(folder);
        if (violations.Count > 0)
        {
            logger.LogWarning("Folder listing of {Account} refused before any call: {Code}", key, violations[0].ErrorCode);
            return [];
        }
        var web = await OwnDomainAsync(key, domain, exact: false, cancellationToken);
        var entries = await clients.Get(key.Server).ListFolderAsync(key.User, web.Name, FtpFolders.Normalize(folder), cancellationToken);
        return entries is null
            ? []
            : entries.Where(e => e.IsDirectory).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<string> GeneratePasswordAsync()
    {
        await currentUser.RequireAsync();
        return generator.GeneratePassword();
    }

    /// <summary>
    /// The one path of every mutation: authorize the request's own user and domain, refuse while the server is marked
    /// unreachable (nothing is sent), record the intent, run the service (one mutation, one read-back), feed the read-back to
    /// the store and the open pages, record the outcome. <paramref name="cancellationToken"/> is honoured until the intent
    /// is recorded; from then on the action runs to its end (bounded by the client's deadlines), since a mutation abandoned
    /// in flight may still be applied and its outcome must reach the activity log, the store and the pages.
    /// </summary>
    private async Task<(AccountKey Key, TResult Result)> MutateAsync<TResult>(string requestUser, string requestDomain, string? login, string action, string detail,
        Func<IHestiaClient, WebDomain, CancellationToken, Task<TResult>> mutation, CancellationToken cancellationToken)
        where TResult : IFtpResult
    {
        var (user, key) = await AuthorizeWriteAsync(requestUser);
        var web = await OwnDomainAsync(key, requestDomain, exact: true, cancellationToken);
        if (!health.Get(key.Server).Reachable)
        {
            throw new ServerUnavailableException(key.Server);
        }

        cancellationToken.ThrowIfCancellationRequested();
        long auditId;
        try
        {
            auditId = await audit.RecordAsync(new AuditEntry(0, time.GetUtcNow(), user.Name, key.Server, key.User, web.Name, login, action, detail,
                AuditOutcomes.Pending), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Audit intent for {Action} on {Account}/{Domain} could not be written: nothing was sent", action, key, web.Name);
            throw new DashboardAccessException(DashboardAccessException.Reason.AuditUnavailable);
        }

        var sequence = store.NextSequence();
        var at = time.GetUtcNow();
        TResult result;
        // A person's change: background work on this server (the expiry job) waits for it.
        using var running = interactive?.Enter(key.Server);
        try
        {
            result = await mutation(clients.Get(key.Server), web, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A fault before anything was sent (a pre-check could not be made, or the request was refused as malformed).
            await CompleteAuditAsync(auditId, $"{AuditOutcomes.Failed}: {AuditOutcomes.FaultCodePrefix}{ex.GetType().Name}", null);
            throw;
        }

        if (result.ReadBack is { } readBack)
        {
            // Without a read-back (it failed) the store keeps what it had; the next poll corrects it.
            reader.ApplyReadBack(key, web.Name, readBack, sequence, at);
        }

        await CompleteAuditAsync(auditId, AuditOutcomeOf(result), result.Login);
        return (key, result);
    }

    /// <summary>The outcome as codes (the activity log words it in the reader's language); HestiaCP's message kept verbatim. Never a password.</summary>
    internal static string AuditOutcomeOf(IFtpResult result) => result.Status switch
    {
        FtpResultStatus.Done when result.ReasonCode is null => AuditOutcomes.Succeeded,
        FtpResultStatus.Done => $"{AuditOutcomes.Succeeded}: {result.ReasonCode}",
        FtpResultStatus.NotDone when result.Refusal is { HestiaCode: { } code } refusal => $"{AuditOutcomes.Failed}: {AuditOutcomes.HestiaCodePrefix}{code}: {refusal.Message}",
        FtpResultStatus.NotDone => $"{AuditOutcomes.Failed}: {result.Refusal?.ReasonCode ?? result.ReasonCode}",
        _ => $"{AuditOutcomes.Unknown}: {result.ReasonCode}",
    };

    private async Task CompleteAuditAsync(long id, string outcome, string? login)
    {
        try
        {
            await audit.CompleteAsync(id, outcome, login, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Audit outcome of entry {Id} could not be written (the entry stays 'pending')", id);
        }
    }

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

    private async Task AuthorizeServerAsync(string server)
    {
        var user = await currentUser.RequireAsync();
        RequireKnownServer(server);
        if (!user.IsSupport && server != user.Server)
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
    }

    /// <summary>Customers change only their own account on their own server; the request names the account it acts on.</summary>
    private async Task<(DashboardUser User, AccountKey Key)> AuthorizeWriteAsync(string requestUser)
    {
        var user = await currentUser.RequireAsync();
        if (user.IsSupport)
        {
            logger.LogWarning("Support user {Actor} tried to change {Account}: refused (read-only)", user.Name, requestUser);
            throw new DashboardAccessException(DashboardAccessException.Reason.ReadOnly);
        }
        if (!string.Equals(requestUser, user.Name, StringComparison.Ordinal))
        {
            logger.LogWarning("{Actor} on {Server} tried to change {Account}: refused", user.Name, user.Server, requestUser);
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
        RequireKnownServer(user.Server);
        return (user, new AccountKey(user.Server, user.Name));
    }

    /// <summary>
    /// The account's own domain of that name, from the live store (read once when the store has none yet). HestiaCP finds a
    /// domain with <c>grep</c>, where <c>.</c> matches any character, and acts on the first matching line: a mutation on a
    /// name that could match another of the owner's domains is refused; an <paramref name="exact"/> lookup also requires
    /// the stored spelling, since the request travels unchanged to HestiaCP.
    /// </summary>
    private async Task<WebDomain> OwnDomainAsync(AccountKey key, string domain, bool exact, CancellationToken cancellationToken)
    {
        var snapshot = store.Get(key) ?? await reader.ReadAsync(key, cancellationToken);
        var comparison = exact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var web = snapshot.Domains.FirstOrDefault(d => string.Equals(d.Name, domain, comparison))
            ?? throw new DashboardAccessException(DashboardAccessException.Reason.UnknownDomain);
        if (exact && snapshot.Domains.Any(d => d != web && WildcardMatches(web.Name, d.Name)))
        {
            logger.LogWarning("Refusing a change on {Account}/{Domain}: HestiaCP's '.' wildcard also matches another domain of the account", key, web.Name);
            throw new DashboardAccessException(DashboardAccessException.Reason.AmbiguousDomain);
        }
        return web;
    }

    private static bool WildcardMatches(string pattern, string name) =>
        pattern.Length == name.Length && Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\.", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private void RequireKnownServer(string server)
    {
        if (!clients.Servers.Any(s => s.Name == server))
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.UnknownServer);
        }
    }
}
