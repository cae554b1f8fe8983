using System.Net;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HestiaFtp.Tests.Core.Hestia;

/// <summary>Exact wire behaviour of <see cref="HestiaClient"/> against a scripted HttpMessageHandler.</summary>
public sealed class HestiaClientWireTests
{
    private const string KeyId = "AbCdEfGhIjKlMnOpQrSt";
    private const string Secret = "s3cr3t_s3cr3t-s3cr3t=s3cr3t_s3cr3t-s3cr3";
    private const string LegacyPassword = "Legacy-Admin-Pass-7";
    private const string FtpPassword = "Ftp-P@ss:w\"o rd$1";
    private const string Ip = "203.0.113.7";

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static HestiaClient Client(
        StubHandler handler,
        Action<HestiaClientOptions>? configure = null,
        HestiaServerState? state = null,
        TimeProvider? time = null,
        ILogger<HestiaClient>? logger = null,
        Action? onCreate = null,
        params IHestiaCallObserver[] observers)
    {
        var options = new HestiaClientOptions
        {
            Name = "web1",
            BaseUrl = new Uri("https://panel.example.net:8083/"),
            AccessKey = KeyId,
            SecretKey = Secret,
            ReadRetries = 2,
        };
        configure?.Invoke(options);
        return new HestiaClient(
            () =>
            {
                onCreate?.Invoke();
                return new HttpClient(handler, disposeHandler: false);
            },
            options, state ?? new HestiaServerState(), observers, time ?? new ManualTime(), logger ?? NullLogger<HestiaClient>.Instance);
    }

    private static void Legacy(HestiaClientOptions o)
    {
        o.AccessKey = null;
        o.SecretKey = null;
        o.LegacyUser = "admin";
        o.LegacyPassword = LegacyPassword;
    }

    private static StubHandler NoContent() => StubHandler.Always(HttpStatusCode.NoContent, "", 0);

    // ---------------------------------------------------------------- form fields

    public static TheoryData<string, string[]> Operations() => new()
    {
        { "list-users", [HestiaCommands.ListUsers, "json"] },
        { "get-user", [HestiaCommands.ListUser, "alice", "json"] },
        { "list-domains", [HestiaCommands.ListWebDomains, "alice", "json"] },
        { "get-domain", [HestiaCommands.ListWebDomain, "alice", "example.com", "json"] },
        { "check-password", [HestiaCommands.CheckUserPassword, "alice", FtpPassword, Ip] },
        { "add", [HestiaCommands.AddWebDomainFtp, "alice", "example.com", "ftp1", FtpPassword] },
        { "add-empty-path", [HestiaCommands.AddWebDomainFtp, "alice", "example.com", "ftp1", FtpPassword] },
        { "add-path", [HestiaCommands.AddWebDomainFtp, "alice", "example.com", "ftp1", FtpPassword, "public_html/media"] },
        { "change-password", [HestiaCommands.ChangeWebDomainFtpPassword, "alice", "example.com", "alice_ftp1", FtpPassword] },
        { "change-path", [HestiaCommands.ChangeWebDomainFtpPath, "alice", "example.com", "alice_ftp1", "/uploads"] },
        { "change-path-root", [HestiaCommands.ChangeWebDomainFtpPath, "alice", "example.com", "alice_ftp1", ""] },
        { "delete", [HestiaCommands.DeleteWebDomainFtp, "alice", "example.com", "alice_ftp1"] },
        { "folder-exists", [HestiaCommands.CheckFsPermission, "alice", "/home/alice/web/example.com/public_html/media"] },
        { "list-folder", [HestiaCommands.ListFsDirectory, "alice", "/home/alice/web/example.com/public_html"] },
    };

