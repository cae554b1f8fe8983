namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The dashboard for the flow tests. Every row of a flow class signs in on the same host from 127.0.0.1, and one flow
/// (bob, the suspended customer) fails on purpose in each row: the sign-in throttle's limits are raised so the rows do not
/// hold each other back, whatever order they run in.
/// </summary>
public sealed class FlowDashboardHost() : DashboardHost(new Dictionary<string, string?>
{
    ["Dashboard:MaxFailuresPerAddress"] = "100",
    ["Dashboard:MaxFailuresPerAccountAndAddress"] = "100",
    ["Dashboard:MaxFailuresPerAccount"] = "100",
    ["Dashboard:MaxFailuresPerDevice"] = "100",
});
