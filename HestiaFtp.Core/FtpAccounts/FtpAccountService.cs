using FluentValidation;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Core.FtpAccounts;

/// <summary>
/// The product rules for FTP accounts on top of <see cref="IHestiaClient"/>. Stateless: every method takes the client of
/// the server to act on (the signed-in user's server), so one instance serves all servers.
/// <para>
/// Every method takes <c>current</c>, the domain as the caller last read it from HestiaCP (the live store), and applies the
/// rules against it without reading first: a refusal found there costs no call. Then it sends exactly one mutation (plus
/// the extra ones each method names) and makes exactly one read-back (<c>v-list-web-domain</c>), which settles the outcome
/// and is returned as <see cref="IFtpResult.ReadBack"/>, also after HestiaCP refused (the refusal may mean
/// <c>current</c> is stale, e.g. the domain was suspended elsewhere).
/// </para>
/// <para>
/// Mutations are never resent: when an answer is lost (<see cref="HestiaException.OutcomeUnknown"/>) the read-back says
/// what is true, and the result reports it as done, not done, or, only where no read can tell (a password), cannot tell.
/// HestiaCP refusing a command is a result (<see cref="FtpResultStatus.NotDone"/> with a <see cref="FtpRefusal"/>), not an
/// exception. Exceptions are for faults only: a malformed request (<see cref="ValidationException"/>; the dialogs
/// validate the same object first), a <c>current</c> that is not the request's domain (<see cref="ArgumentException"/>),
/// a pre-check that could not reach HestiaCP, or HestiaCP refusing the dashboard's own API credentials
/// (<see cref="HestiaException"/>; nothing was sent in either case). Passwords are never logged.
/// </para>
/// </summary>
public sealed class FtpAccountService
{
    /// <summary>How many generated names a quick create tries.</summary>
    public const int MaxQuickCreateAttempts = 5;

    private static readonly QuickCreateFtpAccountRequestValidator QuickCreateValidator = new();
    private static readonly CreateFtpAccountRequestValidator CreateValidator = new();
    private static readonly ChangeFtpPasswordRequestValidator ChangePasswordValidator = new();
    private static readonly ChangeFtpFolderRequestValidator ChangeFolderValidator = new();
    private static readonly DeleteFtpAccountRequestValidator DeleteValidator = new();

    private readonly ICredentialGenerator _generator;
    private readonly ILogger<FtpAccountService> _logger;

    public FtpAccountService(ICredentialGenerator generator, ILogger<FtpAccountService> logger)
    {
        _generator = generator;
        _logger = logger;
    }

