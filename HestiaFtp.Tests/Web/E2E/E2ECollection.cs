namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// WebApplicationFactory finds the app's host by listening to every host built in the process while Program runs, and the
/// emulator (and other tests) build hosts too. Browser tests therefore run alone, after the parallel tests, one class at a
/// time, so the factory can only ever see the dashboard's own host.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class E2ECollection
{
    public const string Name = "E2E (runs alone)";
}
