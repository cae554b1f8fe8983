using System.Globalization;
using System.Net;
using HestiaFtp.Core.Hestia.Wire;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace HestiaFtp.Core.Hestia;

/// <summary>
/// The HestiaCP API client of one server: form POSTs to <c>/api/</c> through RestSharp over a factory-made HttpClient.
/// Reads retry transient failures within <see cref="HestiaClientOptions.ReadDeadline"/>; mutations are never retried, wait up
/// to <see cref="HestiaClientOptions.MutationTimeout"/> and are serialized per server; authentication failures
/// (exit 9, 10, 21) are never retried and open a breaker. Errors are <see cref="HestiaException"/>s without arguments.
/// Every HTTP exchange (each attempt of a read) is reported to the <see cref="IHestiaCallObserver"/>s, without arguments.
/// </summary>
public sealed class HestiaClient : IHestiaClient
{
    private const string ExitCodeHeader = "Hestia-Exit-Code";
    private readonly Func<HttpClient> _httpClientFactory;
    private readonly HestiaClientOptions _options;
    private readonly HestiaServerState _state;
    private readonly IReadOnlyList<IHestiaCallObserver> _observers;
    private readonly TimeProvider _time;
    private readonly ILogger<HestiaClient> _logger;

    internal HestiaClient(
        Func<HttpClient> httpClientFactory,
        HestiaClientOptions options,
        HestiaServerState state,
        IReadOnlyList<IHestiaCallObserver> observers,
        TimeProvider time,
        ILogger<HestiaClient> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _state = state;
        _observers = observers;
        _time = time;
        _logger = logger;
    }

    /// <summary>No read retry starts with less than this left of <see cref="HestiaClientOptions.ReadDeadline"/>.</summary>
    internal static readonly TimeSpan MinimumReadAttempt = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the breaker stays open after the API refused our credentials.</summary>
    public static TimeSpan CredentialsBreakerDuration { get; set; } = TimeSpan.FromMinutes(5);

    public string ServerName => _options.Name;

    public async Task<IReadOnlyList<HestiaUser>> ListUsersAsync(CancellationToken cancellationToken)
    {
        var response = await ExecuteAsync(HestiaCommands.ListUsers, ["json"], cancellationToken);
        return HestiaJson.ParseObjects(HestiaCommands.ListUsers, response.Body).Select(e => HestiaJson.ToUser(e.Key, e.Fields)).ToList();
    }

    public async Task<HestiaUser> GetUserAsync(string user, CancellationToken cancellationToken)
    {
        var response = await ExecuteAsync(HestiaCommands.ListUser, [user, "json"], cancellationToken);
        var entry = HestiaJson.ParseObjects(HestiaCommands.ListUser, response.Body).FirstOrDefault();
        return entry.Fields is null
            ? throw new HestiaException(HestiaReturnCode.UnexpectedResponse, HestiaCommands.ListUser, "no user in the answer")
            : HestiaJson.ToUser(entry.Key, entry.Fields);
    }

    public async Task<IReadOnlyList<WebDomain>> ListWebDomainsAsync(string user, CancellationToken cancellationToken)
    {
        var response = await ExecuteAsync(HestiaCommands.ListWebDomains, [user, "json"], cancellationToken);
        return HestiaJson.ParseObjects(HestiaCommands.ListWebDomains, response.Body).Select(e => HestiaJson.ToWebDomain(user, e.Key, e.Fields)).ToList();
    }

    public async Task<WebDomain> GetWebDomainAsync(string user, string domain, CancellationToken cancellationToken)
    {
        var response = await ExecuteAsync(HestiaCommands.ListWebDomain, [user, domain, "json"], cancellationToken);
        var entry = HestiaJson.ParseObjects(HestiaCommands.ListWebDomain, response.Body).FirstOrDefault();
        return entry.Fields is null
            ? throw new HestiaException(HestiaReturnCode.UnexpectedResponse, HestiaCommands.ListWebDomain, "no domain in the answer")
            : HestiaJson.ToWebDomain(user, entry.Key, entry.Fields);
    }