    /// <summary>
    /// Quick add: generated login and password at the domain root (<c>v-add-web-domain-ftp</c>, then
    /// <c>v-list-web-domain</c>). Calls: add + read-back (+1 add per generated login already taken). A generated name already
    /// on <paramref name="current"/>, or one HestiaCP's <c>.</c> wildcard would confuse with an account there, is skipped
    /// without a call; a name taken elsewhere on the server (exit 4, nothing created) is replaced by a new one. Every skip
    /// and every try counts towards <see cref="MaxQuickCreateAttempts"/>; then the result is NotDone with
    /// <see cref="FtpResultCodes.NamesTaken"/>.
    /// </summary>
    public async Task<FtpCreateResult> QuickCreateAsync(IHestiaClient client, QuickCreateFtpAccountRequest request, WebDomain current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        QuickCreateValidator.ValidateAndThrow(request);
        RequireCurrent(current, request.User, request.Domain);
        var (user, domain) = (request.User, request.Domain);
        var existing = Logins(current);

        var lastLogin = string.Empty;
        var sent = false;
        for (var attempt = 1; attempt <= MaxQuickCreateAttempts; attempt++)
        {
            string suffix;
            try
            {
                suffix = _generator.GenerateLoginSuffix(user);
            }
            catch (ArgumentException)
            {
                var tooLong = RuleViolation.Hestia(ValidationCodes.LoginTooLong,
                    $"the panel user name leaves too little of the {FtpNames.MaxFullLength} characters of USER_name for a generated login; choose a short name instead.");
                return new FtpCreateResult(FtpResultStatus.NotDone, lastLogin, domain, null, null,
                    new FtpRefusal(tooLong.ErrorCode, tooLong.Message, nameof(QuickCreateFtpAccountRequest.User)), null);
            }

            var login = FtpNames.FullLogin(user, suffix);
            lastLogin = login;
            if (existing.Contains(login, StringComparer.Ordinal) || FtpNames.ConfusableExisting(login, existing).Count > 0)
            {
                _logger.LogInformation("Generated FTP login {Login} is already on {Domain} or would be confused with an account there; generating another",
                    login, domain);
                continue;
            }

            var password = _generator.GeneratePassword();
            // Guards the generator: what it made must pass the same rules as a typed name and password.
            CreateValidator.ValidateAndThrow(new CreateFtpAccountRequest(user, domain, suffix, password));

            _logger.LogInformation("Creating generated FTP account {Login} on {Domain} for {User} on {Server} (attempt {Attempt})",
                login, domain, user, client.ServerName, attempt);
            try
            {
                await client.AddFtpAccountAsync(user, domain, suffix, password, null, cancellationToken);
            }
            catch (HestiaException ex) when (ex.OutcomeUnknown)
            {
                _logger.LogWarning(ex, "Lost the answer to creating {Login} on {Domain}; reading back instead of resending", login, domain);
                return await SettleCreateAsync(client, user, domain, login, password, string.Empty, lost: true, cancellationToken);
            }
            catch (HestiaException ex) when (IsRefusal(ex) && ex.Code == HestiaReturnCode.Exists)
            {
                sent = true;
                _logger.LogInformation("FTP login {Login} is taken on {Server}; generating another", login, client.ServerName);
                continue;
            }
            catch (HestiaException ex) when (IsRefusal(ex))
            {
                return await RefusedCreateAsync(client, user, domain, login, ex, property: null, cancellationToken);
            }

            return await SettleCreateAsync(client, user, domain, login, password, string.Empty, lost: false, cancellationToken);
        }

        _logger.LogWarning("Gave up creating a generated FTP account on {Domain} on {Server} after {Attempts} taken names",
            domain, client.ServerName, MaxQuickCreateAttempts);
        var readBack = sent ? (await ReadBackAsync(client, user, domain, cancellationToken)).Domain : null;
        return new FtpCreateResult(FtpResultStatus.NotDone, lastLogin, domain, null, FtpResultCodes.NamesTaken,
            new FtpRefusal(FtpResultCodes.NamesTaken, $"every generated name ({MaxQuickCreateAttempts} tries) was already taken; try again or choose a name.",
                HestiaCode: sent ? HestiaReturnCode.Exists : null),
            readBack);
    }

