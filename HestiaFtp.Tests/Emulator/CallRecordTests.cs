using HestiaFtp.Emulator;

namespace HestiaFtp.Tests.Emulator;

/// <summary><see cref="CallRecord"/>: requests per access key, and mutations in flight at once (latency on a fake clock).</summary>
public sealed class CallRecordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EmulatorTestHost Host() => new(c => c.SetLatency(TimeSpan.FromSeconds(1), TimeSpan.Zero));

    private static EmulatorRequest Add(EmulatorTestHost host, string name) =>
        EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-add-web-domain-ftp", "alice", "example.com", name, "Passw0rd-1");

    [Fact]
    public async Task Enter_SecondMutationWhileTheFirstIsInFlight_CountsOneOverlap()
    {
        var host = Host();

        var first = host.Emulator.HandleAsync(Add(host, "one"), Ct);
        var second = host.Emulator.HandleAsync(Add(host, "two"), Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(first, second);

        Assert.Equal((2, 1), (host.Emulator.Calls.Mutations, host.Emulator.Calls.OverlappingMutations));
    }

    [Fact]
    public async Task Enter_MutationsOneAfterTheOtherAndReadsMeanwhile_NoOverlap()
    {
        var host = Host();

        var first = host.Emulator.HandleAsync(Add(host, "one"), Ct);
        var read = host.Emulator.HandleAsync(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-web-domains", "alice", "json"), Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(first, read);
        var second = host.Emulator.HandleAsync(Add(host, "two"), Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await second;

        Assert.Equal((2, 0), (host.Emulator.Calls.Mutations, host.Emulator.Calls.OverlappingMutations));
        Assert.Equal(new Dictionary<string, int> { [host.KeyId] = 3 }, host.Emulator.Calls.CallsByAccessKey);
    }

    [Fact]
    public async Task MostInFlight_ThreeReadsTogetherThenOne_IsThreeForThatCommandOnly()
    {
        var host = Host();
        EmulatorRequest List() => EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-web-domains", "alice", "json");

        var together = Enumerable.Range(0, 3).Select(_ => host.Emulator.HandleAsync(List(), Ct)).ToList();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(together);
        var alone = host.Emulator.HandleAsync(List(), Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await alone;

        Assert.Equal(3, host.Emulator.Calls.MostInFlight("v-list-web-domains"));
        Assert.Equal(0, host.Emulator.Calls.MostInFlight("v-list-users"));
        host.Emulator.Calls.Reset();
        Assert.Equal(0, host.Emulator.Calls.MostInFlight("v-list-web-domains"));
    }
}
