using HestiaFtp.Web.Dashboard;

namespace HestiaFtp.Tests.Web.Dashboard;

public class InteractiveMutationsTests
{
    [Fact]
    public void WhenIdleAsync_NothingRunning_CompletesAtOnce() =>
        Assert.True(new InteractiveMutations().WhenIdleAsync("web1", CancellationToken.None).IsCompletedSuccessfully);

    [Fact]
    public async Task WhenIdleAsync_TwoChangesRunning_CompletesAfterTheLastEnds_OtherServersNotHeld()
    {
        var mutations = new InteractiveMutations();
        var first = mutations.Enter("web1");
        var second = mutations.Enter("web1");

        var idle = mutations.WhenIdleAsync("web1", CancellationToken.None);
        var other = mutations.WhenIdleAsync("web2", CancellationToken.None);
        first.Dispose();
        first.Dispose();
        var afterFirst = idle.IsCompleted;
        second.Dispose();
        await idle.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.False(afterFirst);
        Assert.True(other.IsCompletedSuccessfully);
        Assert.True(mutations.WhenIdleAsync("web1", CancellationToken.None).IsCompletedSuccessfully);
    }
}