    /// <summary>
    /// Add with a chosen login, password and optional folder (<c>v-add-web-domain-ftp</c>). Calls: folder check
    /// (<c>v-check-fs-permission</c>, non-root only) + add + read-back (<c>v-list-web-domain</c>), +1 rollback delete
    /// (<c>v-delete-web-domain-ftp</c>). A non-root folder must already exist: HestiaCP would create a missing one
    /// silently, which hides typing mistakes. There is no second folder check after the add: the read-back shows the
    /// folder HestiaCP actually gave the account, and when that is not the requested one (HestiaCP resolved it elsewhere)
    /// the account is deleted again (NotDone, <see cref="FtpResultCodes.FolderMissingRolledBack"/>; when that delete fails,
    /// CannotTell with <see cref="FtpResultCodes.RollbackFailed"/>). After a rollback the read-back is returned without the
    /// deleted account, since HestiaCP confirmed the delete.
    /// </summary>
    public async Task<FtpCreateResult> CreateAsync(IHestiaClient client, CreateFtpAccountRequest request, WebDomain current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        CreateValidator.ValidateAndThrow(request);
        RequireCurrent(current, request.User, request.Domain);
        var (user, domain, login, folder) = (request.User, request.Domain, request.FullLogin, request.NormalizedFolder);

        var existing = Logins(current);
        if (existing.Contains(login, StringComparer.Ordinal))
        {
            return RuleRefusedCreate(login, domain, nameof(request.LoginSuffix),
                RuleViolation.Hestia(ValidationCodes.LoginExists, "an FTP account with this name already exists."));
        }

        var confusable = FtpNames.ConfusableExisting(login, existing);
        if (confusable.Count > 0)
        {
            _logger.LogWarning("Refusing FTP login {Login} on {Domain}: '.' wildcard would match {Others}", login, domain, confusable);
            return RuleRefusedCreate(login, domain, nameof(request.LoginSuffix), RuleViolation.Policy(ValidationCodes.LoginAmbiguous,
                "another FTP account of this domain has '.' in its name, which HestiaCP reads as \"any character\", so it would also match this name and could no longer be managed safely. Choose another name."));
        }

        // A transport failure here propagates: nothing has been sent yet.
        if (folder.Length > 0 && !await client.FolderExistsAsync(user, domain, folder, cancellationToken))
        {
            return RuleRefusedCreate(login, domain, nameof(request.Folder), RuleViolation.Policy(ValidationCodes.PathNotFound,
                "the folder does not exist; create it first (HestiaCP would create it silently, which hides typing mistakes)."));
        }

        _logger.LogInformation("Creating FTP account {Login} on {Domain} for {User} on {Server} with folder {Folder}",
            login, domain, user, client.ServerName, folder);
        try
        {
            await client.AddFtpAccountAsync(user, domain, request.Suffix, request.Password, folder.Length > 0 ? folder : null, cancellationToken);
        }
        catch (HestiaException ex) when (ex.OutcomeUnknown)
        {
            _logger.LogWarning(ex, "Lost the answer to creating {Login} on {Domain}; reading back instead of resending", login, domain);
            return await SettleCreateAsync(client, user, domain, login, request.Password, folder, lost: true, cancellationToken);
        }
        catch (HestiaException ex) when (IsRefusal(ex))
        {
            var property = ex.Code switch
            {
                HestiaReturnCode.Exists => nameof(request.LoginSuffix),
                HestiaReturnCode.Invalid => InvalidArgumentProperty(ex, nameof(request.Password), nameof(request.Folder)),
                _ => null,
            };
            return await RefusedCreateAsync(client, user, domain, login, ex, property, cancellationToken);
        }

        return await SettleCreateAsync(client, user, domain, login, request.Password, folder, lost: false, cancellationToken);
    }

    /// <summary>
    /// Sets a new password (<c>v-change-web-domain-ftp-password</c>). Calls: change + read-back (<c>v-list-web-domain</c>).
    /// A password is never listed, so after a lost answer only a vanished account can tell (NotDone); otherwise the result
    /// is CannotTell with <see cref="FtpResultCodes.OutcomeUnknown"/>: set it again.
    /// </summary>
    public async Task<FtpPasswordChangeResult> ChangePasswordAsync(IHestiaClient client, ChangeFtpPasswordRequest request, WebDomain current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ChangePasswordValidator.ValidateAndThrow(request);
        RequireCurrent(current, request.User, request.Domain);
        var (user, domain, login) = (request.User, request.Domain, request.Login);
        if (RefuseUnknownOrAmbiguous(current, login) is { } refusal)
        {
            return new FtpPasswordChangeResult(FtpResultStatus.NotDone, login, domain, null, refusal, null);
        }

        _logger.LogInformation("Changing the password of FTP account {Login} on {Domain} on {Server}", login, domain, client.ServerName);
        var lost = false;
        try
        {
            await client.ChangeFtpPasswordAsync(user, domain, login, request.Password, cancellationToken);
        }
        catch (HestiaException ex) when (ex.OutcomeUnknown)
        {
            _logger.LogWarning(ex, "Lost the answer to a password change of {Login} on {Domain}; reading back instead of resending", login, domain);
            lost = true;
        }
        catch (HestiaException ex) when (IsRefusal(ex))
        {
            LogRefused(ex, login, domain);
            var afterRefusal = await ReadBackAsync(client, user, domain, cancellationToken);
            var property = ex.Code == HestiaReturnCode.Invalid ? InvalidArgumentProperty(ex, nameof(request.Password), null) : null;
            return new FtpPasswordChangeResult(FtpResultStatus.NotDone, login, domain, FtpResultCodes.HestiaRefused, Refused(ex, property), afterRefusal.Domain);
        }

        var read = await ReadBackAsync(client, user, domain, cancellationToken);
        if (!lost)
        {
            return new FtpPasswordChangeResult(FtpResultStatus.Done, login, domain, read.Succeeded ? null : FtpResultCodes.ReadBackFailed, null, read.Domain);
        }

        // A password hash is never listed, so no read can tell whether this took effect; only a vanished account can.
        return read.Succeeded && read.Find(login) is null
            ? new FtpPasswordChangeResult(FtpResultStatus.NotDone, login, domain, FtpResultCodes.NotAppliedAfterUnknown, null, read.Domain)
            : new FtpPasswordChangeResult(FtpResultStatus.CannotTell, login, domain, FtpResultCodes.OutcomeUnknown, null, read.Domain);
    }

