using System.Net;
using System.Text;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Standalone;

namespace HestiaFtp.Tests.Emulator.Standalone;

/// <summary>The entry point run in-process: arguments, environment, console and stop signal given by the test.</summary>
public class EmulatorProgramTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_ASecretOnTheCommandLine_ExitsWith2BeforeListening()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await EmulatorProgram.RunAsync(["--urls", "http://127.0.0.1:0", "--admin-password", "Admin-Pass-1"], _ => null, output, error, Ct);

        Assert.Equal(2, exit);
        Assert.Contains("--admin-password refused", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Admin-Pass-1", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task RunAsync_SecretsFromTheEnvironment_PrintsTheUrlServesTheApiAndStopsWhenAsked()
    {
        var environment = new Dictionary<string, string>
        {
            [EmulatorSecrets.AccessKeyVariable] = $"{StandaloneHost.KeyId}:{StandaloneHost.Secret}",
            [EmulatorSecrets.ControlTokenVariable] = StandaloneHost.Token,
        };
        var output = new LineSignal("HestiaCP emulator listening on ");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = EmulatorProgram.RunAsync(["--urls", "http://127.0.0.1:0", "--demo"], environment.GetValueOrDefault, output, TextWriter.Null, stop.Token);
        var apiUrl = new Uri((await output.Line.WaitAsync(TimeSpan.FromSeconds(30), Ct))["HestiaCP emulator listening on ".Length..]);
        using var http = new HttpClient();
        using var response = await http.PostAsync(apiUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["access_key"] = StandaloneHost.KeyId, ["secret_key"] = StandaloneHost.Secret, ["cmd"] = "v-list-users", ["arg1"] = "list",
        }), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        await stop.CancelAsync();
        var exit = await run;

        Assert.Equal("/api/", apiUrl.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("carol", body, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains("Control endpoint on http://127.0.0.1:", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(StandaloneHost.Token, output.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(apiUrl, Ct)); // stopped: the port is closed
    }

    [Fact]
    public async Task RunAsync_Help_PrintsTheUsageWithTheSecretVariables()
    {
        var output = new StringWriter();

        var exit = await EmulatorProgram.RunAsync(["--help"], _ => null, output, TextWriter.Null, Ct);

        Assert.Equal(0, exit);
        Assert.Contains(EmulatorSecrets.SecretsFileVariable, output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A console that completes <see cref="Line"/> with the first line starting with a prefix.</summary>
    private sealed class LineSignal(string prefix) : StringWriter
    {
        private readonly TaskCompletionSource<string> _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Line => _line.Task;

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                _line.TrySetResult(value);
            }
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
