using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Core.Validation;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Expiry;

/// <summary>What became of one end in a pass.</summary>
public enum ExpiryOutcome
{
    /// <summary>The account was deleted (or a read showed it already gone): the end is dropped.</summary>
    Deleted,

    /// <summary>A read showed the login gone, or another account under that login (other folder): the end is dropped, nothing deleted.</summary>
    Dropped,

    /// <summary>HestiaCP could not be read or did not confirm the delete: the end stays and is tried again later.</summary>
    Waiting,
}

/// <summary>
/// Carries out the claimed ends of one web domain: reads the domain once (<c>v-list-web-domain</c>), re-checks that each
/// account is still there under the same owner with the recorded folder, and deletes it through
/// <see cref="FtpAccountService.DeleteAsync"/> (one mutation and one read-back, the same path as a manual delete). The
/// read-back of one delete is what the next account of the domain is checked against, so a domain with n ends costs one
/// read plus n deletes with their read-backs. Never resends: after a refusal or a lost answer the end is given back and the
/// next pass reads again. Every delete is in the activity log as done by the dashboard on the customer's behalf.
/// </summary>
public sealed class ExpiryRemoval(
    IHestiaClientProvider clients,
    AccountReader reader,
    IAccountStore store,
    IServerHealth health,
    FtpAccountService service,
    IAuditLog audit,
    IExpiryStore expiries,
    ExpiryChanges changes,
    TimeProvider time,
    ILogger<ExpiryRemoval> logger,
    InteractiveMutations? interactive = null)
{
    /// <summary>
    /// <paramref name="claimed"/>: ends of one server, user and domain, claimed by <paramref name="owner"/>.
    /// <paramref name="pace"/> runs before each delete except the first (before the first too when <paramref name="paceFirst"/>:
    /// an earlier domain of the pass already deleted on this server). Returns each end's outcome.
    /// </summary>
    public async Task<IReadOnlyList<(FtpExpiry Expiry, ExpiryOutcome Outcome)>> CarryOutAsync(IReadOnlyList<FtpExpiry> claimed, string owner,
        DateTimeOffset retryAt, Func<Task> pace, bool paceFirst, CancellationToken cancellationToken)
    {
        var outcomes = new List<(FtpExpiry, ExpiryOutcome)>();
        var first = claimed[0].Key;
        var account = first.Account;
        var client = clients.Get(first.Server);

        var waitReason = WaitReason(first.Server);
        WebDomain? web = null;
        if (waitReason is null)
        {
            var sequence = store.NextSequence();
            var at = time.GetUtcNow();
            try
            {
                web = await client.GetWebDomainAsync(first.User, first.Domain, cancellationToken).ConfigureAwait(false);
                reader.ApplyReadBack(account, first.Domain, web, sequence, at);
            }
            catch (HestiaException ex) when (ex.Code == HestiaReturnCode.NotExist)
            {
                web = null;
            }
            catch (HestiaException ex)
            {
                logger.LogWarning("Ends on {Account}/{Domain} wait: reading the domain failed ({Code})", account, first.Domain, ex.Code);
                waitReason = ex.Code.IsAuthenticationFailure() ? ExpiryProblems.CredentialsRefused : ExpiryProblems.Unreachable;
            }
        }

        if (waitReason is not null)
        {
            foreach (var expiry in claimed)
            {
                await expiries.ReleaseAsync(expiry.Key, owner, waitReason, retryAt, CancellationToken.None).ConfigureAwait(false);
                outcomes.Add((expiry, ExpiryOutcome.Waiting));
            }
            changes.Publish(account);
            return outcomes;
        }

        var deletes = paceFirst ? 1 : 0;
        foreach (var expiry in claimed)
        {
            var outcome = await CarryOutOneAsync(client, expiry, web, owner, retryAt, deletes > 0 ? pace : null, cancellationToken).ConfigureAwait(false);
            if (outcome.Sent)
            {
                deletes++;
            }
            web = outcome.Domain;
            outcomes.Add((expiry, outcome.Outcome));
        }
        changes.Publish(account);
        return outcomes;
    }

    private async Task<(ExpiryOutcome Outcome, WebDomain? Domain, bool Sent)> CarryOutOneAsync(IHestiaClient client, FtpExpiry expiry, WebDomain? web,
        string owner, DateTimeOffset retryAt, Func<Task>? pace, CancellationToken cancellationToken)
    {
        var key = expiry.Key;
        var found = web?.FtpAccounts.FirstOrDefault(a => string.Equals(a.Login, key.Login, StringComparison.Ordinal));
        if (web is null || found is null || !string.Equals(web.Owner, key.User, StringComparison.Ordinal)
            || !string.Equals(web.Name, key.Domain, StringComparison.Ordinal))
        {
            // Deleted out of band (or the domain went): the end has nothing left to do.
            logger.LogInformation("End of {Expiry} dropped: the login is no longer on the domain", key);
            await expiries.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
            return (ExpiryOutcome.Dropped, web, false);
        }

        if (!string.Equals(FtpFolders.Normalize(found.Folder), expiry.Folder, StringComparison.Ordinal))
        {
            // HestiaCP has no rename: the same login with another folder is an account made after the end was set.
            logger.LogWarning("End of {Expiry} dropped without deleting: the login now has another folder than recorded", key);
            await expiries.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
            await RecordAsync(expiry, $"{AuditOutcomes.Failed}: {ExpiryReasons.FolderChanged}").ConfigureAwait(false);
            return (ExpiryOutcome.Dropped, web, false);
        }

        if (WaitReason(key.Server) is { } reason)
        {
            await expiries.ReleaseAsync(key, owner, reason, retryAt, CancellationToken.None).ConfigureAwait(false);
            return (ExpiryOutcome.Waiting, web, false);
        }

        if (pace is not null)
        {
            await pace().ConfigureAwait(false);
        }
        if (interactive is not null)
        {
            // People's changes on this server go first; the per-server lock then serializes the rest.
            await interactive.WhenIdleAsync(key.Server, cancellationToken).ConfigureAwait(false);
        }

        long auditId;
        try
        {
            auditId = await audit.RecordAsync(Entry(expiry, AuditOutcomes.Pending), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "End of {Expiry} waits: the activity log could not be written, so nothing was sent", key);
            await expiries.ReleaseAsync(key, owner, ExpiryProblems.Unknown, retryAt, CancellationToken.None).ConfigureAwait(false);
            return (ExpiryOutcome.Waiting, web, false);
        }

        var sequence = store.NextSequence();
        var at = time.GetUtcNow();
        FtpDeleteResult result;
        try
        {
            result = await service.DeleteAsync(client, new DeleteFtpAccountRequest(key.User, key.Domain, key.Login), web, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HestiaException ex)
        {
            // Nothing was sent (the lock wait ran out, the breaker opened): wait.
            await CompleteAsync(auditId, $"{AuditOutcomes.Failed}: {AuditOutcomes.FaultCodePrefix}{ex.Code}").ConfigureAwait(false);
            await expiries.ReleaseAsync(key, owner, ex.Code.IsAuthenticationFailure() ? ExpiryProblems.CredentialsRefused : ExpiryProblems.Unreachable,
                retryAt, CancellationToken.None).ConfigureAwait(false);
            return (ExpiryOutcome.Waiting, web, false);
        }

        if (result.ReadBack is { } readBack)
        {
            reader.ApplyReadBack(key.Account, key.Domain, readBack, sequence, at);
        }
        await CompleteAsync(auditId, FtpDashboard.AuditOutcomeOf(result)).ConfigureAwait(false);
        var next = result.ReadBack ?? web;

        if (result.Status == FtpResultStatus.Done)
        {
            await expiries.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
            logger.LogInformation("End of {Expiry} carried out: the account was deleted", key);
            return (ExpiryOutcome.Deleted, next, true);
        }

        var problem = result.Status == FtpResultStatus.NotDone && result.Refusal is not null ? ExpiryProblems.Refused : ExpiryProblems.Unknown;
        logger.LogWarning("End of {Expiry} waits: the delete was not confirmed ({Status}, {Reason}); the next pass reads first", key, result.Status, result.ReasonCode);
        await expiries.ReleaseAsync(key, owner, problem, retryAt, CancellationToken.None).ConfigureAwait(false);
        return (ExpiryOutcome.Waiting, next, true);
    }

    private string? WaitReason(string server)
    {
        var status = health.Get(server);
        return status.CredentialsRefused ? ExpiryProblems.CredentialsRefused
            : !health.TryReserveCall(server) ? ExpiryProblems.Unreachable
            : null;
    }

    private AuditEntry Entry(FtpExpiry expiry, string outcome) =>
        new(0, time.GetUtcNow(), expiry.SetBy, expiry.Key.Server, expiry.Key.User, expiry.Key.Domain, expiry.Key.Login,
            AuditActions.DeleteFtpAccount, AuditDetails.Expired, outcome, AuditActorKinds.Dashboard);

    private async Task RecordAsync(FtpExpiry expiry, string outcome)
    {
        try
        {
            await audit.RecordAsync(Entry(expiry, outcome), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Activity log entry for the end of {Expiry} could not be written", expiry.Key);
        }
    }

    private async Task CompleteAsync(long id, string outcome)
    {
        try
        {
            await audit.CompleteAsync(id, outcome, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Activity log outcome of entry {Id} could not be written (the entry stays 'pending')", id);
        }
    }
}

/// <summary>Reason codes of the activity log entries the job writes.</summary>
public static class ExpiryReasons
{
    /// <summary>The login exists with another folder than recorded: not deleted (a new account under the old name).</summary>
    public const string FolderChanged = "expiry.folder_changed";
}