    /// <summary>
    /// Moves an account to another folder (<c>v-change-web-domain-ftp-path</c>). Calls: folder check
    /// (<c>v-check-fs-permission</c>, non-root only) + change + read-back (<c>v-list-web-domain</c>), +1 reset to the domain
    /// root (empty path) when HestiaCP refuses the folder (exit 2). A folder missing at the check is not sent: the account
    /// is reset to the domain root directly. The folder it already has is not sent either (Done,
    /// <see cref="FtpResultCodes.Unchanged"/>). After a lost answer the read-back decides: the requested folder is Done, the
    /// old one (from <paramref name="current"/>) NotDone, anything else CannotTell.
    /// </summary>
    public async Task<FtpFolderChangeResult> ChangeFolderAsync(IHestiaClient client, ChangeFtpFolderRequest request, WebDomain current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ChangeFolderValidator.ValidateAndThrow(request);
        RequireCurrent(current, request.User, request.Domain);
        var (user, domain, login, folder) = (request.User, request.Domain, request.Login, request.NormalizedFolder);
        var account = Find(current, login);
        if (RefuseUnknownOrAmbiguous(current, login) is { } refusal)
        {
            return new FtpFolderChangeResult(FtpResultStatus.NotDone, login, domain, folder, FolderOf(account), false, null, refusal, null);
        }

        var old = FtpFolders.Normalize(account!.Folder);
        if (string.Equals(old, folder, StringComparison.Ordinal))
        {
            return new FtpFolderChangeResult(FtpResultStatus.Done, login, domain, folder, old, false, FtpResultCodes.Unchanged, null, null);
        }

        string resetReason;
        // A transport failure of the check propagates: nothing has been sent yet.
        if (folder.Length > 0 && !await client.FolderExistsAsync(user, domain, folder, cancellationToken))
        {
            _logger.LogWarning("Folder {Folder} for FTP account {Login} on {Domain} does not exist", folder, login, domain);
            resetReason = FtpResultCodes.PathMissingReset;
        }
        else
        {
            _logger.LogInformation("Changing the folder of FTP account {Login} on {Domain} on {Server} to {Folder}", login, domain, client.ServerName, folder);
            try
            {
                await client.ChangeFtpPathAsync(user, domain, login, folder, cancellationToken);
                return await SettleFolderAsync(client, request, target: folder, old, wasReset: false, successReason: null, lost: false, cancellationToken);
            }
            catch (HestiaException ex) when (ex.OutcomeUnknown)
            {
                _logger.LogWarning(ex, "Lost the answer to a folder change of {Login} on {Domain}; reading back instead of resending", login, domain);
                return await SettleFolderAsync(client, request, target: folder, old, wasReset: false, successReason: null, lost: true, cancellationToken);
            }
            catch (HestiaException ex) when (IsRefusal(ex) && ex.Code == HestiaReturnCode.Invalid && folder.Length > 0)
            {
                // Every other argument was validated here, so exit 2 means HestiaCP refused the folder.
                _logger.LogWarning("HestiaCP refused folder {Folder} for {Login} on {Domain}: {HestiaMessage}", folder, login, domain, ex.HestiaMessage);
                resetReason = FtpResultCodes.PathRejectedReset;
            }
            catch (HestiaException ex) when (IsRefusal(ex))
            {
                return await RefusedFolderAsync(client, request, ex, wasReset: false, cancellationToken);
            }
        }

        _logger.LogWarning("Resetting FTP account {Login} on {Domain} on {Server} to the domain root ({Reason})", login, domain, client.ServerName, resetReason);
        try
        {
            await client.ChangeFtpPathAsync(user, domain, login, string.Empty, cancellationToken);
        }
        catch (HestiaException ex) when (ex.OutcomeUnknown)
        {
            _logger.LogWarning(ex, "Lost the answer to resetting {Login} on {Domain}; reading back instead of resending", login, domain);
            return await SettleFolderAsync(client, request, target: string.Empty, old, wasReset: true, resetReason, lost: true, cancellationToken);
        }
        catch (HestiaException ex) when (IsRefusal(ex))
        {
            return await RefusedFolderAsync(client, request, ex, wasReset: true, cancellationToken);
        }

        return await SettleFolderAsync(client, request, target: string.Empty, old, wasReset: true, resetReason, lost: false, cancellationToken);
    }

