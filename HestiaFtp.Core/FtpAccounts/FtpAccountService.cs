using FluentValidation;
using FluentValidation.Results;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>
/// The product rules for FTP accounts on top of <see cref="IHestiaClient"/>. Stateless: every method takes the client of
/// the server to act on (the signed-in user's server), so one instance serves all servers. Every request is validated
/// again before any mutating call (<see cref="ValidationException"/>); mutating calls are never resent: when an answer is
/// lost (<see cref="HestiaException.OutcomeUnknown"/>) the domain is re-read and the result says what is true now.
/// Passwords are never logged.
/// </summary>
public sealed class FtpAccountService
{
    /// <summary>How many generated names <see cref="QuickCreateAsync(IHestiaClient, QuickCreateFtpAccountRequest, CancellationToken)"/> tries.</summary>
    public const int MaxQuickCreateAttempts = 5;

    private static readonly QuickCreateFtpAccountRequestValidator QuickCreateValidator = new();
    private static readonly CreateFtpAccountRequestValidator CreateValidator = new();
    private static readonly ChangeFtpPasswordRequestValidator ChangePasswordValidator = new();
    private static readonly ChangeFtpFolderRequestValidator ChangePathValidator = new();
    private static readonly DeleteFtpAccountRequestValidator DeleteValidator = new();

    private readonly ICredentialGenerator _generator;
    private readonly ILogger<FtpAccountService> _logger;

    public FtpAccountService(ICredentialGenerator generator, ILogger<FtpAccountService> logger)
    {
        _generator = generator;
        _logger = logger;
    }

    /// <summary>
    /// Creates an account at the domain root with a generated name and password (<c>v-add-web-domain-ftp</c>). A name taken
    /// anywhere on the server (exit 4, nothing created) is replaced by a new one, at most <see cref="MaxQuickCreateAttempts"/>
    /// times. A lost answer is resolved by re-reading the domain (<c>v-list-web-domain</c>), never by resending.
    /// </summary>
    public Task<FtpCreateResult> QuickCreateAsync(IHestiaClient client, string user, string domain, CancellationToken cancellationToken) =>
        QuickCreateAsync(client, new QuickCreateFtpAccountRequest(user, domain), cancellationToken);

    /// <inheritdoc cref="QuickCreateAsync(IHestiaClient, string, string, CancellationToken)"/>
    public async Task<FtpCreateResult> QuickCreateAsync(IHestiaClient client, QuickCreateFtpAccountRequest request, CancellationToken cancellationToken)
    {
        QuickCreateValidator.ValidateAndThrow(request);
        var (user, domain) = (request.User, request.Domain);
        var existing = (await client.GetWebDomainAsync(user, domain, cancellationToken)).FtpAccounts.Select(a => a.Login).ToList();

        var lastLogin = string.Empty;
        for (var attempt = 1; attempt <= MaxQuickCreateAttempts; attempt++)
        {
            string suffix;
            try
            {
                suffix = _generator.GenerateLoginSuffix(user);
            }
            catch (ArgumentException)
            {
                throw Invalid(nameof(QuickCreateFtpAccountRequest.User), RuleViolation.Hestia(ValidationCodes.LoginTooLong,
                    $"the panel user name leaves too little of the {FtpNames.MaxFullLength} characters of USER_name for a generated login; choose a short name instead."));
            }

            var login = FtpNames.FullLogin(user, suffix);
            lastLogin = login;
            if (existing.Contains(login, StringComparer.Ordinal) || FtpNames.ConfusableExisting(login, existing).Count > 0)
            {
                continue;
            }

            var create = new CreateFtpAccountRequest(user, domain, suffix, _generator.GeneratePassword());
            CreateValidator.ValidateAndThrow(create);

            _logger.LogInformation("Creating generated FTP account {Login} on {Domain} for {User} on {Server} (attempt {Attempt})",
                login, domain, user, client.ServerName, attempt);
            try
            {
                await client.AddFtpAccountAsync(user, domain, suffix, create.Password, null, cancellationToken);
                _logger.LogInformation("Created FTP account {Login} on {Domain} on {Server}", login, domain, client.ServerName);
                return Created(login, create.Password, domain, string.Empty, null);
            }
            catch (HestiaException ex) when (ex.OutcomeUnknown)
            {
                return await ResolveUnknownCreateAsync(client, create, ex, cancellationToken);
            }
            catch (HestiaException ex) when (ex.Code == HestiaReturnCode.Exists)
            {
                _logger.LogInformation("FTP login {Login} is taken on {Server}; generating another", login, client.ServerName);
            }
        }

        _logger.LogWarning("Gave up creating a generated FTP account on {Domain} on {Server} after {Attempts} taken names",
            domain, client.ServerName, MaxQuickCreateAttempts);
        return new FtpCreateResult(FtpCreateStatus.NotCreated, lastLogin, domain, null, FtpResultCodes.NamesTaken);
    }

