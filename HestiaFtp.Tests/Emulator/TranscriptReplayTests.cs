using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HestiaFtp.Emulator;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Emulator;

/// <summary>
/// Replays every step of the real HestiaCP 1.10.3 transcript against <see cref="EmulatorServer"/> over loopback
/// and compares status, Hestia-Exit-Code, Content-Type and body (TIME/DATE/RKEY and key ids as placeholders).
/// Server-side 'observed' lines are checked against the emulator's readers; 'serverChange' and 'outOfBand'
/// entries are applied through <see cref="EmulatorControl"/>.
/// </summary>
public sealed class TranscriptReplayTests
{
    private const string AdminPass = "Rig-Admin-Pass-2026";

    [Fact]
    public async Task Replay_AllTranscriptSteps_MatchRecordedResponses()
    {
        using var fixture = TranscriptFixture.Load();
        var root = fixture.RootElement;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 15, 30, 28, TimeSpan.Zero));
        var emulator = HestiaEmulator.Create(BuildSeed(root.GetProperty("initialState")), time);
        var (adminKey, adminSecret) = emulator.Control.CreateAccessKey("admin");
        await using var server = await EmulatorServer.StartAsync(emulator, ct: TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        var placeholders = new Dictionary<string, string>
        {
            ["$ACCESS_KEY"] = adminKey, ["$SECRET"] = adminSecret, ["$ADMIN_PASS"] = AdminPass,
            ["$USER_KEY"] = "(no user key yet)", ["$USER_SECRET"] = "(no user key yet)",
        };
        var mismatches = new List<string>();
        var requests = 0;
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            var label = step.TryGetProperty("id", out var id) ? $"step[{index}] #{id.GetInt32()} {step.GetProperty("title").GetString()}" : $"step[{index}]";
            if (step.TryGetProperty("serverChange", out var change))
            {
                ApplyServerChange(emulator, change.GetString()!, placeholders);
                continue;
            }

            if (step.TryGetProperty("observed", out var observed))
            {
                CheckObserved(emulator, observed.GetString()!, label, mismatches);
                continue;
            }

            requests++;
            await CompareRequestAsync(http, step, placeholders, label, mismatches);
            if (step.TryGetProperty("after", out var after))
            {
                foreach (var entry in after.EnumerateArray())
                {
                    if (entry.TryGetProperty("observed", out var o))
                    {
                        CheckObserved(emulator, o.GetString()!, label + " (after)", mismatches);
                    }
                    else if (entry.TryGetProperty("outOfBand", out var oob))
                    {
                        var args = oob.GetProperty("args").EnumerateArray().Select(x => x.GetString()!).ToArray();
                        var result = emulator.Control.Run(oob.GetProperty("command").GetString()!, args);
                        if (result.ExitCode != 0)
                        {
                            mismatches.Add($"{label}: out-of-band {oob} failed: {result.ExitCode} {result.Output}");
                        }
                    }
                }
            }
        }

        Assert.Equal(128, requests);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatch(es):\n" + string.Join("\n\n", mismatches));
    }

    /// <summary>The fixture's initialState, plus what the recording server's user.conf/web.conf held but the fixture omits.</summary>
    private static EmulatorSeed BuildSeed(JsonElement initialState)
    {
        var seed = EmulatorSeedJson.Parse(initialState.GetRawText());
        var users = new Dictionary<string, EmulatorSeedUser>(StringComparer.Ordinal);
        foreach (var (name, user) in seed.Users)
        {
            var fields = new Dictionary<string, string>
            {
                ["NAME"] = name == "alice" ? "Rig Test User" : "System Administrator",
                ["CONTACT"] = $"{name}@example.test",
                ["NS"] = "ns1.example.test,ns2.example.test",
                ["TIME"] = "15:30:27",
                ["DATE"] = "2026-11-28",
            };
            var domains = user.Domains?.ToDictionary(
                kv => kv.Key,
                kv => kv.Value with { Fields = new Dictionary<string, string> { ["TIME"] = "15:30:28", ["DATE"] = "2026-11-28" } },
                StringComparer.Ordinal);
            users[name] = user with { Fields = fields, Domains = domains, Password = name == "admin" ? AdminPass : user.Password };
        }

        return seed with
        {
            Users = users,
            Config = new EmulatorSeedConfig { Api = "yes", ApiSystem = 1, ApiAllowedIp = "127.0.0.1" },
        };
    }

    private static void ApplyServerChange(HestiaEmulator emulator, string text, Dictionary<string, string> placeholders)
    {
        var control = emulator.Control;
        if (text.StartsWith("created via CLI: v-add-access-key alice purge-nginx-cache", StringComparison.Ordinal))
        {
            var (key, secret) = control.CreateAccessKey("alice", ["purge-nginx-cache"]);
            placeholders["$USER_KEY"] = key;
            placeholders["$USER_SECRET"] = secret;
        }
        else if (text.StartsWith("API_SYSTEM set to 2", StringComparison.Ordinal))
        {
            control.SetApiSystem(2);
        }
        else if (text.StartsWith("API_SYSTEM back to 1, user key deleted", StringComparison.Ordinal))
        {
            control.SetApiSystem(1);
            control.RemoveAccessKey(placeholders["$USER_KEY"]);
        }
        else if (text.StartsWith("API_ALLOWED_IP set to '' ", StringComparison.Ordinal))
        {
            control.SetApiAllowedIp("");
        }
        else if (text.StartsWith("API_ALLOWED_IP set to '10.9.9.9'", StringComparison.Ordinal))
        {
            control.SetApiAllowedIp("10.9.9.9");
        }
        else if (text == "API_ALLOWED_IP restored")
        {
            control.SetApiAllowedIp("127.0.0.1");
        }
        else if (text.StartsWith("cleanup done", StringComparison.Ordinal))
        {
            foreach (var account in control.GetFtpAccounts("alice", "example.com"))
            {
                control.DeleteFtpAccountDirect("alice", "example.com", account.Login);
            }

            control.UnsuspendWebDomain("alice", "example.com");
        }
        else
        {
            throw new InvalidOperationException("Unknown serverChange: " + text);
        }
    }

    private static async Task CompareRequestAsync(HttpClient http, JsonElement step, Dictionary<string, string> placeholders, string label, List<string> mismatches)
    {
        string Sub(string s) => placeholders.Aggregate(s, (acc, kv) => acc.Replace(kv.Key, kv.Value, StringComparison.Ordinal));

        var req = step.GetProperty("request");
        var method = req.GetProperty("method").GetString()!;
        using var message = new HttpRequestMessage(new HttpMethod(method), "api/");
        if (method == "POST")
        {
            var encoding = req.GetProperty("encoding").GetString();
            if (encoding == "json")
            {
                message.Content = new StringContent(Sub(req.GetProperty("body").GetString()!), Encoding.UTF8, "application/json");
            }
            else
            {
                var fields = req.GetProperty("fields").EnumerateArray()
                    .Select(f => new KeyValuePair<string, string>(f[0].GetString()!, Sub(f[1].GetString()!))).ToList();
                message.Content = new FormUrlEncodedContent(fields);
            }
        }

        using var response = await http.SendAsync(message, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        int? exitHeader = response.Headers.TryGetValues("Hestia-Exit-Code", out var values)
            ? int.Parse(values.Single(), CultureInfo.InvariantCulture) : null;
        var contentType = response.Content.Headers.ContentType?.ToString();

        var expected = step.GetProperty("response");
        var expectedStatus = expected.GetProperty("status").GetInt32();
        int? expectedExit = expected.GetProperty("exitCodeHeader").ValueKind == JsonValueKind.Null ? null : expected.GetProperty("exitCodeHeader").GetInt32();
        var expectedBody = Sub(expected.GetProperty("body").GetString()!);
        var expectedType = expected.GetProperty("contentType").GetString();

        var problems = new List<string>();
        if ((int)response.StatusCode != expectedStatus)
        {
            problems.Add($"status {(int)response.StatusCode} != {expectedStatus}");
        }

        if (exitHeader != expectedExit)
        {
            problems.Add($"Hestia-Exit-Code {exitHeader?.ToString(CultureInfo.InvariantCulture) ?? "(absent)"} != {expectedExit?.ToString(CultureInfo.InvariantCulture) ?? "(absent)"}");
        }

        if (Normalize(body) != Normalize(expectedBody))
        {
            problems.Add($"body differs:\n--- expected\n{expectedBody}\n--- actual\n{body}");
        }

        if (expectedBody.Length > 0 && !string.Equals(contentType, expectedType, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"content type {contentType} != {expectedType}");
        }

        if (problems.Count > 0)
        {
            mismatches.Add($"{label}: " + string.Join("; ", problems));
        }
    }

    /// <summary>TIME, DATE and RKEY values vary per server: compare them as placeholders.</summary>
    private static string Normalize(string body)
    {
        body = Regex.Replace(body, @"\b\d{2}:\d{2}:\d{2}\b", "<TIME>");
        body = Regex.Replace(body, @"\b\d{4}-\d{2}-\d{2}\b", "<DATE>");
        return Regex.Replace(body, "\"RKEY\": \"[^\"]*\"", "\"RKEY\": \"<RKEY>\"");
    }

    private static readonly Regex WebConfState = new(@"^state: web\.conf: `FTP_USER='(?<u>[^']*)' FTP_MD5='[^']*' FTP_PATH='(?<p>[^']*)' SUSPENDED='(?<s>[^']*)' `$");
    private static readonly Regex PasswdState = new(@"^state: /etc/passwd: `(?<lines>.*)`$");
    private static readonly Regex ShadowState = new(@"^state: shadow prefixes: `(?<lines>.*)`$");
    private static readonly Regex PeekSlot = new(@"^peek (?<n>\S+): slot (?<slot>\d+) of FTP_USER; FTP_PATH slot='(?<p>[^']*)'");
    private static readonly Regex PeekPasswd = new(@"^peek (?<n>\S+): passwd: `(?<line>.*)`$");
    private static readonly Regex PeekPassword = new(@"^peek (?<n>\S+): password '(?<pw>.*)' matches shadow: (?<yn>yes|no)$");
    private static readonly Regex PeekAbsent = new(@"^peek (?<n>\S+): not in web\.conf FTP_USER$");
    private static readonly Regex CreatedDir = new(@"^ls -ld of created dir: `.* (?<path>/home/\S+)`$");
    private static readonly Regex DeletedEntry = new(@"^after domain delete: passwd entry for (?<n>\S+): ``$");

    private static void CheckObserved(HestiaEmulator emulator, string text, string label, List<string> mismatches)
    {
        var control = emulator.Control;
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                mismatches.Add($"{label}: observed '{text}' not reproduced: {what}");
            }
        }

        Match m;
        if ((m = WebConfState.Match(text)).Success)
        {
            var d = control.GetDomains("alice").Single(x => x.Name == "example.com");
            Expect(d.FtpUser == m.Groups["u"].Value && d.FtpPath == m.Groups["p"].Value && (d.Suspended ? "yes" : "no") == m.Groups["s"].Value,
                $"FTP_USER='{d.FtpUser}' FTP_PATH='{d.FtpPath}' SUSPENDED={d.Suspended}");
        }
        else if ((m = PasswdState.Match(text)).Success)
        {
            var expected = m.Groups["lines"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(':')).Select(f => $"{f[0]}={f[5]}").ToList();
            var actual = control.GetSystemAccounts("alice_").Select(n => $"{n}={control.HomeOf(n)}").ToList();
            Expect(expected.SequenceEqual(actual), string.Join(' ', actual));
        }
        else if ((m = ShadowState.Match(text)).Success)
        {
            var expected = m.Groups["lines"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => $"{l.Split(':')[0]}={l.Contains(":!", StringComparison.Ordinal)}").ToList();
            var actual = control.GetSystemAccounts("alice_").Select(n => $"{n}={control.IsLocked(n)}").ToList();
            Expect(expected.SequenceEqual(actual), string.Join(' ', actual));
        }
        else if ((m = PeekSlot.Match(text)).Success)
        {
            var accounts = control.GetFtpAccounts("alice", "example.com");
            var slot = int.Parse(m.Groups["slot"].Value, CultureInfo.InvariantCulture);
            Expect(accounts.Count >= slot && accounts[slot - 1].Login == m.Groups["n"].Value && accounts[slot - 1].Path == m.Groups["p"].Value,
                string.Join(',', accounts));
        }
        else if ((m = PeekPasswd.Match(text)).Success)
        {
            var line = m.Groups["line"].Value;
            var home = line.Length == 0 ? null : line.Split(':')[5];
            Expect(control.HomeOf(m.Groups["n"].Value) == home, $"home {control.HomeOf(m.Groups["n"].Value)}");
        }
        else if ((m = PeekPassword.Match(text)).Success)
        {
            var matches = control.PasswordOf(m.Groups["n"].Value) == m.Groups["pw"].Value;
            Expect(matches == (m.Groups["yn"].Value == "yes"), $"password matches = {matches}");
        }
        else if ((m = PeekAbsent.Match(text)).Success)
        {
            var name = m.Groups["n"].Value;
            Expect(control.GetFtpAccounts("alice", "example.com").All(a => a.Login != name) && control.PasswordOf(name) is null, "account exists");
        }
        else if ((m = CreatedDir.Match(text)).Success)
        {
            Expect(control.PathExists(m.Groups["path"].Value), "folder missing");
        }
        else if ((m = DeletedEntry.Match(text)).Success)
        {
            Expect(control.PasswordOf(m.Groups["n"].Value) is null && control.HomeOf(m.Groups["n"].Value) is null, "passwd entry still there");
        }
        else
        {
            mismatches.Add($"{label}: unrecognised observed line '{text}'");
        }
    }
}
