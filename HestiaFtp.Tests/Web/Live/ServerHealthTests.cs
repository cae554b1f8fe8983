using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace HestiaFtp.Tests.Web.Live;

public sealed class ServerHealthTests
{
    private const string Server = "web1";
    private static readonly AccountKey Alice = new(Server, "alice");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly LiveOptions _options = new();
    private readonly InProcessChangeFeed _feed;
    private readonly ServerHealth _health;

    public ServerHealthTests()
    {
        _feed = new InProcessChangeFeed(MsOptions.Create(_options), _time, NullLogger<InProcessChangeFeed>.Instance);
        var hestia = new HestiaOptions { Servers = [new HestiaClientOptions { Name = Server, BaseUrl = new Uri("https://panel.example.net:8083/") }] };
        _health = new ServerHealth(MsOptions.Create(hestia), _feed, _time, MsOptions.Create(_options), NullLogger<ServerHealth>.Instance);
    }

    private static HestiaCallRecord Call(HestiaCallOutcome outcome, string? error = null) =>
        new(Server, HestiaCommands.ListWebDomains, false, outcome, TimeSpan.FromMilliseconds(5), error);

    [Fact]
    public async Task OnCallCompleted_FirstTransportFailure_MarksUnreachableAndTellsEveryWatchingPageAtOnce()
    {
        var received = new Received<AccountUpdate>();
        using var subscription = _feed.Subscribe(Alice, received.Handle);

        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed, "connection refused"));

        var update = await received.FirstAsync(u => !u.Status.Reachable);
        Assert.Equal((false, _time.GetUtcNow(), "connection refused"), (update.Status.Reachable, update.Status.UnreachableSince, update.Status.LastError));
        Assert.False(_health.Get(Server).Reachable);
    }

    [Theory]
    [InlineData(HestiaCallOutcome.Answered)]
    public async Task OnCallCompleted_AnyAnswerAfterAnOutage_ClearsItEverywhere(HestiaCallOutcome outcome)
    {
        var received = new Received<AccountUpdate>();
        using var subscription = _feed.Subscribe(Alice, received.Handle);
        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed));

        _time.Advance(TimeSpan.FromSeconds(7));
        _health.OnCallCompleted(Call(outcome));

        var update = await received.FirstAsync(u => u.Status.Reachable);
        Assert.Null(update.Status.UnreachableSince);
        Assert.Equal(_time.GetUtcNow(), update.Status.LastSuccess);
        Assert.True(_health.Get(Server).Reachable);
    }

    [Fact]
    public void OnCallCompleted_RepeatedFailures_AnnounceTheOutageOnce()
    {
        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed));
        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed));
        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed));

        Assert.Single(_feed.RecentEvents, e => e.Kind == LiveEventKind.Status);
        Assert.Equal(3, _health.Get(Server).ConsecutiveFailures);
    }

    [Fact]
    public void OnCallCompleted_AnswersWhileReachable_AnnounceNothing()
    {
        _health.OnCallCompleted(Call(HestiaCallOutcome.Answered));
        _health.OnCallCompleted(Call(HestiaCallOutcome.Answered));

        Assert.Empty(_feed.RecentEvents);
    }

    [Fact]
    public void OnCallCompleted_CredentialsRefused_SaysSo()
    {
        _health.OnCallCompleted(Call(HestiaCallOutcome.CredentialsRefused, "Error: authentication failed"));

        var status = _health.Get(Server);
        Assert.True(status.CredentialsRefused);
        Assert.False(status.Reachable);
    }

    [Fact]
    public void OnCallCompleted_UnknownServer_IsIgnored()
    {
        _health.OnCallCompleted(new HestiaCallRecord("elsewhere", HestiaCommands.ListUsers, false, HestiaCallOutcome.TransportFailed, TimeSpan.Zero, null));

        Assert.True(_health.Get(Server).Reachable);
    }

    [Fact]
    public void TryReserveCall_WhileReachable_AlwaysAllows() =>
        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(_health.TryReserveCall(Server)));

    [Fact]
    public void TryReserveCall_WhileUnreachable_AllowsOneProbePerInterval()
    {
        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed));

        // The failing call itself was the last attempt.
        Assert.False(_health.TryReserveCall(Server));
        _time.Advance(_options.ProbeInterval);
        Assert.True(_health.TryReserveCall(Server));
        Assert.False(_health.TryReserveCall(Server));
        _time.Advance(_options.ProbeInterval - TimeSpan.FromMilliseconds(1));
        Assert.False(_health.TryReserveCall(Server));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_health.TryReserveCall(Server));
    }

    [Fact]
    public void MarkChecked_MovesLastCheckedAndNextCheck()
    {
        var next = _time.GetUtcNow().AddSeconds(10);

        _health.MarkChecked(Server, next);

        Assert.Equal((_time.GetUtcNow(), next), (_health.Get(Server).LastChecked!.Value, _health.Get(Server).NextCheck!.Value));
    }

    [Fact]
    public void TryReserveCall_AProbeThatFailsLate_DoesNotPushTheNextProbeBack()
    {
        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed));
        _time.Advance(_options.ProbeInterval);
        Assert.True(_health.TryReserveCall(Server));

        // The probe hangs until the read deadline and fails 4 s after it was sent.
        _time.Advance(TimeSpan.FromSeconds(4));
        _health.OnCallCompleted(Call(HestiaCallOutcome.TransportFailed));
        _time.Advance(_options.ProbeInterval - TimeSpan.FromSeconds(4));

        Assert.True(_health.TryReserveCall(Server));
    }
}
