using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.Auth;

/// <summary>What support staff may do to an account's dashboard sign-ins (it changes nothing on HestiaCP).</summary>
public interface IAccountSessions
{
    /// <summary>
    /// Support only: ends every session of the account (each open circuit shows the sign-in page at its next
    /// revalidation, each copied cookie is refused at once) and forgets its trusted devices. Returns how many sessions
    /// were active. Recorded in the activity log, which the customer sees too.
    /// </summary>
    Task<int> EndAllAsync(AccountKey account, CancellationToken cancellationToken);
}

public sealed class AccountSessions(
    CurrentUser currentUser,
    DashboardSessions sessions,
    DeviceCookies devices,
    IAuditLog audit,
    TimeProvider time,
    ILogger<AccountSessions> logger) : IAccountSessions
{
    public async Task<int> EndAllAsync(AccountKey account, CancellationToken cancellationToken)
    {
        var user = await currentUser.RequireAsync();
        if (!user.IsSupport)
        {
            throw new DashboardAccessException(DashboardAccessException.Reason.OtherAccount);
        }
        long id;
        try
        {
            id = await audit.RecordAsync(new AuditEntry(0, time.GetUtcNow(), user.Name, account.Server, account.User, null, null,
                AuditActions.EndSessions, AuditDetails.SessionsEnded, AuditOutcomes.Pending), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Ending the sessions of {Account} refused: the activity log is unavailable", account);
            throw new DashboardAccessException(DashboardAccessException.Reason.AuditUnavailable);
        }
        var ended = await sessions.EndAllAsync(account, SessionEndReasons.EndedBySupport, CancellationToken.None);
        var forgotten = await devices.RevokeAllAsync(account.Server, account.User, CancellationToken.None);
        await audit.CompleteAsync(id, AuditOutcomes.Succeeded, null, CancellationToken.None);
        logger.LogWarning("{Staff} ended {Sessions} sessions and forgot {Devices} devices of {Account}", user.Name, ended, forgotten, account);
        return ended;
    }
}
