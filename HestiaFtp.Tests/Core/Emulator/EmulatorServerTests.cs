using System.Net;
using HestiaFtp.Core.Emulator;

namespace HestiaFtp.Tests.Core.Emulator;

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