    /// <summary>
    /// Creates an account with a chosen name and password (<c>v-add-web-domain-ftp</c>). A non-root folder must already
    /// exist (<c>v-check-fs-permission</c>); HestiaCP would create it. After creation the folder is checked again, and if
    /// it is missing the account is deleted (<c>v-delete-web-domain-ftp</c>) so no account points at a missing folder.
    /// </summary>
    /// <exception cref="ValidationException">A rule is broken, the name exists or is ambiguous on the domain, or the folder does not exist.</exception>
    public async Task<FtpCreateResult> CreateAsync(IHestiaClient client, CreateFtpAccountRequest request, CancellationToken cancellationToken)
    {
        CreateValidator.ValidateAndThrow(request);
        var (user, domain, login, path) = (request.User, request.Domain, request.FullLogin, request.NormalizedFolder);

        var existing = (await client.GetWebDomainAsync(user, domain, cancellationToken)).FtpAccounts.Select(a => a.Login).ToList();
        if (existing.Contains(login, StringComparer.Ordinal))
        {
            throw Invalid(nameof(request.LoginSuffix), RuleViolation.Hestia(ValidationCodes.LoginExists, "an FTP account with this name already exists."));
        }

        var ambiguous = FtpNames.ConfusableExisting(login, existing);
        if (ambiguous.Count > 0)
        {
            _logger.LogWarning("Refusing FTP login {Login} on {Domain}: '.' wildcard would match {Others}", login, domain, ambiguous);
            throw Invalid(nameof(request.LoginSuffix), RuleViolation.Policy(ValidationCodes.LoginAmbiguous,
                "another FTP account of this domain has '.' in its name, which HestiaCP reads as \"any character\", so it would also match this name and could no longer be managed safely. Choose another name."));
        }

        if (path.Length > 0 && !await client.FolderExistsAsync(user, domain, path, cancellationToken))
        {
            throw Invalid(nameof(request.Folder), RuleViolation.Policy(ValidationCodes.PathNotFound,
                "the folder does not exist; create it first (HestiaCP would create it silently, which hides typing mistakes)."));
        }

        _logger.LogInformation("Creating FTP account {Login} on {Domain} for {User} on {Server} with folder {Path}",
            login, domain, user, client.ServerName, path);
        string? reason = null;
        try
        {
            await client.AddFtpAccountAsync(user, domain, request.Suffix, request.Password, path.Length > 0 ? path : null, cancellationToken);
        }
        catch (HestiaException ex) when (ex.OutcomeUnknown)
        {
            var resolved = await ResolveUnknownCreateAsync(client, request, ex, cancellationToken);
            if (resolved.Status != FtpCreateStatus.Created)
            {
                return resolved;
            }

            reason = FtpResultCodes.ConfirmedAfterUnknown;
        }

        if (path.Length > 0)
        {
            bool folderThere;
            try
            {
                folderThere = await client.FolderExistsAsync(user, domain, path, cancellationToken);
            }
            catch (HestiaException ex)
            {
                _logger.LogWarning(ex, "Could not check the folder {Path} of new FTP account {Login} on {Domain}", path, login, domain);
                return Created(login, request.Password, domain, path, FtpResultCodes.FolderUnverified);
            }

            if (!folderThere)
            {
                return await RollBackAsync(client, user, domain, login, path, cancellationToken);
            }
        }

        _logger.LogInformation("Created FTP account {Login} on {Domain} on {Server}", login, domain, client.ServerName);
        return Created(login, request.Password, domain, path, reason);
    }