    /// <summary>
    /// Deletes an account (<c>v-delete-web-domain-ftp</c>; works on suspended domains). Calls: delete + read-back
    /// (<c>v-list-web-domain</c>). An account not on <paramref name="current"/>, or one HestiaCP says does not exist, is
    /// Done with <see cref="FtpResultCodes.AlreadyGone"/>. Refuses a login that HestiaCP's <c>.</c> wildcard could confuse
    /// with another account of the domain.
    /// </summary>
    public async Task<FtpDeleteResult> DeleteAsync(IHestiaClient client, DeleteFtpAccountRequest request, WebDomain current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        DeleteValidator.ValidateAndThrow(request);
        RequireCurrent(current, request.User, request.Domain);
        var (user, domain, login) = (request.User, request.Domain, request.Login);
        if (Find(current, login) is null)
        {
            return new FtpDeleteResult(FtpResultStatus.Done, login, domain, FtpResultCodes.AlreadyGone, null, null);
        }

        if (RefuseAmbiguous(current, login) is { } refusal)
        {
            return new FtpDeleteResult(FtpResultStatus.NotDone, login, domain, null, refusal, null);
        }

        _logger.LogInformation("Deleting FTP account {Login} on {Domain} on {Server}", login, domain, client.ServerName);
        var lost = false;
        try
        {
            await client.DeleteFtpAccountAsync(user, domain, login, cancellationToken);
        }
        catch (HestiaException ex) when (ex.OutcomeUnknown)
        {
            _logger.LogWarning(ex, "Lost the answer to deleting {Login} on {Domain}; reading back instead of resending", login, domain);
            lost = true;
        }
        catch (HestiaException ex) when (IsRefusal(ex))
        {
            var afterRefusal = await ReadBackAsync(client, user, domain, cancellationToken);
            if (ex.Code == HestiaReturnCode.NotExist && ex.HestiaMessage.Contains("account", StringComparison.Ordinal))
            {
                _logger.LogInformation("FTP account {Login} on {Domain} was already gone", login, domain);
                return new FtpDeleteResult(FtpResultStatus.Done, login, domain, FtpResultCodes.AlreadyGone, null, afterRefusal.Domain);
            }

            LogRefused(ex, login, domain);
            return new FtpDeleteResult(FtpResultStatus.NotDone, login, domain, FtpResultCodes.HestiaRefused, Refused(ex, null), afterRefusal.Domain);
        }

        var read = await ReadBackAsync(client, user, domain, cancellationToken);
        if (!lost)
        {
            return new FtpDeleteResult(FtpResultStatus.Done, login, domain, read.Succeeded ? null : FtpResultCodes.ReadBackFailed, null, read.Domain);
        }

        if (!read.Succeeded)
        {
            return new FtpDeleteResult(FtpResultStatus.CannotTell, login, domain, FtpResultCodes.OutcomeUnknown, null, null);
        }

        return read.Find(login) is null
            ? new FtpDeleteResult(FtpResultStatus.Done, login, domain, FtpResultCodes.ConfirmedAfterUnknown, null, read.Domain)
            : new FtpDeleteResult(FtpResultStatus.NotDone, login, domain, FtpResultCodes.NotAppliedAfterUnknown, null, read.Domain);
    }

