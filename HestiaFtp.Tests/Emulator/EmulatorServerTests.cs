using System.Net;
using System.Net.Sockets;
using HestiaFtp.Emulator;

namespace HestiaFtp.Tests.Emulator;

/// <summary>The Kestrel surface, fault injection and concurrency.</summary>
public sealed class EmulatorServerTests
{
    private static FormUrlEncodedContent AddFtpForm(EmulatorTestHost host, string name) => new(
    [
        new("access_key", host.KeyId), new("secret_key", host.Secret), new("cmd", "v-add-web-domain-ftp"),
        new("arg1", "alice"), new("arg2", "example.com"), new("arg3", name), new("arg4", "Passw0rd-1"),
    ]);

    [Theory]
    [InlineData("api/")]
    [InlineData("api/index.php")]
    public async Task StartAsync_ServesBothApiPaths(string path)
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.PostAsync(path, new FormUrlEncodedContent(
            [new("access_key", host.KeyId), new("secret_key", host.Secret), new("cmd", "v-list-web-domains"), new("arg1", "alice"), new("arg2", "json")]),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("Hestia-Exit-Code")));
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.Same(host.Emulator, server.Emulator);
    }

    [Theory]
    [InlineData("fm/", "File manager")]
    [InlineData("edit/web/?domain=%3Cb%3Eexample.com", "&lt;b&gt;example.com")]
    public async Task StartAsync_ServesPanelLinksAsSmallPages(string path, string expected)
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        // The dashboard's "File manager" and "Open in HestiaCP" links: no 404 in the demo, and no markup from the query.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("real HestiaCP", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http500AfterApplying_CreatesTheAccountButAnswers500()
    {
        var host = new EmulatorTestHost(c => c.FailNext("v-add-web-domain-ftp", EmulatorFault.Http500AfterApplying));
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var first = await http.PostAsync("api/", AddFtpForm(host, "u797"), TestContext.Current.CancellationToken);
        using var retry = await http.PostAsync("api/", AddFtpForm(host, "u797"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.False(first.Headers.Contains("Hestia-Exit-Code"));
        Assert.Equal("alice_u797", Assert.Single(host.Control.GetFtpAccounts("alice", "example.com")).Login);
        Assert.Equal(HttpStatusCode.BadRequest, retry.StatusCode); // the fault was consumed: now "already exists"
    }

    [Fact]
    public void Http500BeforeApplying_ChangesNothing()
    {
        var host = new EmulatorTestHost(c => c.FailNext("v-add-web-domain-ftp", EmulatorFault.Http500BeforeApplying, count: 2));

        var responses = Enumerable.Range(0, 3).Select(_ => host.Call("v-add-web-domain-ftp", "alice", "example.com", "b1", "Passw0rd-1").Status).ToList();

        Assert.Equal([500, 500, 204], responses);
    }

    [Fact]
    public void Faults_AreNotConsumedByRequestsRefusedBeforeTheCommand()
    {
        var host = new EmulatorTestHost(c => c.FailNext("v-add-web-domain-ftp", EmulatorFault.Http500BeforeApplying));

        var refused = host.Emulator.Handle(EmulatorTestHost.KeyForm(host.KeyId, new string('A', 40), "v-add-web-domain-ftp", "alice", "example.com", "x", "Passw0rd-1"));
        var faulted = host.Call("v-add-web-domain-ftp", "alice", "example.com", "x", "Passw0rd-1");

        Assert.Equal((401, 500), (refused.Status, faulted.Status));
    }

    [Fact]
    public async Task HangAfterApplying_TimesOutTheCallerButAppliesTheCommand()
    {
        var host = new EmulatorTestHost(c => c.FailNext("v-add-web-domain-ftp", EmulatorFault.HangAfterApplying));
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var post = http.PostAsync("api/", AddFtpForm(host, "hung"), cts.Token);
        while (host.Control.GetFtpAccounts("alice", "example.com").Count == 0)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken); // wait until the server applied it (no timing assertion)
        }

        Assert.False(post.IsCompleted); // still hanging after the command ran
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        Assert.Equal("alice_hung", Assert.Single(host.Control.GetFtpAccounts("alice", "example.com")).Login);
    }

    [Fact]
    public void Hang_SynchronousHandle_Throws()
    {
        var host = new EmulatorTestHost(c => c.FailNext("v-list-users", EmulatorFault.Hang));

        var ex = Assert.Throws<EmulatorHangException>(() => host.Call("v-list-users", "json"));

        Assert.Equal("v-list-users", ex.Command);
        Assert.Equal(200, host.Call("v-list-users", "json").Status);
    }

    [Fact]
    public async Task Delay_WaitsOnTheTimeProvider()
    {
        var host = new EmulatorTestHost(c => c.FailNext("v-list-users", EmulatorFault.Delay, delay: TimeSpan.FromSeconds(30)));
        var request = EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-users", "json");

        var pending = host.Emulator.HandleAsync(request, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var response = await pending;

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task ParallelAddsOfTheSameName_ExactlyOneSucceeds()
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var statuses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await http.PostAsync("api/", AddFtpForm(host, "race"), TestContext.Current.CancellationToken);
            return (int)response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == 204));
        Assert.Equal(23, statuses.Count(s => s == 400));
        Assert.Single(host.Control.GetFtpAccounts("alice", "example.com"));
        Assert.Equal(24, host.Emulator.CallCounts["v-add-web-domain-ftp"]);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FormUrlEncodedContent ListUsersForm(EmulatorTestHost host) =>
        new([new("access_key", host.KeyId), new("secret_key", host.Secret), new("cmd", "v-list-users"), new("arg1", "json")]);

    private static int ListUsersCalls(EmulatorTestHost host) => host.Emulator.CallCounts.GetValueOrDefault("v-list-users");

    /// <summary>Waits until the server has received the request (no timing assertion; fails after 30 s rather than hang).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "The server never received the request.");
            await Task.Delay(10, Ct);
        }
    }

    private static Task WaitForCallsAsync(EmulatorTestHost host, int calls) => WaitUntilAsync(() => ListUsersCalls(host) >= calls);

    private static async Task AssertRefusedAsync(Task<HttpResponseMessage> post)
    {
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => post);
        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(ex.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task SetOutageAsync_RefuseConnections_RefusesUntilNoneThenAnswersOnTheSameUrl()
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: Ct);
        var baseUrl = server.BaseUrl;
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var warm = await http.PostAsync("api/", ListUsersForm(host), Ct); // leaves a pooled keep-alive connection

        await server.SetOutageAsync(EmulatorOutage.RefuseConnections, Ct);
        await AssertRefusedAsync(http.PostAsync("api/", ListUsersForm(host), Ct)); // the pooled connection is gone too
        await AssertRefusedAsync(new HttpClient().PostAsync(new Uri(baseUrl, "api/"), ListUsersForm(host), Ct));
        var outage = server.Outage;
        await server.SetOutageAsync(EmulatorOutage.None, Ct);
        using var after = await http.PostAsync("api/", ListUsersForm(host), Ct);

        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        Assert.Equal(EmulatorOutage.RefuseConnections, outage);
        Assert.Equal(EmulatorOutage.None, server.Outage);
        Assert.Equal(baseUrl, server.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, ListUsersCalls(host)); // refused requests never reached the emulator
    }

    [Fact]
    public async Task SetOutageAsync_RefuseConnectionsWhileARequestWaits_AbortsIt()
    {
        var host = new EmulatorTestHost(c => c.SetLatency(TimeSpan.FromHours(1), TimeSpan.Zero), recordTimers: true);
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var inFlight = http.PostAsync("api/", ListUsersForm(host), Ct);
        await host.Timers!.NextTimerAsync(Ct); // the answer is waiting for the (fake) latency
        await server.SetOutageAsync(EmulatorOutage.RefuseConnections, Ct);

        await Assert.ThrowsAsync<HttpRequestException>(() => inFlight);
        Assert.Equal(1, ListUsersCalls(host));
    }

    [Fact]
    public async Task SetOutageAsync_NeverAnswer_CountsTheRequestAndHoldsItUntilTheClientTimesOut()
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var client = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await server.SetOutageAsync(EmulatorOutage.NeverAnswer, Ct);
        var post = http.PostAsync("api/", ListUsersForm(host), client.Token);
        await WaitForCallsAsync(host, 1); // the server read and counted it
        var answeredWhileHeld = post.IsCompleted;
        client.CancelAfter(TimeSpan.FromMilliseconds(300)); // the client's timeout, started once the request is known to be held
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => post);
        await server.SetOutageAsync(EmulatorOutage.None, Ct);
        using var after = await http.PostAsync("api/", ListUsersForm(host), Ct);

        Assert.False(answeredWhileHeld);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, ListUsersCalls(host)); // the held request counted once, whether or not it ran on release
    }

    [Fact]
    public async Task SetOutageAsync_NoneAfterNeverAnswer_RunsAndAnswersTheHeldRequest()
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        await server.SetOutageAsync(EmulatorOutage.NeverAnswer, Ct);
        var held = http.PostAsync("api/", AddFtpForm(host, "held"), Ct);
        await WaitUntilAsync(() => host.Emulator.CallCounts.GetValueOrDefault("v-add-web-domain-ftp") == 1);
        var ranWhileHeld = host.Control.GetFtpAccounts("alice", "example.com").Count;
        await server.SetOutageAsync(EmulatorOutage.None, Ct);
        using var response = await held;

        Assert.Equal(0, ranWhileHeld);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("alice_held", Assert.Single(host.Control.GetFtpAccounts("alice", "example.com")).Login);
        Assert.Equal(1, host.Emulator.CallCounts["v-add-web-domain-ftp"]); // counted on arrival, not again when run
    }

    [Fact]
    public async Task SetOutageAsync_NeverAnswerAfterRefuseConnections_AcceptsAndHolds()
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        await server.SetOutageAsync(EmulatorOutage.RefuseConnections, Ct);
        await server.SetOutageAsync(EmulatorOutage.NeverAnswer, Ct);
        var held = http.PostAsync("api/", ListUsersForm(host), Ct);
        await WaitForCallsAsync(host, 1);
        var answeredWhileHeld = held.IsCompleted;
        await server.SetOutageAsync(EmulatorOutage.RefuseConnections, Ct); // the held request is aborted, never answered

        await Assert.ThrowsAsync<HttpRequestException>(() => held);
        Assert.False(answeredWhileHeld);
        Assert.Equal(1, ListUsersCalls(host));
    }

    [Theory]
    [InlineData(EmulatorOutage.None)]
    [InlineData(EmulatorOutage.RefuseConnections)]
    [InlineData(EmulatorOutage.NeverAnswer)]
    public async Task DisposeAsync_InEveryOutage_StopsListeningAndAbortsHeldRequests(EmulatorOutage mode)
    {
        var host = new EmulatorTestHost();
        var server = await EmulatorServer.StartAsync(host.Emulator, ct: Ct);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        await server.SetOutageAsync(mode, Ct);
        Task<HttpResponseMessage>? held = null;
        if (mode == EmulatorOutage.NeverAnswer)
        {
            held = http.PostAsync("api/", ListUsersForm(host), Ct);
            await WaitForCallsAsync(host, 1);
        }

        await server.DisposeAsync();
        await server.DisposeAsync(); // idempotent

        if (held is not null)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => held);
        }

        await AssertRefusedAsync(http.PostAsync("api/", ListUsersForm(host), Ct));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => server.SetOutageAsync(EmulatorOutage.None, Ct));
    }

    [Fact]
    public async Task Get_Returns405()
    {
        var host = new EmulatorTestHost();
        await using var server = await EmulatorServer.StartAsync(host.Emulator, ct: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using var response = await http.GetAsync("api/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("405", Assert.Single(response.Headers.GetValues("Hestia-Exit-Code")));
    }
}