    /// <summary>
    /// Sets a new password (<c>v-change-web-domain-ftp-password</c>), then re-reads the domain to confirm the account is
    /// still there. Refuses a login that HestiaCP's <c>.</c> wildcard could confuse with another account.
    /// </summary>
    public async Task<FtpPasswordChangeResult> ChangePasswordAsync(IHestiaClient client, ChangeFtpPasswordRequest request, CancellationToken cancellationToken)
    {
        ChangePasswordValidator.ValidateAndThrow(request);
        var (user, domain, login) = (request.User, request.Domain, request.Login);
        await RequireUnambiguousAccountAsync(client, user, domain, login, cancellationToken);

        _logger.LogInformation("Changing the password of FTP account {Login} on {Domain} on {Server}", login, domain, client.ServerName);
        var changed = true;
        string? reason = null;
        try
        {
            await client.ChangeFtpPasswordAsync(user, domain, login, request.Password, cancellationToken);
        }
        catch (HestiaException ex) when (ex.OutcomeUnknown)
        {
            // A password hash is never listed, so no read can tell whether this took effect.
            _logger.LogWarning(ex, "Lost the answer to a password change of {Login} on {Domain}", login, domain);
            changed = false;
            reason = FtpResultCodes.OutcomeUnknown;
        }

        var (read, account) = await TryReadAccountAsync(client, user, domain, login, cancellationToken);
        if (!read && reason is null)
        {
            reason = FtpResultCodes.ReadBackFailed;
        }

        return new FtpPasswordChangeResult(login, domain, changed, account is not null, reason);
    }

    /// <summary>
    /// Moves an account to another folder (<c>v-change-web-domain-ftp-path</c>). When the folder does not exist
    /// (<c>v-check-fs-permission</c>) or HestiaCP refuses it (exit 2), the account is reset to the domain root instead
    /// (empty path) and the result says so. The result carries the account's folder as read back afterwards.
    /// </summary>
    public async Task<FtpFolderChangeResult> ChangeFolderAsync(IHestiaClient client, ChangeFtpFolderRequest request, CancellationToken cancellationToken)
    {
        ChangePathValidator.ValidateAndThrow(request);
        var (user, domain, login, path) = (request.User, request.Domain, request.Login, request.NormalizedFolder);
        await RequireUnambiguousAccountAsync(client, user, domain, login, cancellationToken);

        var reset = false;
        string? reason = null;
        if (path.Length > 0 && !await client.FolderExistsAsync(user, domain, path, cancellationToken))
        {
            reset = true;
            reason = FtpResultCodes.PathMissingReset;
        }
        else
        {
            _logger.LogInformation("Changing the folder of FTP account {Login} on {Domain} on {Server} to {Path}", login, domain, client.ServerName, path);
            try
            {
                await client.ChangeFtpPathAsync(user, domain, login, path, cancellationToken);
            }
            catch (HestiaException ex) when (ex.OutcomeUnknown)
            {
                _logger.LogWarning(ex, "Lost the answer to a folder change of {Login} on {Domain}; reading back", login, domain);
                reason = FtpResultCodes.OutcomeUnknown;
            }
            catch (HestiaException ex) when (ex.Code == HestiaReturnCode.Invalid && path.Length > 0)
            {
                // Every other argument was validated here, so exit 2 means HestiaCP refused the folder.
                _logger.LogWarning("HestiaCP refused folder {Path} for {Login} on {Domain}: {HestiaMessage}", path, login, domain, ex.HestiaMessage);
                reset = true;
                reason = FtpResultCodes.PathRejectedReset;
            }
        }

        if (reset)
        {
            _logger.LogWarning("Resetting FTP account {Login} on {Domain} on {Server} to the domain root ({Reason})", login, domain, client.ServerName, reason);
            try
            {
                await client.ChangeFtpPathAsync(user, domain, login, string.Empty, cancellationToken);
            }
            catch (HestiaException ex) when (ex.OutcomeUnknown)
            {
                _logger.LogWarning(ex, "Lost the answer to resetting {Login} on {Domain}; reading back", login, domain);
            }
        }

        var (read, account) = await TryReadAccountAsync(client, user, domain, login, cancellationToken);
        var actual = account is null ? null : FtpFolders.Normalize(account.Folder);
        if (reason == FtpResultCodes.OutcomeUnknown && actual is not null)
        {
            reason = actual == path ? FtpResultCodes.ConfirmedAfterUnknown : FtpResultCodes.NotAppliedAfterUnknown;
        }
        else if (!read && reason is null)
        {
            reason = FtpResultCodes.ReadBackFailed;
        }

        return new FtpFolderChangeResult(login, domain, path, actual, reset, reason);
    }

