using System.Net;
using System.Net.Http.Json;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Standalone;
using HestiaFtp.Tests.Emulator.Standalone;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Emulator.Hosting;

/// <summary>The control endpoint of the standalone emulator (demo data), over loopback HTTP.</summary>
public sealed class ControlEndpointTests : IAsyncLifetime
{
    private const string Media = "/home/alice/web/alice-dev.org/public_html";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero));
    private readonly RecordingTimeProvider _timers;
    private StandaloneHost _host = null!;

    public ControlEndpointTests() => _timers = new RecordingTimeProvider(_time);

    private static CancellationToken Ct => StandaloneHost.Ct;

    public async ValueTask InitializeAsync() => _host = await StandaloneHost.StartAsync(time: _timers);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Control_WithoutAToken_IsNotServed()
    {
        await using var host = await StandaloneHost.StartAsync(secrets: StandaloneHost.Secrets(control: false));

        using var response = await host.ControlAsync(HttpMethod.Get, "calls");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(host.Emulator.ControlUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("control-token-for-tests-0124")]
    [InlineData("control-token-for-tests-0123x")]
    [InlineData("control-token")]
    public async Task Control_WithoutTheRightBearerToken_Answers401AndChangesNothing(string? token)
    {
        using var response = await _host.ControlAsync(HttpMethod.Post, "folder", new { path = Media + "/nope", owner = "alice" }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain(await _host.ListFolderAsync("alice", Media), l => l.EndsWith("|nope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ControlTokenOnANonLoopbackAddress_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<EmulatorStartException>(() => StandaloneEmulator.StartAsync(
            new EmulatorCommandLine { Url = new Uri("http://0.0.0.0:0/"), Demo = true }, StandaloneHost.Secrets(), ct: Ct));

        Assert.Contains("non-loopback address 0.0.0.0", ex.Message, StringComparison.Ordinal);
        var server = await Assert.ThrowsAsync<InvalidOperationException>(() => EmulatorServer.StartAsync(HestiaEmulator.CreateDemo(),
            new EmulatorServerOptions { Address = IPAddress.Parse("192.0.2.10"), ControlToken = StandaloneHost.Token }, Ct));
        Assert.Contains("non-loopback", server.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_CreatesItWithOwnerGroupAndMode()
    {
        using var response = await _host.ControlAsync(HttpMethod.Post, "folder",
            new { path = Media + "/reports", owner = "alice", group = "www-data", mode = "0750" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("d|750|||alice|www-data|4096|reports", await _host.ListFolderAsync("alice", Media));
    }

    [Fact]
    public async Task File_CreatesItWithOwnerGroupModeAndSize()
    {
        using var response = await _host.ControlAsync(HttpMethod.Post, "file",
            new { path = Media + "/backup.zip", owner = "alice", group = "alice", mode = "600", size = 1_048_576 });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("f|600|||alice|alice|1048576|backup.zip", await _host.ListFolderAsync("alice", Media));
    }

    [Fact]
    public async Task Symlink_CreatesALinkSizedByItsTarget()
    {
        const string target = "/var/log/nginx/domains/alice-dev.org.log";
        using var response = await _host.ControlAsync(HttpMethod.Post, "symlink",
            new { path = "/home/alice/web/alice-dev.org/logs/alice-dev.org.log", target, owner = "root" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains($"l|777|||root|root|{target.Length}|alice-dev.org.log",
            await _host.ListFolderAsync("alice", "/home/alice/web/alice-dev.org/logs"));
    }

    [Theory]
    [InlineData("folder", """{"path":"relative/path","owner":"alice"}""", "absolute path")]
    [InlineData("folder", """{"path":"/home/alice/../root","owner":"alice"}""", "absolute path")]
    [InlineData("folder", """{"path":"/home/alice/x"}""", "owner is required")]
    [InlineData("folder", """{"path":"/home/alice/x","owner":"alice","mode":"999"}""", "mode must be octal")]
    [InlineData("file", """{"path":"/home/alice/x","owner":"alice","size":-1}""", "size must be")]
    [InlineData("fault", """{"command":"v-list-users","fault":"Explode"}""", "fault must be one of")]
    [InlineData("latency", """{"perCallMs":"slow"}""", "perCallMs must be")]
    [InlineData("outage", """{"mode":"RefuseConnections"}""", "forMs")]
    public async Task Operation_WithABadBody_Answers400WithTheReason(string operation, string json, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.Emulator.Server.BaseUrl, "_emulator/" + operation))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", StandaloneHost.Token);
        using var response = await _host.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<ErrorBody>(Ct))!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOperation_Answers404()
    {
        using var response = await _host.ControlAsync(HttpMethod.Post, "shell", new { command = "rm -rf /" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Fault_FailsTheNextCallOfThatCommandOnly()
    {
        using var set = await _host.ControlAsync(HttpMethod.Post, "fault", new { command = "v-list-users", fault = "Http500BeforeApplying" });

        using var first = await _host.ApiAsync("v-list-users", "json");
        using var second = await _host.ApiAsync("v-list-users", "json");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.False(first.Headers.Contains("Hestia-Exit-Code"));
    }

    [Fact]
    public async Task Latency_HoldsTheAnswerOnTheEmulatorsClock()
    {
        using var set = await _host.ControlAsync(HttpMethod.Post, "latency", new { perCallMs = 1500, perRecordMs = 0 });

        var call = _host.ApiAsync("v-list-users", "json");
        var wait = await _timers.NextTimerAsync(Ct); // the command ran; its answer waits for this timer
        var answeredEarly = call.IsCompleted;
        _time.Advance(wait);
        using var answered = await call;

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), wait);
        Assert.False(answeredEarly);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Outage_NeverAnswer_HoldsApiCallsWhileTheControlEndpointStillAnswers()
    {
        using var set = await _host.ControlAsync(HttpMethod.Post, "outage", new { mode = "NeverAnswer" });
        var call = _host.ApiAsync("v-list-users", "json");
        await WaitUntilCountedAsync("v-list-users", 1);
        Assert.False(call.IsCompleted);

        using var back = await _host.ControlAsync(HttpMethod.Post, "outage", new { mode = "None" });
        using var answered = await call;

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (set.StatusCode, back.StatusCode));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Outage_RefuseConnections_ClosesThePortForTheTimeGiven()
    {
        using var set = await _host.ControlAsync(HttpMethod.Post, "outage", new { mode = "RefuseConnections", forMs = 60_000 });
        await _host.Emulator.Server.RefusalStarted;

        using var refusedClient = new HttpClient();
        var refused = await Record.ExceptionAsync(() => refusedClient.GetAsync(_host.Emulator.ApiUrl, Ct));
        var refusal = await _timers.NextTimerAsync(Ct);
        _time.Advance(refusal);
        await _host.Emulator.Server.RefusalEnded;
        using var served = await _host.ApiAsync("v-list-users", "json");

        Assert.Equal(HttpStatusCode.Accepted, set.StatusCode);
        Assert.IsType<HttpRequestException>(refused);
        Assert.Equal(TimeSpan.FromSeconds(60), refusal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Calls_CountsPerCommand_AndDeleteResetsThem()
    {
        await _host.ApiTextAsync("v-list-users", "json");
        await _host.ApiTextAsync("v-list-users", "json");
        await _host.ApiTextAsync("v-list-user", "alice", "json");

        var counts = await ReadCallsAsync();
        using var reset = await _host.ControlAsync(HttpMethod.Delete, "calls");

        Assert.Equal(new Dictionary<string, int> { ["v-list-users"] = 2, ["v-list-user"] = 1 }, counts);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(await ReadCallsAsync());
    }

    [Fact]
    public async Task Reset_BringsBackTheStartState_WithTheSecretsStillApplied()
    {
        await _host.ControlAsync(HttpMethod.Post, "folder", new { path = Media + "/temp", owner = "alice" });
        await _host.ApiTextAsync("v-add-web-domain-ftp", "alice", "alice-dev.org", "extra", "Extra-Pass-2026");
        await _host.ControlAsync(HttpMethod.Post, "fault", new { command = "v-list-users", fault = "Http500BeforeApplying" });

        using var reset = await _host.ControlAsync(HttpMethod.Post, "reset");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.DoesNotContain(await _host.ListFolderAsync("alice", Media), l => l.EndsWith("|temp", StringComparison.Ordinal));
        Assert.DoesNotContain("alice_extra", await _host.ApiTextAsync("v-list-web-domain", "alice", "alice-dev.org", "json"), StringComparison.Ordinal);
        Assert.Contains("\"carol\"", await _host.ApiTextAsync("v-list-users", "json"), StringComparison.Ordinal); // key kept, fault gone
    }

    private async Task<Dictionary<string, int>> ReadCallsAsync()
    {
        using var response = await _host.ControlAsync(HttpMethod.Get, "calls");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, int>>(Ct))!;
    }

    /// <summary>Awaits the emulator's own count of a request that arrived (it counts on arrival, before any wait).</summary>
    private async Task WaitUntilCountedAsync(string command, int count)
    {
        while (_host.Emulator.Emulator.CallCounts.GetValueOrDefault(command) < count)
        {
            await Task.Yield();
            await Task.Delay(1, Ct); // real time: only lets the request reach the server; the assertion does not depend on it
        }
    }

    private sealed record ErrorBody(string Error);
}