    // ---------------------------------------------------------------- create helpers

    /// <summary>The read-back after an add that HestiaCP confirmed (<paramref name="lost"/> false) or whose answer was lost.</summary>
    private async Task<FtpCreateResult> SettleCreateAsync(IHestiaClient client, string user, string domain, string login, string password,
        string folder, bool lost, CancellationToken cancellationToken)
    {
        var read = await ReadBackAsync(client, user, domain, cancellationToken);
        var account = read.Find(login);
        if (lost && !read.Succeeded)
        {
            return new FtpCreateResult(FtpResultStatus.CannotTell, login, domain, null, FtpResultCodes.OutcomeUnknown, null, null);
        }

        if (lost && account is null)
        {
            _logger.LogInformation("FTP account {Login} on {Domain} does not exist after the lost answer", login, domain);
            return new FtpCreateResult(FtpResultStatus.NotDone, login, domain, null, FtpResultCodes.NotAppliedAfterUnknown, null, read.Domain);
        }

        var actual = FolderOf(account);
        if (actual is not null && !string.Equals(actual, folder, StringComparison.Ordinal))
        {
            return await RollBackAsync(client, user, domain, login, folder, actual, read.Domain!, cancellationToken);
        }

        _logger.LogInformation("Created FTP account {Login} on {Domain} on {Server}", login, domain, client.ServerName);
        var reason = lost ? FtpResultCodes.ConfirmedAfterUnknown : read.Succeeded ? null : FtpResultCodes.ReadBackFailed;
        return new FtpCreateResult(FtpResultStatus.Done, login, domain, new CreatedFtpAccount(login, password, domain, actual ?? folder), reason, null, read.Domain);
    }

    private async Task<FtpCreateResult> RollBackAsync(IHestiaClient client, string user, string domain, string login, string requested, string actual,
        WebDomain readBack, CancellationToken cancellationToken)
    {
        _logger.LogWarning("New FTP account {Login} on {Domain} uses folder {Actual} instead of {Requested}; deleting it again", login, domain, actual, requested);
        try
        {
            await client.DeleteFtpAccountAsync(user, domain, login, cancellationToken);
        }
        catch (HestiaException ex) when (IsRefusal(ex) && ex.Code == HestiaReturnCode.NotExist)
        {
            _logger.LogInformation("FTP account {Login} on {Domain} was already gone when rolling back", login, domain);
        }
        catch (HestiaException ex) when (!ex.Code.IsAuthenticationFailure())
        {
            _logger.LogError(ex, "Could not delete FTP account {Login} on {Domain} that uses folder {Actual} instead of {Requested}", login, domain, actual, requested);
            return new FtpCreateResult(FtpResultStatus.CannotTell, login, domain, null, FtpResultCodes.RollbackFailed,
                null, readBack);
        }

        // HestiaCP confirmed the delete, so the read-back minus this account is what is true now (no second read).
        var after = readBack with { FtpAccounts = [.. readBack.FtpAccounts.Where(a => !string.Equals(a.Login, login, StringComparison.Ordinal))] };
        return new FtpCreateResult(FtpResultStatus.NotDone, login, domain, null, FtpResultCodes.FolderMissingRolledBack,
            new FtpRefusal(FtpResultCodes.FolderMissingRolledBack,
                "HestiaCP did not give the new account the requested folder, so it was deleted again; check the folder and try again.",
                nameof(CreateFtpAccountRequest.Folder)),
            after);
    }

