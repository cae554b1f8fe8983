using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>One account a bulk action works on.</summary>
public sealed record BulkTarget(string Domain, string Login);

public enum BulkItemState
{
    Done,

    /// <summary>Not done: refused (by a rule or HestiaCP) or failed before anything was sent.</summary>
    Failed,

    /// <summary>HestiaCP's answer was lost and no read could tell (a password): do it again.</summary>
    Unknown,

    /// <summary>Not tried: the batch stopped at an outage.</summary>
    NotTried,
}

/// <summary>What became of one account; <see cref="Reason"/> in the reader's words when not done.</summary>
public sealed record BulkItemResult(BulkTarget Target, BulkItemState State, string? Reason);

/// <summary>
/// Runs a bulk action one account after the other through the dashboard (each login authorized there, each account one
/// mutation with its read-back; outcomes lost in transit are read back by the service, never sent again). A refusal or
/// fault on one account does not stop the others; an outage (the server marked unreachable, HestiaCP refusing the
/// dashboard's credentials) stops the batch, and the rest are reported as not tried.
/// </summary>
public static class BulkRun
{
    public static async Task<IReadOnlyList<BulkItemResult>> RunAsync(
        IReadOnlyList<BulkTarget> targets,
        Func<BulkTarget, Task<IFtpResult>> act,
        Func<BulkItemResult, Task> progress,
        IStringLocalizer<Strings> l)
    {
        var results = new List<BulkItemResult>(targets.Count);
        string? stoppedBecause = null;
        foreach (var target in targets)
        {
            BulkItemResult result;
            if (stoppedBecause is not null)
            {
                result = new(target, BulkItemState.NotTried, stoppedBecause);
            }
            else
            {
                try
                {
                    var outcome = await act(target);
                    result = outcome.Status switch
                    {
                        FtpResultStatus.Done => new(target, BulkItemState.Done, null),
                        FtpResultStatus.NotDone => new(target, BulkItemState.Failed, DashboardErrors.Describe(outcome, l)?.Message),
                        _ => new(target, BulkItemState.Unknown, DashboardErrors.Describe(outcome, l)?.Message),
                    };
                }
                catch (Exception ex) when (IsOutage(ex))
                {
                    stoppedBecause = DashboardErrors.Describe(ex, l).Message;
                    result = new(target, BulkItemState.NotTried, stoppedBecause);
                }
                catch (Exception ex)
                {
                    result = new(target, BulkItemState.Failed, DashboardErrors.Describe(ex, l).Message);
                }
            }
            results.Add(result);
            await progress(result);
        }
        return results;
    }

    private static bool IsOutage(Exception ex) =>
        ex is ServerUnavailableException
        || (ex is HestiaException h && (h.Code == HestiaReturnCode.Connect || h.Code.IsAuthenticationFailure()));
}