    private static async Task Invoke(HestiaClient client, string operation, CancellationToken ct)
    {
        try
        {
            _ = operation switch
            {
                "list-users" => await client.ListUsersAsync(ct) as object,
                "get-user" => await client.GetUserAsync("alice", ct),
                "list-domains" => await client.ListWebDomainsAsync("alice", ct),
                "get-domain" => await client.GetWebDomainAsync("alice", "example.com", ct),
                "check-password" => await client.CheckUserPasswordAsync("alice", FtpPassword, Ip, ct),
                "add" => await Done(client.AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, ct)),
                "add-empty-path" => await Done(client.AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, "", ct)),
                "add-path" => await Done(client.AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, "public_html/media", ct)),
                "change-password" => await Done(client.ChangeFtpPasswordAsync("alice", "example.com", "alice_ftp1", FtpPassword, ct)),
                "change-path" => await Done(client.ChangeFtpPathAsync("alice", "example.com", "alice_ftp1", "/uploads", ct)),
                "change-path-root" => await Done(client.ChangeFtpPathAsync("alice", "example.com", "alice_ftp1", "", ct)),
                "delete" => await Done(client.DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", ct)),
                "folder-exists" => await client.FolderExistsAsync("alice", "example.com", "public_html/media", ct),
                "list-folder" => await client.ListFolderAsync("alice", "example.com", "/public_html/", ct),
                _ => throw new ArgumentOutOfRangeException(nameof(operation)),
            };
        }
        catch (HestiaException)
        {
            // Only the request matters here; the stub's answer does not fit every command.
        }
    }

    private static async Task<object> Done(Task task)
    {
        await task;
        return true;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Request_WithAccessKey_PostsExactFormFieldsInOrder(string operation, string[] commandAndArgs)
    {
        var handler = NoContent();

        await Invoke(Client(handler), operation, _ct);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://panel.example.net:8083/api/", request.Uri!.AbsoluteUri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        var expected = new List<KeyValuePair<string, string>> { new("access_key", KeyId), new("secret_key", Secret), new("cmd", commandAndArgs[0]) };
        expected.AddRange(commandAndArgs.Skip(1).Select((a, i) => new KeyValuePair<string, string>($"arg{i + 1}", a)));
        Assert.Equal(expected, request.Form);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Request_WithLegacyCredentials_PostsUserAndPasswordFirst(string operation, string[] commandAndArgs)
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, "OK\n", null);

        await Invoke(Client(handler, Legacy), operation, _ct);

        var request = Assert.Single(handler.Requests);
        var expected = new List<KeyValuePair<string, string>> { new("user", "admin"), new("password", LegacyPassword), new("cmd", commandAndArgs[0]) };
        expected.AddRange(commandAndArgs.Skip(1).Select((a, i) => new KeyValuePair<string, string>($"arg{i + 1}", a)));
        Assert.Equal(expected, request.Form);
        Assert.DoesNotContain("access_key", request.Keys);
    }

    [Fact]
    public async Task Request_Always_KeepsSecretsOutOfTheUrl()
    {
        var handler = NoContent();

        await Client(handler).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct);

        var uri = Assert.Single(handler.Requests).Uri!;
        Assert.Equal("", uri.Query);
        Assert.DoesNotContain(Secret, uri.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "/home/alice/web/example.com")]
    [InlineData("/", "/home/alice/web/example.com")]
    [InlineData("public_html", "/home/alice/web/example.com/public_html")]
    [InlineData("/public_html/media/", "/home/alice/web/example.com/public_html/media")]
    [InlineData("public_html//media", "/home/alice/web/example.com/public_html/media")]
    public async Task FolderExistsAsync_RelativePath_SendsAbsoluteFolder(string relative, string absolute)
    {
        var handler = NoContent();

        Assert.True(await Client(handler).FolderExistsAsync("alice", "example.com", relative, _ct));

        Assert.Equal(absolute, Assert.Single(handler.Requests).Field("arg2"));
    }

    // ---------------------------------------------------------------- exit codes

    public static TheoryData<int, int> ExitCodes()
    {
        var data = new TheoryData<int, int>();
        foreach (var code in Enum.GetValues<HestiaReturnCode>().Where(c => (int)c is >= 1 and <= 21))
        {
            var status = (int)code switch
            {
                2 => 422,
                5 or 6 or 9 or 10 or 21 => 401,
                _ => 400,
            };
            data.Add((int)code, status);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExitCodes))]
    public async Task Execute_ExitCodeHeader_MapsToReturnCodeWithHestiasMessage(int exit, int status)
    {
        var handler = StubHandler.Always((HttpStatusCode)status, "Error: something went wrong", exit);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).GetWebDomainAsync("alice", "example.com", _ct));

        Assert.Equal((HestiaReturnCode)exit, ex.Code);
        Assert.Equal(HestiaCommands.ListWebDomain, ex.Command);
        Assert.Equal("Error: something went wrong", ex.HestiaMessage);
        Assert.False(ex.OutcomeUnknown);
        Assert.Equal(1, handler.Count); // Hestia's answers are never retried, not even for reads.
    }

    [Theory]
    [MemberData(nameof(ExitCodes))]
    public async Task Execute_ExitCodeHeaderOnMutation_MapsToReturnCodeAndSendsOnce(int exit, int status)
    {
        var handler = StubHandler.Always((HttpStatusCode)status, "Error: something went wrong", exit);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct));

        Assert.Equal((HestiaReturnCode)exit, ex.Code);
        Assert.False(ex.OutcomeUnknown);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Execute_HeaderWinsOverStatus_SuspendedIsNotAnAuthFailure()
    {
        var state = new HestiaServerState();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: web example.com is suspended", 5);
        var client = Client(handler, state: state);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => client.AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));
        await Assert.ThrowsAsync<HestiaException>(() => client.ListWebDomainsAsync("alice", _ct));

        Assert.Equal(HestiaReturnCode.Suspended, ex.Code);
        Assert.Equal(2, handler.Count); // the 401 did not open the credentials breaker
    }

    [Fact]
    public async Task Execute_UnknownExitCode_ThrowsUnexpectedResponse()
    {
        var handler = StubHandler.Always(HttpStatusCode.BadRequest, "Error: new failure", 77);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.UnexpectedResponse, ex.Code);
    }

    [Fact]
    public async Task Execute_MultiLineError_KeepsFirstLineOnly()
    {
        var handler = StubHandler.Always(HttpStatusCode.BadRequest, "Error: first line\nsecond line", 3);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListUsersAsync(_ct));

        Assert.Equal("Error: first line", ex.HestiaMessage);
    }

    [Fact]
    public async Task Execute_405_ThrowsInvalidRequest()
    {
        var handler = StubHandler.Always(HttpStatusCode.MethodNotAllowed,
            "Error: data received is null or invalid, check https://hestiacp.com/docs/server-administration/rest-api.html", null);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.InvalidRequest, ex.Code);
        Assert.StartsWith("Error: data received is null", ex.HestiaMessage, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Execute_Non200WithoutHeader_ThrowsUnexpectedResponse()
    {
        var handler = StubHandler.Always(HttpStatusCode.NotFound, "<html>not found</html>", null);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.UnexpectedResponse, ex.Code);
        Assert.Equal(1, handler.Count);
    }

    // ---------------------------------------------------------------- success shapes

    [Fact]
    public async Task Mutation_204Empty_Succeeds()
    {
        var handler = NoContent();
        var client = Client(handler);

        await client.AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, "uploads", _ct);
        await client.ChangeFtpPasswordAsync("alice", "example.com", "alice_ftp1", FtpPassword, _ct);
        await client.ChangeFtpPathAsync("alice", "example.com", "alice_ftp1", "", _ct);
        await client.DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct);

        Assert.Equal(4, handler.Count);
    }

    [Fact]
    public async Task Mutation_LegacyOk_Succeeds()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, "OK\n", null);

        await Client(handler, Legacy).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct);

        Assert.Equal(1, handler.Count);
    }

    [Theory]
    [InlineData("Error: ftp user alice_ftp1 already exists\n", HestiaReturnCode.Exists, "Error: ftp user alice_ftp1 already exists")]
    [InlineData("Error: invalid ftp_user format :: alice_bad!\n", HestiaReturnCode.Invalid, "Error: invalid ftp_user format :: alice_bad!")]
    [InlineData("Error: web domain nosuch.example doesn't exist\n", HestiaReturnCode.NotExist, "Error: web domain nosuch.example doesn't exist")]
    [InlineData("Error: web example.com is suspended\n", HestiaReturnCode.Suspended, "Error: web example.com is suspended")]
    [InlineData("Error: absolute path /home/etc is invalid\n", HestiaReturnCode.Invalid, "Error: absolute path /home/etc is invalid")]
    [InlineData("Usage: v-add-web-domain-ftp USER DOMAIN FTP_USER FTP_PASSWORD [FTP_PATH]\n", HestiaReturnCode.Args, "Usage: v-add-web-domain-ftp USER DOMAIN FTP_USER FTP_PASSWORD [FTP_PATH]")]
    public async Task Mutation_LegacyErrorBody_MapsToCode(string body, HestiaReturnCode code, string message)
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, body, null);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler, Legacy).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));

        Assert.Equal(code, ex.Code);
        Assert.Equal(message, ex.HestiaMessage);
        Assert.Equal(1, handler.Count);
    }

    [Theory]
    [InlineData("Usage: v-list-user USER [FORMAT]", HestiaReturnCode.Args)]
    [InlineData("ERROR: Unable to perform operation due to security restrictions that are in place.", HestiaReturnCode.Args)]
    [InlineData("Error: ftp user alice_ftp1 already exists", HestiaReturnCode.Exists)]
    [InlineData("Error: web example.com is not suspended", HestiaReturnCode.Unsuspended)]
    [InlineData("Error: web example.com is suspended", HestiaReturnCode.Suspended)]
    [InlineData("Error: user alice is suspended", HestiaReturnCode.Suspended)]
    [InlineData("Error: account ftp1 doesn't exist", HestiaReturnCode.NotExist)]
    [InlineData("Error: user nosuchuser doesn't exist", HestiaReturnCode.NotExist)]
    [InlineData("Error: password missmatch", HestiaReturnCode.Password)]
    [InlineData("Error: authentication failed", HestiaReturnCode.Password)]
    [InlineData("Error: IP is not allowed to connect with API", HestiaReturnCode.Forbidden)]
    [InlineData("Error: can't read /home/alice/web/example.com/x", HestiaReturnCode.Args)]
    [InlineData("Error: Password not accepted due to PAM restrictions", HestiaReturnCode.Invalid)]
    [InlineData("Error: absolute path  is invalid", HestiaReturnCode.Invalid)]
    public void LegacyFailureCode_KnownMessage_ReturnsCode(string text, HestiaReturnCode code)
    {
        Assert.Equal((int)code, HestiaClient.LegacyFailureCode(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\n}")]
    [InlineData("d|751|2025-02-14|09:41|carol|carol|4096|")]
    [InlineData("error: lower case is output, not a failure")]
    public void LegacyFailureCode_Output_ReturnsNull(string text)
    {
        Assert.Null(HestiaClient.LegacyFailureCode(text));
    }

    // ---------------------------------------------------------------- transport failures and retries

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Read_5xx_RetriesThenThrowsConnectWithKnownOutcome(HttpStatusCode status)
    {
        var handler = StubHandler.Always(status, "<html><body>nginx</body></html>", null);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListWebDomainsAsync("alice", _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.False(ex.OutcomeUnknown);
        Assert.Equal(3, handler.Count);
    }

    [Fact]
    public async Task Mutation_5xx_SendsOnceAndThrowsConnectWithUnknownOutcome()
    {
        var handler = StubHandler.Always(HttpStatusCode.InternalServerError, "<html>500</html>", null);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Read_5xxWithExitHeader_StillTransport()
    {
        var handler = StubHandler.Always(HttpStatusCode.InternalServerError, "", 0);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
    }

    [Fact]
    public async Task Read_TransientThenSuccess_ReturnsResult()
    {
        var handler = new StubHandler((_, attempt, _) => Task.FromResult(attempt < 3
            ? StubHandler.Reply(HttpStatusCode.BadGateway, "", null)
            : StubHandler.Reply(HttpStatusCode.OK, "{\n}", 0)));

        var domains = await Client(handler).ListWebDomainsAsync("alice", _ct);

        Assert.Empty(domains);
        Assert.Equal(3, handler.Count);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public async Task Read_ConnectionRefused_AttemptsReadRetriesPlusOne(int retries, int attempts)
    {
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException("Connection refused (panel.example.net:8083)"));

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler, o => o.ReadRetries = retries).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.False(ex.OutcomeUnknown);
        Assert.Equal(attempts, handler.Count);
    }

    [Fact]
    public async Task Mutation_ConnectionRefused_SendsOnceWithUnknownOutcome()
    {
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException("Connection reset"));

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ChangeFtpPasswordAsync("alice", "example.com", "alice_ftp1", FtpPassword, _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(1, handler.Count);
    }

    private static StubHandler Hanging() => new(async (_, _, ct) =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        throw new InvalidOperationException("unreachable");
    });

    [Fact]
    public async Task Read_Timeout_RetriesThenThrowsConnect()
    {
        var handler = Hanging();

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, o => o.ReadTimeout = TimeSpan.FromMilliseconds(50)).ListWebDomainsAsync("alice", _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.OutcomeUnknown);
        Assert.Equal(3, handler.Count);
    }

    // ---------------------------------------------------------------- read deadline (fake clock, attempts counted)

    [Fact]
    public async Task Read_NeverAnswersAndTimeoutBeyondDeadline_OneAttemptEndingAtTheDeadline()
    {
        var time = new JumpingTime();
        var start = time.GetUtcNow();
        var observer = new RecordingObserver();
        var handler = Hanging();

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler, o =>
        {
            o.ReadTimeout = TimeSpan.FromSeconds(30);
            o.ReadDeadline = TimeSpan.FromSeconds(5);
            o.ReadRetries = 5;
        }, time: time, observers: observer).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), time.GetUtcNow() - start);
        Assert.Equal(HestiaCallOutcome.TransportFailed, Assert.Single(observer.Calls).Outcome);
        Assert.InRange(handler.Count, 0, 1);
    }

    [Fact]
    public async Task Read_NeverAnswers_StopsRetryingAtTheDeadline()
    {
        // Attempts of 1.5 s and back-off of 0.1-0.3 s, then 0.2-0.6 s: the third attempt ends at the 5 s deadline at the
        // latest (it gets only what is left), and the fourth never starts; without the deadline there would be six.
        var time = new JumpingTime();
        var start = time.GetUtcNow();
        var observer = new RecordingObserver();
        var handler = Hanging();

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler, o =>
        {
            o.ReadTimeout = TimeSpan.FromSeconds(1.5);
            o.ReadDeadline = TimeSpan.FromSeconds(5);
            o.ReadRetries = 5;
        }, time: time, observers: observer).ListWebDomainsAsync("alice", _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.False(ex.OutcomeUnknown);
        Assert.Equal(3, observer.Calls.Count);
        Assert.All(observer.Calls, c => Assert.Equal(HestiaCallOutcome.TransportFailed, c.Outcome));
        Assert.All(observer.Calls, c => Assert.InRange(c.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1.5)));
        Assert.InRange(handler.Count, 0, 3);
        Assert.InRange(time.GetUtcNow() - start, TimeSpan.FromSeconds(4.8), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Read_RefusedEveryTime_BackOffStopsAtTheDeadline()
    {
        // Back-off of 0.1-0.3 s, 0.2-0.6 s, 0.4-1.2 s: within 0.5 s (less the last 100 ms) one or two retries fit, never five.
        var time = new JumpingTime(timeouts: false);
        var start = time.GetUtcNow();
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException("Connection refused"));

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler, o =>
        {
            o.ReadDeadline = TimeSpan.FromSeconds(0.5);
            o.ReadRetries = 5;
        }, time: time).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.InRange(handler.Count, 2, 3);
        Assert.InRange(time.GetUtcNow() - start, TimeSpan.Zero, TimeSpan.FromSeconds(0.4));
    }

    [Fact]
    public async Task Mutation_NeverAnswers_WaitsMutationTimeoutNotTheReadDeadline()
    {
        var time = new JumpingTime();
        var start = time.GetUtcNow();
        var observer = new RecordingObserver();

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(Hanging(), o =>
        {
            o.ReadDeadline = TimeSpan.FromSeconds(1);
            o.MutationTimeout = TimeSpan.FromSeconds(30);
        }, time: time, observers: observer).ChangeFtpPasswordAsync("alice", "example.com", "alice_ftp1", FtpPassword, _ct));

        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(TimeSpan.FromSeconds(30), time.GetUtcNow() - start);
        var call = Assert.Single(observer.Calls);
        Assert.Equal((true, HestiaCallOutcome.TransportFailed), (call.Mutation, call.Outcome));
    }

    [Fact]
    public async Task Mutation_Timeout_SendsOnceWithUnknownOutcome()
    {
        var handler = Hanging();

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, o => o.MutationTimeout = TimeSpan.FromMilliseconds(50)).DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.OutcomeUnknown);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Read_CallerCancels_ThrowsOperationCanceledWithoutRetry()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHandler(async (_, _, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });

        var call = Client(handler).ListUsersAsync(cts.Token);
        await entered.Task;
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<HestiaException>(ex);
        Assert.Equal(1, handler.Count);
    }

    // ---------------------------------------------------------------- JSON

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"example.com\": {")]
    [InlineData("[1,2]")]
    [InlineData("{\"example.com\": \"x\"}")]
    [InlineData("OK")]
    public async Task ListWebDomainsAsync_EmptyOrMalformedJson_ThrowsUnexpectedResponse(string body)
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, body, 0);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListWebDomainsAsync("alice", _ct));

        Assert.Equal(HestiaReturnCode.UnexpectedResponse, ex.Code);
        Assert.Equal(HestiaCommands.ListWebDomains, ex.Command);
        Assert.Equal(1, handler.Count); // a malformed answer is not transient
    }

    [Fact]
    public async Task ListUsersAsync_UnescapedQuoteInValue_ThrowsUnexpectedResponseWithoutTheBody()
    {
        const string body = "{\n    \"alice\": {\n        \"NAME\": \"Alice \"The Admin\" Smith\",\n        \"ROLE\": \"user\"\n        }}";
        var handler = StubHandler.Always(HttpStatusCode.OK, body, 0, "text/html");

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.UnexpectedResponse, ex.Code);
        Assert.DoesNotContain("The Admin", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("The Admin", ex.HestiaMessage, StringComparison.Ordinal);
    }

    private const string ObservedDomains = """
        {
            "example.com": {
                "IP": "127.0.0.1",
                "IP6": "",
                "DOCUMENT_ROOT": "/home/alice/web/example.com/public_html/",
                "U_DISK": "0",
                "U_BANDWIDTH": "0",
                "TPL": "default",
                "ALIAS": "www.example.com",
                "STATS": "",
                "STATS_USER": "",
                "SSL": "no",
                "SSL_HOME": "same",
                "LETSENCRYPT": "no",
                "FTP_USER": "alice_ftp1:alice_ftp2",
                "FTP_PATH": ":/uploads",
                "AUTH_USER": "",
                "BACKEND": "default",
                "PROXY": "default",
                "PROXY_EXT": "",
                "SUSPENDED": "no",
                "TIME": "15:24:07",
                "DATE": "2026-11-28"
            },
            "shop.example.net": {
                "IP": "10.0.0.2",
                "DOCUMENT_ROOT": "/home/alice/web/shop.example.net/public_html/",
                "ALIAS": "www.shop.example.net,cdn.example.net",
                "SSL": "yes",
                "LETSENCRYPT": "yes",
                "FTP_USER": "",
                "FTP_PATH": "",
                "SUSPENDED": "yes"
            }
        }
        """;

    [Fact]
    public async Task ListWebDomainsAsync_ObservedJson_ParsesDomainsAndAccounts()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, ObservedDomains, 0, "application/json");

        var domains = await Client(handler).ListWebDomainsAsync("alice", _ct);

        Assert.Equal(2, domains.Count);
        var first = domains[0];
        Assert.Equal("example.com", first.Name);
        Assert.Equal("alice", first.Owner);
        Assert.Equal("127.0.0.1", first.Ip);
        Assert.Equal("/home/alice/web/example.com/public_html/", first.DocumentRoot);
        Assert.Equal(["www.example.com"], first.Aliases);
        Assert.False(first.Ssl);
        Assert.False(first.Suspended);
        Assert.Equal([new FtpAccount("alice_ftp1", "example.com", ""), new FtpAccount("alice_ftp2", "example.com", "/uploads")], first.FtpAccounts);
        var second = domains[1];
        Assert.Equal(["www.shop.example.net", "cdn.example.net"], second.Aliases);
        Assert.True(second.Ssl);
        Assert.True(second.LetsEncrypt);
        Assert.True(second.Suspended);
        Assert.Empty(second.FtpAccounts);
    }

    [Fact]
    public async Task ListWebDomainsAsync_LegacyBodyWithTrailingNewline_Parses()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, ObservedDomains + "\n", null);

        var domains = await Client(handler, Legacy).ListWebDomainsAsync("alice", _ct);

        Assert.Equal(["example.com", "shop.example.net"], domains.Select(d => d.Name));
    }

    [Theory]
    [InlineData("alice_ftp1:alice_ftp2", ":/uploads", "alice_ftp1=|alice_ftp2=/uploads")]
    [InlineData("alice_ftp1", "", "alice_ftp1=")]
    [InlineData("alice_ftp1", "public_html", "alice_ftp1=/public_html")]
    [InlineData("alice_ftp1:alice_ftp2", "public_html/media/:/private", "alice_ftp1=/public_html/media|alice_ftp2=/private")]
    [InlineData("alice_ftp1:alice_ftp2", "/uploads/:", "alice_ftp1=/uploads|alice_ftp2=")]
    [InlineData("alice_ftp1:alice_ftp2:alice_ftp3", "", "alice_ftp1=|alice_ftp2=|alice_ftp3=")]
    [InlineData("alice_ftp1:alice_ftp2:alice_ftp3", ":/a", "alice_ftp1=|alice_ftp2=/a|alice_ftp3=")]
    [InlineData("alice_a:alice_b:alice_c:alice_d", ":/uploads:/public_html:/private", "alice_a=|alice_b=/uploads|alice_c=/public_html|alice_d=/private")]
    [InlineData("", "", "")]
    public async Task GetWebDomainAsync_FtpUserAndPath_PairsAccounts(string ftpUser, string ftpPath, string expected)
    {
        var body = $$"""
            {
                "example.com": {
                    "IP": "127.0.0.1",
                    "FTP_USER": "{{ftpUser}}",
                    "FTP_PATH": "{{ftpPath}}",
                    "SUSPENDED": "no"
                }
            }
            """;
        var handler = StubHandler.Always(HttpStatusCode.OK, body, 0, "application/json");

        var domain = await Client(handler).GetWebDomainAsync("alice", "example.com", _ct);

        Assert.Equal(expected, string.Join('|', domain.FtpAccounts.Select(a => $"{a.Login}={a.Folder}")));
        Assert.All(domain.FtpAccounts, a => Assert.Equal("example.com", a.Domain));
    }

    [Fact]
    public async Task ListWebDomainsAsync_EmptyObjectAsTextHtml_ReturnsEmpty()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, "{\n}", 0, "text/html");

        Assert.Empty(await Client(handler).ListWebDomainsAsync("bob", _ct));
    }

    [Fact]
    public async Task GetWebDomainAsync_EmptyObject_ThrowsUnexpectedResponse()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, "{\n}", 0);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).GetWebDomainAsync("alice", "example.com", _ct));

        Assert.Equal(HestiaReturnCode.UnexpectedResponse, ex.Code);
    }

    [Fact]
    public async Task ListUsersAsync_ClosingBracesRunTogether_ParsesEveryUser()
    {
        const string body = "{\n    \"admin\": {\n        \"NAME\": \"System Administrator\",\n        \"PACKAGE\": \"system\",\n        \"ROLE\": \"admin\",\n" +
            "        \"SUSPENDED\": \"no\",\n        \"SUSPENDED_WEB\": \"0\",\n        \"U_WEB_DOMAINS\": \"0\"\n        },\n" +
            "    \"alice\": {\n        \"NAME\": \"Alice\",\n        \"PACKAGE\": \"default\",\n        \"ROLE\": \"user\",\n" +
            "        \"SUSPENDED\": \"yes\",\n        \"SUSPENDED_WEB\": \"2\",\n        \"U_WEB_DOMAINS\": \"3\"\n        }}";
        var handler = StubHandler.Always(HttpStatusCode.OK, body, 0, "application/json");

        var users = await Client(handler).ListUsersAsync(_ct);

        Assert.Equal(
            [new HestiaUser("admin", "admin", false, 0, 0, "System Administrator", "system"), new HestiaUser("alice", "user", true, 2, 3, "Alice", "default")],
            users);
        Assert.True(users[0].IsAdmin);
    }

    [Fact]
    public async Task GetUserAsync_OddlyIndentedClosingBrace_ParsesUser()
    {
        const string body = "{\n    \"alice\": {\n        \"NAME\": \"Alice\",\n        \"PACKAGE\": \"default\",\n        \"HOME\": \"/home/alice\",\n" +
            "        \"ROLE\": \"user\",\n        \"SUSPENDED\": \"no\",\n        \"SUSPENDED_WEB\": \"0\",\n        \"U_WEB_DOMAINS\": \"1\"\n        }\n}";
        var handler = StubHandler.Always(HttpStatusCode.OK, body, 0, "application/json");

        var user = await Client(handler).GetUserAsync("alice", _ct);

        Assert.Equal(new HestiaUser("alice", "user", false, 0, 1, "Alice", "default"), user);
    }

    // ---------------------------------------------------------------- file system

    [Fact]
    public async Task ListFolderAsync_Lines_ReturnsEntriesWithoutTheFolderItself()
    {
        const string body = "d|751|2025-02-14|09:41|alice|alice|4096|\n" +
            "d|751|2025-02-14|09:41|alice|alice|4096|media\n" +
            "f|644|2025-02-14|09:45|alice|alice|1180|index.html\n" +
            "l|777|2025-02-14|09:45|alice|alice|9|current\n" +
            "f|644|2025-02-14|09:45|alice|alice|3|odd|name.txt";
        var handler = StubHandler.Always(HttpStatusCode.OK, body, 0);

        var entries = await Client(handler).ListFolderAsync("alice", "example.com", "public_html", _ct);

        Assert.Equal([new FsEntry('d', "media"), new FsEntry('f', "index.html"), new FsEntry('l', "current"), new FsEntry('f', "odd|name.txt")], entries);
        Assert.True(entries![0].IsDirectory);
        Assert.False(entries[1].IsDirectory);
    }

    [Fact]
    public async Task ListFolderAsync_LegacyBody_ReturnsEntries()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, "d|751|2025-02-14|09:41|alice|alice|4096|\nd|751|2025-02-14|09:41|alice|alice|4096|media\n", null);

        var entries = await Client(handler, Legacy).ListFolderAsync("alice", "example.com", "public_html", _ct);

        Assert.Equal([new FsEntry('d', "media")], entries);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "", 1)]
    [InlineData(HttpStatusCode.UnprocessableEntity, "Error: invalid path /home/alice/web/example.com/a/b", 2)]
    [InlineData(HttpStatusCode.BadRequest, "Error: user alice doesn't exist", 3)]
    public async Task ListFolderAsync_Missing_ReturnsNull(HttpStatusCode status, string body, int exit)
    {
        var handler = StubHandler.Always(status, body, exit);

        Assert.Null(await Client(handler).ListFolderAsync("alice", "example.com", "a/b", _ct));
    }

    [Fact]
    public async Task ListFolderAsync_EmptyFolder_ReturnsEmpty()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, "d|751|2025-02-14|09:41|alice|alice|4096|", 0);

        Assert.Equal([], await Client(handler).ListFolderAsync("alice", "example.com", "empty", _ct));
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent, "", 0, true)]
    [InlineData(HttpStatusCode.BadRequest, "Error: can't read /home/alice/web/example.com/nope", 1, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, "Error: invalid source path alice /home/alice/web/example.com/a/b", 2, false)]
    [InlineData(HttpStatusCode.BadRequest, "Error: user alice doesn't exist", 3, false)]
    public async Task FolderExistsAsync_Answer_MapsToBool(HttpStatusCode status, string body, int exit, bool exists)
    {
        var handler = StubHandler.Always(status, body, exit);

        Assert.Equal(exists, await Client(handler).FolderExistsAsync("alice", "example.com", "nope", _ct));
    }

    [Fact]
    public async Task FolderExistsAsync_Suspended_Throws()
    {
        var handler = StubHandler.Always(HttpStatusCode.BadRequest, "Error: WEB_SYSTEM is not enabled", 11);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler).FolderExistsAsync("alice", "example.com", "x", _ct));

        Assert.Equal(HestiaReturnCode.Disabled, ex.Code);
    }

    // ---------------------------------------------------------------- credentials breaker

    [Theory]
    [InlineData(9, "Error: Invalid secret key for key AbCdEfGhIjKlMnOpQrSt")]
    [InlineData(10, "Error: IP is not allowed to connect with API")]
    [InlineData(21, "Error: API has been disabled")]
    public async Task Execute_AuthFailure_NotRetriedAndOpensBreaker(int exit, string message)
    {
        var time = new ManualTime();
        var state = new HestiaServerState();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, message, exit);

        var first = await Assert.ThrowsAsync<HestiaException>(() => Client(handler, state: state, time: time).ListUsersAsync(_ct));
        var second = await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, state: state, time: time).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));

        Assert.Equal((HestiaReturnCode)exit, first.Code);
        Assert.Equal((HestiaReturnCode)exit, second.Code);
        Assert.Equal(HestiaCommands.AddWebDomainFtp, second.Command);
        Assert.Equal(1, handler.Count); // the second call never reached the server

        time.Now += HestiaClient.CredentialsBreakerDuration + TimeSpan.FromSeconds(1);
        await Assert.ThrowsAsync<HestiaException>(() => Client(handler, state: state, time: time).ListUsersAsync(_ct));
        Assert.Equal(2, handler.Count); // closed again after the pause
    }

    [Fact]
    public async Task Execute_LegacyAuthenticationFailed_OpensBreaker()
    {
        var state = new HestiaServerState();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: authentication failed", 9);
        var client = Client(handler, Legacy, state);

        await Assert.ThrowsAsync<HestiaException>(() => client.ListUsersAsync(_ct));
        var ex = await Assert.ThrowsAsync<HestiaException>(() => client.ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Password, ex.Code);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Execute_BreakerOfOtherServer_DoesNotBlock()
    {
        var refused = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: authentication failed", 9);
        var healthy = StubHandler.Always(HttpStatusCode.OK, "{\n}", 0);

        await Assert.ThrowsAsync<HestiaException>(() => Client(refused).ListUsersAsync(_ct));

        Assert.Empty(await Client(healthy).ListUsersAsync(_ct));
    }

    [Fact]
    public async Task CheckUserPasswordAsync_Right_ReturnsTrue()
    {
        var handler = NoContent();

        Assert.True(await Client(handler).CheckUserPasswordAsync("alice", FtpPassword, Ip, _ct));
    }

    [Fact]
    public async Task CheckUserPasswordAsync_PasswordMissmatch_ReturnsFalseAndKeepsBreakerClosed()
    {
        var state = new HestiaServerState();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: password missmatch", 9);
        var client = Client(handler, state: state);

        Assert.False(await client.CheckUserPasswordAsync("alice", "wrong", Ip, _ct));
        Assert.False(await client.CheckUserPasswordAsync("alice", "wrong", Ip, _ct));

        Assert.Equal(2, handler.Count); // never retried, and the breaker stayed closed
        Assert.False(state.TryGetOpenBreaker(new ManualTime().Now, out _));
    }

    [Fact]
    public async Task CheckUserPasswordAsync_LegacyMissmatch_ReturnsFalse()
    {
        var handler = StubHandler.Always(HttpStatusCode.OK, "Error: password missmatch\n", null);

        Assert.False(await Client(handler, Legacy).CheckUserPasswordAsync("alice", "wrong", Ip, _ct));
        Assert.True(await Client(StubHandler.Always(HttpStatusCode.OK, "OK\n", null), Legacy).CheckUserPasswordAsync("alice", "right", Ip, _ct));
    }

    [Fact]
    public async Task CheckUserPasswordAsync_ApiCredentialsRefused_ThrowsAndOpensBreaker()
    {
        var state = new HestiaServerState();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: Invalid secret key for key AbCdEfGhIjKlMnOpQrSt", 9);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => Client(handler, state: state).CheckUserPasswordAsync("alice", "pw", Ip, _ct));

        Assert.Equal(HestiaReturnCode.Password, ex.Code);
        Assert.True(state.TryGetOpenBreaker(new ManualTime().Now, out var code));
        Assert.Equal(HestiaReturnCode.Password, code);
    }

    [Fact]
    public async Task CheckUserPasswordAsync_InvalidIp_ReturnsFalse()
    {
        var handler = StubHandler.Always(HttpStatusCode.UnprocessableEntity, "Error: invalid ip format :: x", 2);

        Assert.False(await Client(handler).CheckUserPasswordAsync("alice", "pw", "x", _ct));
    }

    // ---------------------------------------------------------------- mutation serialization

    [Fact]
    public async Task Mutations_TwoClientsOfOneServer_RunOneAtATime()
    {
        var state = new HestiaServerState();
        var inFlight = 0;
        var maxInFlight = 0;
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHandler(async (request, attempt, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                if (request.Field("cmd") == HestiaCommands.AddWebDomainFtp && request.Field("arg3") == "first")
                {
                    firstEntered.TrySetResult();
                    await releaseFirst.Task.WaitAsync(ct);
                }
                return StubHandler.Reply(request.Field("cmd") == HestiaCommands.ListWebDomains ? HttpStatusCode.OK : HttpStatusCode.NoContent, "{\n}", 0);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        var created = 0;
        var client1 = Client(handler, state: state, onCreate: () => Interlocked.Increment(ref created));
        var client2 = Client(handler, state: state, onCreate: () => Interlocked.Increment(ref created));

        var first = client1.AddFtpAccountAsync("alice", "example.com", "first", FtpPassword, null, _ct);
        await firstEntered.Task;
        var second = client2.DeleteFtpAccountAsync("alice", "example.com", "alice_other", _ct);

        // The HttpClient is made only after the gate is passed, and without a gate that happens synchronously.
        Assert.Equal(1, Volatile.Read(ref created));
        Assert.False(second.IsCompleted);
        // Reads are not behind the mutation gate.
        Assert.Empty(await client2.ListWebDomainsAsync("alice", _ct));

        releaseFirst.SetResult();
        await first;
        await second;

        Assert.Equal(3, Volatile.Read(ref created));
        Assert.Equal(["first", "alice_other"], handler.Requests.Where(r => r.Field("cmd") != HestiaCommands.ListWebDomains).Select(r => r.Field("arg3")));
        Assert.Equal(2, maxInFlight); // the first mutation and the read; never two mutations
    }

    [Fact]
    public async Task Mutations_SecondWaitsForFirst_MaxOneMutationInFlight()
    {
        var state = new HestiaServerState();
        var inFlight = 0;
        var maxInFlight = 0;
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHandler(async (request, attempt, ct) =>
        {
            InterlockedMax(ref maxInFlight, Interlocked.Increment(ref inFlight));
            try
            {
                if (attempt == 1)
                {
                    firstEntered.TrySetResult();
                    await releaseFirst.Task.WaitAsync(ct);
                }
                return StubHandler.Reply(HttpStatusCode.NoContent, "", 0);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });

        var first = Client(handler, state: state).ChangeFtpPathAsync("alice", "example.com", "alice_a", "/x", _ct);
        await firstEntered.Task;
        var second = Client(handler, state: state).ChangeFtpPasswordAsync("alice", "example.com", "alice_b", FtpPassword, _ct);
        Assert.Equal(1, handler.Count);
        releaseFirst.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(1, maxInFlight);
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task Mutations_FailedMutation_ReleasesTheGate()
    {
        var state = new HestiaServerState();
        var handler = StubHandler.Always(HttpStatusCode.BadRequest, "Error: ftp user alice_ftp1 already exists", 4);

        await Assert.ThrowsAsync<HestiaException>(() => Client(handler, state: state).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));
        await Assert.ThrowsAsync<HestiaException>(() => Client(handler, state: state).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));

        await using (var free = await state.TryEnterMutationAsync(TimeSpan.Zero, _ct))
        {
            Assert.NotNull(free);
        }
        Assert.Equal(2, handler.Count);
    }

    [Fact]
    public async Task Mutations_LockHeldLongerThanTheWait_SendNothingAndSayBusy()
    {
        var state = new HestiaServerState();
        var handler = NoContent();
        await using var held = await state.TryEnterMutationAsync(TimeSpan.Zero, _ct);

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, o => o.MutationLockWait = TimeSpan.Zero, state).DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct));

        Assert.Equal((HestiaReturnCode.Busy, false), (ex.Code, ex.OutcomeUnknown));
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task Mutations_OfTwoClientsSharingTheSeams_AreSerialized()
    {
        var mutations = new InProcessMutationLock();
        var breaker = new InProcessCredentialsBreaker();
        var handler = NoContent();
        await using var held = await mutations.TryAcquireAsync("web1", TimeSpan.Zero, _ct);

        var other = Client(handler, o => o.MutationLockWait = TimeSpan.Zero, new HestiaServerState("web1", mutations, breaker));
        await Assert.ThrowsAsync<HestiaException>(() => other.DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct));
        var elsewhere = Client(handler, o => o.MutationLockWait = TimeSpan.Zero, new HestiaServerState("web2", mutations, breaker));
        await elsewhere.DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct);

        Assert.Equal(1, handler.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    // ---------------------------------------------------------------- secrets

    public static TheoryData<string> Scenarios() => ["success", "business-error", "auth-error", "5xx", "timeout", "connection", "legacy-error", "legacy-auth"];

    private static StubHandler ScenarioHandler(string scenario) => scenario switch
    {
        "success" => NoContent(),
        "business-error" => StubHandler.Always(HttpStatusCode.UnprocessableEntity, "Error: Password not accepted due to PAM restrictions", 2),
        "auth-error" => StubHandler.Always(HttpStatusCode.Unauthorized, $"Error: Invalid secret key for key {KeyId}", 9),
        "5xx" => StubHandler.Always(HttpStatusCode.InternalServerError, "<html>500</html>", null),
        "timeout" => Hanging(),
        "connection" => new StubHandler((_, _, _) => throw new HttpRequestException("Connection refused (panel.example.net:8083)")),
        "legacy-error" => StubHandler.Always(HttpStatusCode.OK, "Error: invalid ftp_user format :: alice_bad!\n", null),
        "legacy-auth" => StubHandler.Always(HttpStatusCode.Unauthorized, "Error: authentication failed", 9),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Execute_AnyOutcome_NeverLogsOrThrowsSecrets(string scenario)
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var handler = ScenarioHandler(scenario);
        var legacy = scenario.StartsWith("legacy", StringComparison.Ordinal);
        var client = Client(handler, o =>
        {
            if (legacy)
            {
                Legacy(o);
            }
            o.ReadTimeout = o.MutationTimeout = TimeSpan.FromMilliseconds(50);
        }, logger: factory.CreateLogger<HestiaClient>());
        var exceptions = new List<Exception>();

        async Task Capture(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (Exception ex)
            {
                exceptions.Add(ex);
            }
        }

        await Capture(() => client.AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));
        await Capture(() => client.ChangeFtpPasswordAsync("alice", "example.com", "alice_ftp1", FtpPassword, _ct));
        await Capture(() => client.CheckUserPasswordAsync("alice", FtpPassword, Ip, _ct));
        await Capture(() => client.ListUsersAsync(_ct));

        Assert.NotEmpty(logs.Entries);
        Assert.True(handler.Count >= 1);
        if (scenario != "success")
        {
            Assert.NotEmpty(exceptions);
        }
        var texts = logs.Entries.Concat(exceptions.SelectMany(e => new[] { e.Message, e.ToString(), (e as HestiaException)?.HestiaMessage ?? "" }));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(FtpPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(LegacyPassword, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Execute_AnyOutcome_NoArgumentInCallRecords(string scenario)
    {
        var observer = new RecordingObserver();
        var handler = ScenarioHandler(scenario);
        var client = Client(handler, o =>
        {
            if (scenario.StartsWith("legacy", StringComparison.Ordinal))
            {
                Legacy(o);
            }
            o.ReadTimeout = o.MutationTimeout = TimeSpan.FromMilliseconds(50);
        }, observers: observer);

        foreach (var call in new Func<Task>[]
        {
            () => client.AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, "public_html/media", _ct),
            () => client.ChangeFtpPasswordAsync("alice", "example.com", "alice_ftp1", FtpPassword, _ct),
            () => client.CheckUserPasswordAsync("alice", FtpPassword, Ip, _ct),
            () => client.ListFolderAsync("alice", "example.com", "public_html", _ct),
        })
        {
            try
            {
                await call();
            }
            catch (HestiaException)
            {
            }
        }

        Assert.NotEmpty(observer.Calls);
        foreach (var text in observer.Calls.Select(c => c.ToString()))
        {
            foreach (var argument in new[] { FtpPassword, Secret, LegacyPassword, KeyId, Ip, "alice", "example.com", "ftp1", "public_html" })
            {
                Assert.DoesNotContain(argument, text, StringComparison.Ordinal);
            }
        }
    }

    // ---------------------------------------------------------------- call observer

    public static TheoryData<string, int, int?, string> Answers() => new()
    {
        { "200 exit 0", 200, 0, "{\n}" },
        { "204 exit 0", 204, 0, "" },
        { "400 exit 3", 400, 3, "Error: user alice doesn't exist" },
        { "422 exit 2", 422, 2, "Error: invalid user format :: alice!" },
        { "401 exit 5 (suspended, not a refusal)", 401, 5, "Error: user alice is suspended" },
        { "400 exit 20", 400, 20, "Error: restart failed" },
        { "404 without exit code", 404, null, "<html>not found</html>" },
        { "500 without exit code", 500, null, "<html>500</html>" },
        { "502 with exit code", 502, 0, "" },
        { "503", 503, null, "" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Read_AnyHttpAnswer_ReportsAnswered(string because, int status, int? exit, string body)
    {
        var observer = new RecordingObserver();
        var handler = StubHandler.Always((HttpStatusCode)status, body, exit);

        try
        {
            await Client(handler, o => o.ReadRetries = 0, observers: observer).ListUsersAsync(_ct);
        }
        catch (HestiaException)
        {
        }

        var call = Assert.Single(observer.Calls);
        Assert.True(call.Outcome == HestiaCallOutcome.Answered, because);
        Assert.Equal(("web1", HestiaCommands.ListUsers, false, (string?)null), (call.Server, call.Command, call.Mutation, call.Error));
    }

    [Theory]
    [InlineData("OK\n")]
    [InlineData("Error: ftp user alice_ftp1 already exists\n")]
    [InlineData("Error: Password not accepted due to PAM restrictions\n")]
    public async Task Mutation_LegacyAnswer_ReportsAnswered(string body)
    {
        var observer = new RecordingObserver();
        var handler = StubHandler.Always(HttpStatusCode.OK, body, null);

        try
        {
            await Client(handler, Legacy, observers: observer).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct);
        }
        catch (HestiaException)
        {
        }

        var call = Assert.Single(observer.Calls);
        Assert.Equal((HestiaCommands.AddWebDomainFtp, true, HestiaCallOutcome.Answered), (call.Command, call.Mutation, call.Outcome));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task Mutation_5xx_ReportsAnsweredButStillThrowsConnectWithUnknownOutcome(HttpStatusCode status)
    {
        var observer = new RecordingObserver();
        var handler = StubHandler.Always(status, "<html>500</html>", null);

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, observers: observer).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.True(ex.OutcomeUnknown);
        var call = Assert.Single(observer.Calls);
        Assert.Equal((HestiaCommands.AddWebDomainFtp, true, HestiaCallOutcome.Answered), (call.Command, call.Mutation, call.Outcome));
    }

    [Fact]
    public async Task Read_ConnectionRefused_ReportsTransportFailed()
    {
        var observer = new RecordingObserver();
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException("Connection refused (panel.example.net:8083)"));

        await Assert.ThrowsAsync<HestiaException>(() => Client(handler, o => o.ReadRetries = 0, observers: observer).ListUsersAsync(_ct));

        var call = Assert.Single(observer.Calls);
        Assert.Equal(("web1", HestiaCommands.ListUsers, false, HestiaCallOutcome.TransportFailed), (call.Server, call.Command, call.Mutation, call.Outcome));
        Assert.Equal("connection failed: Connection refused (panel.example.net:8083)", call.Error);
    }

    [Fact]
    public async Task Mutation_ConnectionReset_ReportsTransportFailed()
    {
        var observer = new RecordingObserver();
        var handler = new StubHandler((_, _, _) => throw new HttpRequestException("Connection reset by peer"));

        var ex = await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, observers: observer).DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct));

        Assert.True(ex.OutcomeUnknown);
        var call = Assert.Single(observer.Calls);
        Assert.Equal((HestiaCommands.DeleteWebDomainFtp, true, HestiaCallOutcome.TransportFailed), (call.Command, call.Mutation, call.Outcome));
    }

    [Fact]
    public async Task Read_Timeout_ReportsTransportFailed()
    {
        var observer = new RecordingObserver();

        await Assert.ThrowsAsync<HestiaException>(() =>
            Client(Hanging(), o => (o.ReadRetries, o.ReadTimeout) = (0, TimeSpan.FromMilliseconds(50)), observers: observer).ListUsersAsync(_ct));

        var call = Assert.Single(observer.Calls);
        Assert.Equal((HestiaCallOutcome.TransportFailed, "timed out"), (call.Outcome, call.Error));
    }

    [Fact]
    public async Task Mutation_Timeout_ReportsTransportFailed()
    {
        var observer = new RecordingObserver();

        await Assert.ThrowsAsync<HestiaException>(() =>
            Client(Hanging(), o => o.MutationTimeout = TimeSpan.FromMilliseconds(50), observers: observer)
                .ChangeFtpPathAsync("alice", "example.com", "alice_ftp1", "/x", _ct));

        var call = Assert.Single(observer.Calls);
        Assert.Equal((true, HestiaCallOutcome.TransportFailed, "timed out"), (call.Mutation, call.Outcome, call.Error));
    }

    [Fact]
    public async Task Read_CallerCancels_ReportsNothing()
    {
        var observer = new RecordingObserver();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new StubHandler(async (_, _, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });

        var call = Client(handler, observers: observer).ListUsersAsync(cts.Token);
        await entered.Task;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(observer.Calls); // the caller gave up; that says nothing about the server
    }

    [Theory]
    [InlineData(9, "Error: Invalid secret key for key AbCdEfGhIjKlMnOpQrSt")]
    [InlineData(10, "Error: IP is not allowed to connect with API")]
    [InlineData(21, "Error: API has been disabled")]
    public async Task Execute_ApiCredentialsRefused_ReportsCredentialsRefusedOnceThenNothingWhileBreakerOpen(int exit, string message)
    {
        var observer = new RecordingObserver();
        var client = Client(StubHandler.Always(HttpStatusCode.Unauthorized, message, exit), observers: observer);

        await Assert.ThrowsAsync<HestiaException>(() => client.ListWebDomainsAsync("alice", _ct));
        await Assert.ThrowsAsync<HestiaException>(() => client.ListUsersAsync(_ct));
        await Assert.ThrowsAsync<HestiaException>(() => client.DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct));

        var call = Assert.Single(observer.Calls);
        Assert.Equal((HestiaCommands.ListWebDomains, HestiaCallOutcome.CredentialsRefused), (call.Command, call.Outcome));
        Assert.Contains(((HestiaReturnCode)exit).ToString(), call.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyId, call.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutation_ApiCredentialsRefused_ReportsCredentialsRefused()
    {
        var observer = new RecordingObserver();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: IP is not allowed to connect with API", 10);

        await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, observers: observer).AddFtpAccountAsync("alice", "example.com", "ftp1", FtpPassword, null, _ct));

        var call = Assert.Single(observer.Calls);
        Assert.Equal((true, HestiaCallOutcome.CredentialsRefused), (call.Mutation, call.Outcome));
    }

    [Fact]
    public async Task Execute_LegacyAuthenticationFailed_ReportsCredentialsRefused()
    {
        var observer = new RecordingObserver();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: authentication failed", 9);

        await Assert.ThrowsAsync<HestiaException>(() => Client(handler, Legacy, observers: observer).ListUsersAsync(_ct));

        Assert.Equal(HestiaCallOutcome.CredentialsRefused, Assert.Single(observer.Calls).Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CheckUserPasswordAsync_PasswordMissmatch_ReportsAnswered(bool legacy)
    {
        var observer = new RecordingObserver();
        var handler = legacy
            ? StubHandler.Always(HttpStatusCode.OK, "Error: password missmatch\n", null)
            : StubHandler.Always(HttpStatusCode.Unauthorized, "Error: password missmatch", 9);

        Assert.False(await Client(handler, legacy ? Legacy : null, observers: observer).CheckUserPasswordAsync("alice", "wrong", Ip, _ct));

        var call = Assert.Single(observer.Calls);
        Assert.Equal((HestiaCommands.CheckUserPassword, HestiaCallOutcome.Answered, (string?)null), (call.Command, call.Outcome, call.Error));
    }

    [Fact]
    public async Task CheckUserPasswordAsync_ApiCredentialsRefused_ReportsCredentialsRefused()
    {
        var observer = new RecordingObserver();
        var handler = StubHandler.Always(HttpStatusCode.Unauthorized, "Error: Invalid secret key for key AbCdEfGhIjKlMnOpQrSt", 9);

        await Assert.ThrowsAsync<HestiaException>(() => Client(handler, observers: observer).CheckUserPasswordAsync("alice", "pw", Ip, _ct));

        Assert.Equal(HestiaCallOutcome.CredentialsRefused, Assert.Single(observer.Calls).Outcome);
    }

    [Fact]
    public async Task Read_TwoFailuresThenAnswer_ReportsEveryAttempt()
    {
        var observer = new RecordingObserver();
        var handler = new StubHandler((_, attempt, _) => attempt switch
        {
            1 => throw new HttpRequestException("Connection refused"),
            2 => Task.FromResult(StubHandler.Reply(HttpStatusCode.BadGateway, "", null)),
            _ => Task.FromResult(StubHandler.Reply(HttpStatusCode.OK, "{\n}", 0)),
        });

        Assert.Empty(await Client(handler, observers: observer).ListWebDomainsAsync("alice", _ct));

        Assert.Equal(3, handler.Count);
        Assert.Equal(
            [HestiaCallOutcome.TransportFailed, HestiaCallOutcome.Answered, HestiaCallOutcome.Answered],
            observer.Calls.Select(c => c.Outcome));
        Assert.All(observer.Calls, c => Assert.Equal(HestiaCommands.ListWebDomains, c.Command));
    }

    [Fact]
    public async Task Read_ThreeTimeouts_ReportsThreeTransportFailures()
    {
        var observer = new RecordingObserver();
        var handler = Hanging();

        await Assert.ThrowsAsync<HestiaException>(() =>
            Client(handler, o => o.ReadTimeout = TimeSpan.FromMilliseconds(50), observers: observer).ListUsersAsync(_ct));

        Assert.Equal(3, handler.Count);
        Assert.Equal(3, observer.Calls.Count);
        Assert.All(observer.Calls, c => Assert.Equal(HestiaCallOutcome.TransportFailed, c.Outcome));
    }

    [Fact]
    public async Task Execute_SeveralObservers_EachHearsEveryExchange()
    {
        var first = new RecordingObserver();
        var second = new RecordingObserver();
        var client = Client(StubHandler.Always(HttpStatusCode.OK, "{\n}", 0), observers: [first, second]);

        await client.ListUsersAsync(_ct);
        await client.ListWebDomainsAsync("alice", _ct);

        Assert.Equal([HestiaCommands.ListUsers, HestiaCommands.ListWebDomains], first.Calls.Select(c => c.Command));
        Assert.Equal(first.Calls, second.Calls);
    }

    [Theory]
    [InlineData("success")]
    [InlineData("business-error")]
    [InlineData("5xx")]
    [InlineData("connection")]
    [InlineData("auth-error")]
    public async Task Execute_ObserverThrows_CallKeepsItsOutcomeAndWarns(string scenario)
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var throwing = new ThrowingObserver();
        var after = new RecordingObserver();
        var state = new HestiaServerState();
        var client = Client(ScenarioHandler(scenario), o => o.ReadRetries = 0, state, logger: factory.CreateLogger<HestiaClient>(), observers: [throwing, after]);

        var ex = await Record.ExceptionAsync(() => client.DeleteFtpAccountAsync("alice", "example.com", "alice_ftp1", _ct));

        var expected = scenario switch
        {
            "success" => (HestiaReturnCode?)null,
            "business-error" => HestiaReturnCode.Invalid,
            "auth-error" => HestiaReturnCode.Password,
            _ => HestiaReturnCode.Connect,
        };
        Assert.Equal(expected, (ex as HestiaException)?.Code);
        Assert.True(ex is null or HestiaException, ex?.ToString());
        Assert.Equal(1, throwing.Calls);
        Assert.Single(after.Calls);
        Assert.Contains(logs.Entries, e => e.StartsWith("Warning: HestiaCP call observer ThrowingObserver failed", StringComparison.Ordinal));
        await using var free = await state.TryEnterMutationAsync(TimeSpan.Zero, _ct);
        Assert.NotNull(free);
    }
}