    private async Task<FtpCreateResult> RefusedCreateAsync(IHestiaClient client, string user, string domain, string login, HestiaException ex,
        string? property, CancellationToken cancellationToken)
    {
        LogRefused(ex, login, domain);
        var read = await ReadBackAsync(client, user, domain, cancellationToken);
        return new FtpCreateResult(FtpResultStatus.NotDone, login, domain, null, FtpResultCodes.HestiaRefused, Refused(ex, property), read.Domain);
    }

    private static FtpCreateResult RuleRefusedCreate(string login, string domain, string property, RuleViolation violation) =>
        new(FtpResultStatus.NotDone, login, domain, null, null, new FtpRefusal(violation.ErrorCode, violation.Message, property), null);

    // ---------------------------------------------------------------- folder helpers

    /// <summary>
    /// The read-back after a folder change (or reset) to <paramref name="target"/> that HestiaCP confirmed or whose answer was
    /// lost: the requested folder is Done, <paramref name="old"/> (from the caller's domain) NotDone, anything else CannotTell.
    /// </summary>
    private async Task<FtpFolderChangeResult> SettleFolderAsync(IHestiaClient client, ChangeFtpFolderRequest request, string target, string old,
        bool wasReset, string? successReason, bool lost, CancellationToken cancellationToken)
    {
        var (login, domain) = (request.Login, request.Domain);
        var read = await ReadBackAsync(client, request.User, domain, cancellationToken);
        var account = read.Find(login);
        var actual = FolderOf(account);
        FtpFolderChangeResult Result(FtpResultStatus status, string? reason) =>
            new(status, login, domain, request.NormalizedFolder, actual, wasReset, reason, null, read.Domain);

        if (!lost)
        {
            return Result(FtpResultStatus.Done, successReason ?? (read.Succeeded ? null : FtpResultCodes.ReadBackFailed));
        }

        if (string.Equals(actual, target, StringComparison.Ordinal))
        {
            return Result(FtpResultStatus.Done, FtpResultCodes.ConfirmedAfterUnknown);
        }

        if ((read.Succeeded && account is null) || string.Equals(actual, old, StringComparison.Ordinal))
        {
            return Result(FtpResultStatus.NotDone, FtpResultCodes.NotAppliedAfterUnknown);
        }

        return Result(FtpResultStatus.CannotTell, FtpResultCodes.OutcomeUnknown);
    }

    private async Task<FtpFolderChangeResult> RefusedFolderAsync(IHestiaClient client, ChangeFtpFolderRequest request, HestiaException ex, bool wasReset,
        CancellationToken cancellationToken)
    {
        LogRefused(ex, request.Login, request.Domain);
        var read = await ReadBackAsync(client, request.User, request.Domain, cancellationToken);
        var property = ex.Code == HestiaReturnCode.Invalid ? InvalidArgumentProperty(ex, null, nameof(request.Folder)) : null;
        return new FtpFolderChangeResult(FtpResultStatus.NotDone, request.Login, request.Domain, request.NormalizedFolder, FolderOf(read.Find(request.Login)),
            wasReset, FtpResultCodes.HestiaRefused, Refused(ex, property), read.Domain);
    }

    // ---------------------------------------------------------------- shared

    /// <summary>Read is false when the read itself failed; Domain is null then, and when the domain no longer exists.</summary>
    private readonly record struct ReadBack(bool Succeeded, WebDomain? Domain)
    {
        public FtpAccount? Find(string login) => Domain is null ? null : FtpAccountService.Find(Domain, login);
    }

