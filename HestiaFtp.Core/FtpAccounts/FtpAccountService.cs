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
    /// <summary>How many generated names a quick create tries.</summary>
    public const int MaxQuickCreateAttempts = 5;

    private readonly ICredentialGenerator _generator;
    private readonly ILogger<FtpAccountService> _logger;

    public FtpAccountService(ICredentialGenerator generator, ILogger<FtpAccountService> logger)
    {
        _generator = generator;
        _logger = logger;
    }

    /// <summary>Quick add: generated login and password at the domain root. Calls: add + read-back (+1 add per generated login already taken).</summary>
    public Task<FtpCreateResult> QuickCreateAsync(IHestiaClient client, QuickCreateFtpAccountRequest request, WebDomain current, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Add with a chosen login, password and optional folder. Calls: folder check (non-root only) + add + read-back (+1 rollback delete).</summary>
    public Task<FtpCreateResult> CreateAsync(IHestiaClient client, CreateFtpAccountRequest request, WebDomain current, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Calls: change + read-back.</summary>
    public Task<FtpPasswordChangeResult> ChangePasswordAsync(IHestiaClient client, ChangeFtpPasswordRequest request, WebDomain current, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Calls: folder check (non-root only) + change + read-back (+1 reset to root when HestiaCP refuses the folder).</summary>
    public Task<FtpFolderChangeResult> ChangeFolderAsync(IHestiaClient client, ChangeFtpFolderRequest request, WebDomain current, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Calls: delete + read-back.</summary>
    public Task<FtpDeleteResult> DeleteAsync(IHestiaClient client, DeleteFtpAccountRequest request, WebDomain current, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