    /// <summary>
    /// Deletes an account (<c>v-delete-web-domain-ftp</c>; works on suspended domains). Refuses a login that HestiaCP's
    /// <c>.</c> wildcard could confuse with another account of the domain.
    /// </summary>
    public async Task<FtpDeleteResult> DeleteAsync(IHestiaClient client, DeleteFtpAccountRequest request, CancellationToken cancellationToken)
    {
        DeleteValidator.ValidateAndThrow(request);
        var (user, domain, login) = (request.User, request.Domain, request.Login);
        var logins = (await client.GetWebDomainAsync(user, domain, cancellationToken)).FtpAccounts.Select(a => a.Login).ToList();
        if (!logins.Contains(login, StringComparer.Ordinal))
        {
            return new FtpDeleteResult(login, domain, FtpDeleteStatus.NotFound, null);
        }

        RequireUnambiguous(domain, login, logins);

        _logger.LogInformation("Deleting FTP account {Login} on {Domain} on {Server}", login, domain, client.ServerName);
        try
        {
            await client.DeleteFtpAccountAsync(user, domain, login, cancellationToken);
            return new FtpDeleteResult(login, domain, FtpDeleteStatus.Deleted, null);
        }
        catch (HestiaException ex) when (ex.OutcomeUnknown)
        {
            _logger.LogWarning(ex, "Lost the answer to deleting {Login} on {Domain}; reading back", login, domain);
            WebDomain after;
            try
            {
                after = await client.GetWebDomainAsync(user, domain, cancellationToken);
            }
            catch (HestiaException readEx)
            {
                _logger.LogWarning(readEx, "Could not re-read {Domain} after a lost delete answer", domain);
                return new FtpDeleteResult(login, domain, FtpDeleteStatus.Unknown, FtpResultCodes.OutcomeUnknown);
            }

            return after.FtpAccounts.Any(a => a.Login == login)
                ? new FtpDeleteResult(login, domain, FtpDeleteStatus.NotDeleted, FtpResultCodes.NotAppliedAfterUnknown)
                : new FtpDeleteResult(login, domain, FtpDeleteStatus.Deleted, FtpResultCodes.ConfirmedAfterUnknown);
        }
        catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist && ex.HestiaMessage.Contains("account", StringComparison.Ordinal))
        {
            return new FtpDeleteResult(login, domain, FtpDeleteStatus.NotFound, null);
        }
    }

    /// <summary>Every FTP account of <paramref name="user"/>, with its domain, in HestiaCP's order (<c>v-list-web-domains</c>).</summary>
    public async Task<IReadOnlyList<DomainFtpAccount>> ListAccountsAsync(IHestiaClient client, string user, CancellationToken cancellationToken)
    {
        var violations = HestiaIdentifiers.CheckUser(user);
        if (violations.Count > 0)
        {
            throw Invalid(nameof(user), violations[0]);
        }

        var domains = await client.ListWebDomainsAsync(user, cancellationToken);
        return domains.SelectMany(d => d.FtpAccounts.Select(a => new DomainFtpAccount(d, a))).ToList();
    }

    private async Task<FtpCreateResult> ResolveUnknownCreateAsync(IHestiaClient client, CreateFtpAccountRequest request, HestiaException lost, CancellationToken cancellationToken)
    {
        var login = request.FullLogin;
        _logger.LogWarning(lost, "Lost the answer to creating {Login} on {Domain}; reading back instead of resending", login, request.Domain);
        var (read, account) = await TryReadAccountAsync(client, request.User, request.Domain, login, cancellationToken);
        if (account is not null)
        {
            _logger.LogInformation("FTP account {Login} on {Domain} exists after the lost answer", login, request.Domain);
            return Created(login, request.Password, request.Domain, FtpFolders.Normalize(account.Folder), FtpResultCodes.ConfirmedAfterUnknown);
        }

        return read
            ? new FtpCreateResult(FtpCreateStatus.NotCreated, login, request.Domain, null, FtpResultCodes.NotAppliedAfterUnknown)
            : new FtpCreateResult(FtpCreateStatus.Unknown, login, request.Domain, null, FtpResultCodes.OutcomeUnknown);
    }

    private async Task<FtpCreateResult> RollBackAsync(IHestiaClient client, string user, string domain, string login, string path, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Folder {Path} of new FTP account {Login} on {Domain} is missing; deleting the account again", path, login, domain);
        try
        {
            await client.DeleteFtpAccountAsync(user, domain, login, cancellationToken);
            return new FtpCreateResult(FtpCreateStatus.RolledBack, login, domain, null, FtpResultCodes.FolderMissingRolledBack);
        }
        catch (HestiaException ex)
        {
            _logger.LogError(ex, "Could not delete FTP account {Login} on {Domain} whose folder {Path} is missing", login, domain, path);
            return new FtpCreateResult(FtpCreateStatus.RollbackFailed, login, domain, null, FtpResultCodes.RollbackFailed);
        }
    }

    /// <summary>Reads the account back; Read is false when the read itself failed.</summary>
    private async Task<(bool Read, FtpAccount? Account)> TryReadAccountAsync(IHestiaClient client, string user, string domain, string login, CancellationToken cancellationToken)
    {
        try
        {
            var after = await client.GetWebDomainAsync(user, domain, cancellationToken);
            return (true, after.FtpAccounts.FirstOrDefault(a => string.Equals(a.Login, login, StringComparison.Ordinal)));
        }
        catch (HestiaException ex)
        {
            _logger.LogWarning(ex, "Could not read back {Domain} for FTP account {Login}", domain, login);
            return (false, null);
        }
    }

    private async Task RequireUnambiguousAccountAsync(IHestiaClient client, string user, string domain, string login, CancellationToken cancellationToken)
    {
        var logins = (await client.GetWebDomainAsync(user, domain, cancellationToken)).FtpAccounts.Select(a => a.Login).ToList();
        if (!logins.Contains(login, StringComparer.Ordinal))
        {
            throw Invalid("Login", RuleViolation.Hestia(ValidationCodes.LoginNotFound, "this domain has no FTP account with that name."));
        }

        RequireUnambiguous(domain, login, logins);
    }

    private void RequireUnambiguous(string domain, string login, IReadOnlyList<string> logins)
    {
        var ambiguous = FtpNames.AmbiguousWith(login, logins);
        if (ambiguous.Count > 0)
        {
            _logger.LogWarning("Refusing to act on FTP login {Login} on {Domain}: '.' wildcard would match {Others}", login, domain, ambiguous);
            throw Invalid("Login", RuleViolation.Policy(ValidationCodes.LoginAmbiguous,
                "HestiaCP reads '.' in an FTP login as \"any character\", so this name could also hit another account of the domain; this dashboard will not send it. Use the HestiaCP panel for these accounts."));
        }
    }

    private static ValidationException Invalid(string property, RuleViolation violation) =>
        new([new ValidationFailure(property, violation.Message) { ErrorCode = violation.ErrorCode }]);

    private static FtpCreateResult Created(string login, string password, string domain, string path, string? reason) =>
        new(FtpCreateStatus.Created, login, domain, new CreatedFtpAccount(login, password, domain, path), reason);
}