    /// <summary>The one read after a mutation (<c>v-list-web-domain</c>). Never throws a <see cref="HestiaException"/>.</summary>
    private async Task<ReadBack> ReadBackAsync(IHestiaClient client, string user, string domain, CancellationToken cancellationToken)
    {
        try
        {
            return new ReadBack(true, await client.GetWebDomainAsync(user, domain, cancellationToken));
        }
        catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist)
        {
            // The domain (or its user) is gone, and with it every FTP account of the domain.
            _logger.LogWarning("Domain {Domain} of {User} no longer exists on {Server}: {HestiaMessage}", domain, user, client.ServerName, ex.HestiaMessage);
            return new ReadBack(true, null);
        }
        catch (HestiaException ex)
        {
            _logger.LogWarning(ex, "Could not read back {Domain} of {User} on {Server}", domain, user, client.ServerName);
            return new ReadBack(false, null);
        }
    }

    /// <summary>
    /// HestiaCP refused the command and nothing was changed. Not a refusal: a lost answer, or HestiaCP refusing the
    /// dashboard's own credentials (a fault: the client pauses calls and the caller must see it).
    /// </summary>
    private static bool IsRefusal(HestiaException ex) => !ex.OutcomeUnknown && !ex.Code.IsAuthenticationFailure();

    private static FtpRefusal Refused(HestiaException ex, string? property) =>
        new(FtpResultCodes.HestiaRefused,
            ex.HestiaMessage.Length > 0 ? ex.HestiaMessage : $"HestiaCP refused {ex.Command} ({ex.Code}).",
            property, ex.Code);

    /// <summary>Which argument an exit 2 (E_INVALID) is about, from HestiaCP's message: PAM refusing a password, or a path.</summary>
    private static string? InvalidArgumentProperty(HestiaException ex, string? passwordProperty, string? folderProperty)
    {
        var message = ex.HestiaMessage;
        if (passwordProperty is not null && (message.Contains("PAM", StringComparison.Ordinal) || message.Contains("password", StringComparison.OrdinalIgnoreCase)))
        {
            return passwordProperty;
        }

        return folderProperty is not null && message.Contains("path", StringComparison.OrdinalIgnoreCase) ? folderProperty : null;
    }

    private void LogRefused(HestiaException ex, string login, string domain) =>
        _logger.LogWarning("HestiaCP refused {Command} for {Login} on {Domain}: {Code} {HestiaMessage}", ex.Command, login, domain, ex.Code, ex.HestiaMessage);

    private FtpRefusal? RefuseUnknownOrAmbiguous(WebDomain current, string login)
    {
        if (Find(current, login) is null)
        {
            var notFound = RuleViolation.Hestia(ValidationCodes.LoginNotFound, "this domain has no FTP account with that name.");
            return new FtpRefusal(notFound.ErrorCode, notFound.Message, "Login");
        }

        return RefuseAmbiguous(current, login);
    }

    private FtpRefusal? RefuseAmbiguous(WebDomain current, string login)
    {
        var ambiguous = FtpNames.AmbiguousWith(login, Logins(current));
        if (ambiguous.Count == 0)
        {
            return null;
        }

        _logger.LogWarning("Refusing to act on FTP login {Login} on {Domain}: '.' wildcard would match {Others}", login, current.Name, ambiguous);
        var violation = RuleViolation.Policy(ValidationCodes.LoginAmbiguous,
            "HestiaCP reads '.' in an FTP login as \"any character\", so this name could also hit another account of the domain; this dashboard will not send it. Use the HestiaCP panel for these accounts.");
        return new FtpRefusal(violation.ErrorCode, violation.Message, "Login");
    }

    private static void RequireCurrent(WebDomain current, string user, string domain)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!string.Equals(current.Name, domain, StringComparison.Ordinal) || !string.Equals(current.Owner, user, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The current domain ({current.Owner}/{current.Name}) is not the domain the request names ({user}/{domain}).", nameof(current));
        }
    }

    private static List<string> Logins(WebDomain domain) => [.. domain.FtpAccounts.Select(a => a.Login)];

    private static FtpAccount? Find(WebDomain domain, string login) =>
        domain.FtpAccounts.FirstOrDefault(a => string.Equals(a.Login, login, StringComparison.Ordinal));

    private static string? FolderOf(FtpAccount? account) => account is null ? null : FtpFolders.Normalize(account.Folder);
}