    public async Task<bool> CheckUserPasswordAsync(string user, string password, string clientIp, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(HestiaCommands.CheckUserPassword, [user, password, clientIp], cancellationToken);
            return true;
        }
        catch (HestiaException ex) when (IsEndUserPasswordFailure(ex) || ex.Code is HestiaReturnCode.NotExist or HestiaReturnCode.Invalid)
        {
            return false;
        }
    }

    public Task AddFtpAccountAsync(string user, string domain, string loginSuffix, string password, string? path, CancellationToken cancellationToken) =>
        ExecuteAsync(HestiaCommands.AddWebDomainFtp,
            string.IsNullOrEmpty(path) ? [user, domain, loginSuffix, password] : [user, domain, loginSuffix, password, path],
            cancellationToken);

    public Task ChangeFtpPasswordAsync(string user, string domain, string login, string password, CancellationToken cancellationToken) =>
        ExecuteAsync(HestiaCommands.ChangeWebDomainFtpPassword, [user, domain, login, password], cancellationToken);

    public Task ChangeFtpPathAsync(string user, string domain, string login, string path, CancellationToken cancellationToken) =>
        ExecuteAsync(HestiaCommands.ChangeWebDomainFtpPath, [user, domain, login, path], cancellationToken);

    public Task DeleteFtpAccountAsync(string user, string domain, string login, CancellationToken cancellationToken) =>
        ExecuteAsync(HestiaCommands.DeleteWebDomainFtp, [user, domain, login], cancellationToken);

    public async Task<bool> FolderExistsAsync(string user, string domain, string relativePath, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(HestiaCommands.CheckFsPermission, [user, AbsoluteFolder(user, domain, relativePath)], cancellationToken);
            return true;
        }
        catch (HestiaException ex) when (ex.Code is HestiaReturnCode.Args or HestiaReturnCode.Invalid or HestiaReturnCode.NotExist)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<FsEntry>?> ListFolderAsync(string user, string domain, string relativePath, CancellationToken cancellationToken)
    {
        HestiaResponse response;
        try
        {
            response = await ExecuteAsync(HestiaCommands.ListFsDirectory, [user, AbsoluteFolder(user, domain, relativePath)], cancellationToken);
        }
        catch (HestiaException ex) when (ex.Code is HestiaReturnCode.Args or HestiaReturnCode.Invalid or HestiaReturnCode.NotExist)
        {
            return null;
        }
        var entries = new List<FsEntry>();
        foreach (var line in response.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // type|mode|date|time|owner|group|size|name; the first line is the folder itself (empty name).
            var fields = line.Split('|', 8);
            if (fields.Length == 8 && fields[0].Length == 1 && fields[7].Length > 0 && fields[7] is not "." and not "..")
            {
                entries.Add(new FsEntry(fields[0][0], fields[7]));
            }
        }
        return entries;
    }

    /// <summary><c>/home/USER/web/DOMAIN</c> plus a relative folder given as <c>a/b</c> or <c>/a/b</c>.</summary>
    internal static string AbsoluteFolder(string user, string domain, string relativePath)
    {
        var normalized = HestiaJson.NormalizePath(relativePath ?? "");
        return $"/home/{user}/web/{domain}{normalized}";
    }

    private static bool IsEndUserPasswordFailure(HestiaException ex) =>
        ex.Command == HestiaCommands.CheckUserPassword && ex.Code == HestiaReturnCode.Password
        && ex.HestiaMessage.Contains("password missmatch", StringComparison.Ordinal);

    private async Task<HestiaResponse> ExecuteAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (_state.TryGetOpenBreaker(_time.GetUtcNow(), out var refused))
        {
            throw new HestiaException(refused, command, "HestiaCP refused the dashboard's API credentials earlier; calls are paused so fail2ban does not ban the dashboard");
        }
        var mutation = HestiaCommands.IsMutation(command);
        if (!mutation)
        {
            return await ReadWithRetriesAsync(command, args, cancellationToken);
        }
        // Mutations of one server are serialized (HestiaCP has no locking); a wait that runs out sends nothing.
        await using var held = await _state.TryEnterMutationAsync(_options.MutationLockWait, cancellationToken)
            ?? throw new HestiaException(HestiaReturnCode.Busy, command, "another change to this HestiaCP server is still running; nothing was sent");
        return await SendOnceAsync(command, args, mutation: true, _options.MutationTimeout, cancellationToken);
    }

    /// <summary>
    /// One read within <see cref="HestiaClientOptions.ReadDeadline"/>, retries and back-off included: each attempt waits at
    /// most the smaller of <see cref="HestiaClientOptions.ReadTimeout"/> and what is left, and no retry starts with less
    /// than <see cref="MinimumReadAttempt"/> left.
    /// </summary>
    private async Task<HestiaResponse> ReadWithRetriesAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var left = _options.ReadDeadline - _time.GetElapsedTime(started);
            var timeout = left < _options.ReadTimeout ? left : _options.ReadTimeout;
            try
            {
                return await SendOnceAsync(command, args, mutation: false, timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, cancellationToken);
            }
            catch (HestiaException ex) when (ex.Code == HestiaReturnCode.Connect && attempt < _options.ReadRetries && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt) * (0.5 + System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000) / 1000.0));
                if (_options.ReadDeadline - _time.GetElapsedTime(started) - delay < MinimumReadAttempt)
                {
                    _logger.LogInformation("HestiaCP {Command} on {Server} failed ({Code}); no retry, the {Deadline} ms read deadline is spent",
                        command, ServerName, ex.Code, (int)_options.ReadDeadline.TotalMilliseconds);
                    throw;
                }
                _logger.LogInformation("HestiaCP {Command} on {Server} failed ({Code}); retry {Attempt} in {Delay} ms", command, ServerName, ex.Code, attempt + 1, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private async Task<HestiaResponse> SendOnceAsync(string command, IReadOnlyList<string> args, bool mutation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new RestRequest("api/", Method.Post) { AlwaysMultipartFormData = false };
        if (_options.UsesAccessKey)
        {
            request.AddParameter("access_key", _options.AccessKey!, ParameterType.GetOrPost);
            request.AddParameter("secret_key", _options.SecretKey ?? "", ParameterType.GetOrPost);
        }
        else
        {
            request.AddParameter("user", _options.LegacyUser ?? "", ParameterType.GetOrPost);
            request.AddParameter("password", _options.LegacyPassword ?? "", ParameterType.GetOrPost);
        }
        request.AddParameter("cmd", command, ParameterType.GetOrPost);
        for (var i = 0; i < args.Count; i++)
        {
            request.AddParameter($"arg{i + 1}", args[i], ParameterType.GetOrPost);
        }

        // The timer runs on the injected TimeProvider, like the back-off, so a fake clock drives the whole read deadline.
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var started = _time.GetTimestamp();
        RestResponse response;
        try
        {
            using var rest = new RestClient(_httpClientFactory(), new RestClientOptions(_options.BaseUrl!) { ThrowOnAnyError = false }, disposeHttpClient: true);
            response = await rest.ExecuteAsync(request, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: nothing is known about the server, so nothing is reported.
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw TransportFailed(command, mutation, "timed out", ex, started);
        }
        catch (HttpRequestException ex)
        {
            throw TransportFailed(command, mutation, "connection failed", ex, started);
        }

        // RestSharp marks non-2xx answers as errors; only "no HTTP answer at all" is a transport failure.
        if (response.StatusCode == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = response.ResponseStatus == ResponseStatus.TimedOut || timer.IsCancellationRequested ? "timed out" : "connection failed";
            throw TransportFailed(command, mutation, reason, response.ErrorException, started);
        }

        HestiaResponse result;
        try
        {
            result = Interpret(command, mutation, response);
        }
        catch (HestiaException)
        {
            // HTTP 5xx or an answer without an exit code: the server answered, so it is not an outage.
            Report(command, mutation, HestiaCallOutcome.Answered, started, null);
            throw;
        }
        var elapsed = _time.GetElapsedTime(started);
        _logger.LogInformation("HestiaCP {Command} on {Server}: exit {ExitCode}, HTTP {Status} in {Elapsed} ms",
            command, ServerName, result.ExitCode, (int)response.StatusCode, (int)elapsed.TotalMilliseconds);
        if (result.ExitCode == 0)
        {
            Report(command, mutation, HestiaCallOutcome.Answered, started, null);
            return result;
        }
        var code = ToCode(result.ExitCode);
        var failure = new HestiaException(code, command, FirstLine(result.Body));
        if (code.IsAuthenticationFailure() && !IsEndUserPasswordFailure(failure))
        {
            _state.OpenBreaker(code, _time.GetUtcNow() + CredentialsBreakerDuration);
            _logger.LogError("HestiaCP {Server} refused the dashboard's API credentials ({Code}): calls paused for {Minutes} min to avoid a fail2ban ban",
                ServerName, code, CredentialsBreakerDuration.TotalMinutes);
            Report(command, mutation, HestiaCallOutcome.CredentialsRefused, started, $"HestiaCP refused the dashboard's API credentials ({code})");
        }
        else
        {
            Report(command, mutation, HestiaCallOutcome.Answered, started, null);
        }
        throw failure;
    }

    private HestiaException TransportFailed(string command, bool mutation, string reason, Exception? inner, long started)
    {
        var failure = Transport(command, mutation, reason, inner);
        var detail = inner is null or OperationCanceledException ? null : inner.GetBaseException().Message;
        Report(command, mutation, HestiaCallOutcome.TransportFailed, started, string.IsNullOrEmpty(detail) ? reason : $"{reason}: {detail}");
        return failure;
    }

    /// <summary>Tells every observer about one exchange. An observer's failure is logged and never breaks the call.</summary>
    private void Report(string command, bool mutation, HestiaCallOutcome outcome, long started, string? error)
    {
        if (_observers.Count == 0)
        {
            return;
        }
        var call = new HestiaCallRecord(ServerName, command, mutation, outcome, _time.GetElapsedTime(started), error);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnCallCompleted(call);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "HestiaCP call observer {Observer} failed on {Command} for {Server}", observer.GetType().Name, command, ServerName);
            }
        }
    }

    private HestiaException Transport(string command, bool mutation, string reason, Exception? inner)
    {
        _logger.LogWarning("HestiaCP {Command} on {Server} {Reason}: {Error}", command, ServerName, reason, inner?.GetBaseException().Message);
        // A mutation may have reached the server (hestiacp#797: HTTP 500 although the account was created).
        return new HestiaException(HestiaReturnCode.Connect, command, $"HestiaCP server {reason}", inner, outcomeUnknown: mutation);
    }

    /// <summary>Applies HestiaCP's response rules (hestiacp-api.md §1.7, observed §2) and returns exit code and output.</summary>
    private HestiaResponse Interpret(string command, bool mutation, RestResponse response)
    {
        var body = response.Content ?? "";
        var status = (int)response.StatusCode;
        var header = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, ExitCodeHeader, StringComparison.OrdinalIgnoreCase))?.Value;
        if (header is null)
        {
            header = response.ContentHeaders?.FirstOrDefault(h => string.Equals(h.Name, ExitCodeHeader, StringComparison.OrdinalIgnoreCase))?.Value;
        }
        if (status >= 500)
        {
            throw Transport(command, mutation, $"answered HTTP {status}", null);
        }
        if (header is not null && int.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var exit))
        {
            return new HestiaResponse(exit, body);
        }
        if (status == (int)HttpStatusCode.MethodNotAllowed)
        {
            return new HestiaResponse((int)HestiaReturnCode.InvalidRequest, body);
        }
        if (status != 200)
        {
            throw new HestiaException(HestiaReturnCode.UnexpectedResponse, command, $"HTTP {status} without {ExitCodeHeader}");
        }
        // Legacy (user/password) answers: no header, "OK" means "no output", a failure is visible only as its text.
        var text = body.EndsWith('\n') ? body[..^1] : body;
        if (text == "OK")
        {
            return new HestiaResponse(0, "");
        }
        return LegacyFailureCode(text) is { } legacyCode ? new HestiaResponse(legacyCode, text) : new HestiaResponse(0, text);
    }

    /// <summary>Legacy answers carry no exit code; HestiaCP's messages are stable enough to classify (documented in README).</summary>
    internal static int? LegacyFailureCode(string text)
    {
        if (text.StartsWith("Usage:", StringComparison.Ordinal))
        {
            return (int)HestiaReturnCode.Args;
        }
        if (text.StartsWith("ERROR: Unable to perform operation", StringComparison.Ordinal))
        {
            return (int)HestiaReturnCode.Args;
        }
        if (!text.StartsWith("Error:", StringComparison.Ordinal))
        {
            return null;
        }
        return text switch
        {
            _ when text.Contains("already exists", StringComparison.Ordinal) => (int)HestiaReturnCode.Exists,
            _ when text.Contains("is not suspended", StringComparison.Ordinal) => (int)HestiaReturnCode.Unsuspended,
            _ when text.Contains("is suspended", StringComparison.Ordinal) => (int)HestiaReturnCode.Suspended,
            _ when text.Contains("doesn't exist", StringComparison.Ordinal) => (int)HestiaReturnCode.NotExist,
            _ when text.Contains("password missmatch", StringComparison.Ordinal) => (int)HestiaReturnCode.Password,
            _ when text.Contains("authentication failed", StringComparison.Ordinal) => (int)HestiaReturnCode.Password,
            _ when text.Contains("not allowed", StringComparison.Ordinal) => (int)HestiaReturnCode.Forbidden,
            _ when text.Contains("can't read", StringComparison.Ordinal) => (int)HestiaReturnCode.Args,
            _ => (int)HestiaReturnCode.Invalid,
        };
    }

    private static HestiaReturnCode ToCode(int exit) =>
        Enum.IsDefined(typeof(HestiaReturnCode), exit) ? (HestiaReturnCode)exit : HestiaReturnCode.UnexpectedResponse;

    private static string FirstLine(string body)
    {
        var trimmed = body.Trim();
        var newline = trimmed.IndexOf('\n');
        var line = newline < 0 ? trimmed : trimmed[..newline];
        return line.Length > 300 ? line[..300] : line;
    }
}
