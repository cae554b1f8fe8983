using System.Net.Http.Headers;
using System.Net.Http.Json;
using HestiaFtp.Emulator.Standalone;

namespace HestiaFtp.Tests.Emulator.Standalone;

/// <summary>The standalone emulator started in-process on 127.0.0.1:0, and an HTTP client for its API and control endpoint.</summary>
internal sealed class StandaloneHost : IAsyncDisposable
{
    public const string KeyId = "EMULATORTESTKEY00001";
    public const string Secret = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
    public const string AdminPassword = "Admin-Standalone-1";
    public const string Token = "control-token-for-tests-0123";

    private StandaloneHost(StandaloneEmulator emulator) => Emulator = emulator;

    public StandaloneEmulator Emulator { get; }

    public HttpClient Http { get; } = new();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Admin password, admin access key and (unless <paramref name="control"/> is false) the control token.</summary>
    public static EmulatorSecrets Secrets(bool control = true) => new()
    {
        AdminPassword = AdminPassword, AccessKeyId = KeyId, AccessKeySecret = Secret, ControlToken = control ? Token : null,
    };

    /// <summary>Starts with <c>--demo</c> unless told otherwise.</summary>
    public static async Task<StandaloneHost> StartAsync(EmulatorCommandLine? commandLine = null, EmulatorSecrets? secrets = null,
        TimeProvider? time = null, TextWriter? warnings = null) =>
        new(await StandaloneEmulator.StartAsync(commandLine ?? new EmulatorCommandLine { Demo = true }, secrets ?? Secrets(), warnings, time, Ct));

    /// <summary>POSTs a command to <c>/api/</c> with the admin access key.</summary>
    public Task<HttpResponseMessage> ApiAsync(string cmd, params string[] args) =>
        PostFormAsync([("access_key", KeyId), ("secret_key", Secret), ("cmd", cmd), .. args.Select((a, i) => ($"arg{i + 1}", a))]);

    public Task<HttpResponseMessage> PostFormAsync(IEnumerable<(string Key, string Value)> fields) =>
        Http.PostAsync(Emulator.ApiUrl, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))), Ct);

    /// <summary>The body of an API command that must succeed.</summary>
    public async Task<string> ApiTextAsync(string cmd, params string[] args)
    {
        using var response = await ApiAsync(cmd, args);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{cmd}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>A request to <c>/_emulator/{operation}</c> with a JSON body and the given bearer token (none when null).</summary>
    public Task<HttpResponseMessage> ControlAsync(HttpMethod method, string operation, object? body = null, string? token = Token)
    {
        var request = new HttpRequestMessage(method, new Uri(Emulator.Server.BaseUrl, "_emulator/" + operation));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Http.SendAsync(request, Ct);
    }

    /// <summary>Lines of <c>v-list-fs-directory USER DIRECTORY</c> (TYPE|MODE|DATE|TIME|OWNER|GROUP|SIZE|NAME), date and time blanked.</summary>
    public async Task<IReadOnlyList<string>> ListFolderAsync(string user, string directory)
    {
        var body = await ApiTextAsync("v-list-fs-directory", user, directory);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var parts = line.Split('|');
            parts[2] = parts[3] = "";
            return string.Join('|', parts);
        })];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
