using System.Runtime.CompilerServices;

namespace HestiaFtp.Tests.TestSupport;

internal static class BunitDefaults
{
    /// <summary>
    /// bUnit's WaitFor* give up after one second by default. The full suite runs browser, HTTP and component tests in
    /// parallel on two cores, where a render can take longer; waiting longer changes no outcome, it only avoids false alarms.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
}
