using System.Net;
using HestiaFtp.Emulator.Seeding;
using HestiaFtp.Emulator.Standalone;

namespace HestiaFtp.Tests.Emulator.Standalone;

/// <summary>Starting the standalone emulator: secrets applied, and both seed formats.</summary>
public sealed class StandaloneEmulatorTests : IDisposable
{
    private readonly string _seed = Path.Combine(Path.GetTempPath(), $"hestia-emulator-seed-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_seed);

    [Fact]
    public async Task Start_WithTheAdminPassword_AcceptsItOnTheLegacyApi_AndRefusesAnother()
    {
        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine(), StandaloneHost.Secrets(control: false));

        using var right = await host.PostFormAsync([("user", "admin"), ("password", StandaloneHost.AdminPassword), ("cmd", "v-list-users"), ("arg1", "json")]);
        using var wrong = await host.PostFormAsync([("user", "admin"), ("password", "Admin-Demo-2026"), ("cmd", "v-list-users"), ("arg1", "json")]);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("\"admin\"", await right.Content.ReadAsStringAsync(StandaloneHost.Ct), StringComparison.Ordinal);
        Assert.Equal("Error: authentication failed", await wrong.Content.ReadAsStringAsync(StandaloneHost.Ct));
    }

    [Fact]
    public async Task Start_WithTheAccessKey_AcceptsIt_AndRefusesAWrongSecret()
    {
        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine(), StandaloneHost.Secrets(control: false));

        using var right = await host.ApiAsync("v-list-users", "json");
        using var wrong = await host.PostFormAsync([("access_key", StandaloneHost.KeyId), ("secret_key", new string('x', 40)), ("cmd", "v-list-users")]);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Start_WithoutAnySecret_WarnsThatTheApiRefusesEverything()
    {
        var warnings = new StringWriter();
        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine(), new EmulatorSecrets(), warnings: warnings);

        using var response = await host.PostFormAsync([("user", "admin"), ("password", ""), ("cmd", "v-list-users")]);

        Assert.Contains(EmulatorSecrets.AdminPasswordVariable, warnings.ToString(), StringComparison.Ordinal);
        Assert.Equal("Error: authentication failed", await response.Content.ReadAsStringAsync(StandaloneHost.Ct));
    }

    [Fact]
    public async Task Seed_AStateSnapshot_IsThePanel()
    {
        File.WriteAllText(_seed, EmulatorSeedJson.Write(new EmulatorSeed
        {
            Users = new(StringComparer.Ordinal)
            {
                ["admin"] = new() { Role = "admin" },
                ["dana"] = new() { Domains = new(StringComparer.Ordinal) { ["dana.example"] = new() { Ip = "192.0.2.5" } } },
            },
        }));

        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine { SeedFile = _seed });

        Assert.Equal("admin\ndana", await host.ApiTextAsync("v-list-users", "list"));
        Assert.Contains("\"IP\": \"192.0.2.5\"", await host.ApiTextAsync("v-list-web-domain", "dana", "dana.example", "json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_ATranscriptWithAnInitialState_UsesThatState()
    {
        File.WriteAllText(_seed, """{ "initialState": { "rootUser": "admin", "users": { "admin": { "role": "admin" }, "erin": {} } }, "requests": [] }""");

        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine { SeedFile = _seed });

        Assert.Equal("admin\nerin", await host.ApiTextAsync("v-list-users", "list"));
    }

    [Fact]
    public async Task Seed_AListOfSteps_AppliesApiCommandsAndControlOperationsInOrder()
    {
        File.WriteAllText(_seed, """
            [
              { "cmd": "v-add-web-domain", "args": ["alice", "steps.example"] },
              { "control": "folder", "path": "/home/alice/web/steps.example/public_html/reports", "owner": "alice", "group": "www-data", "mode": "755" },
              { "cmd": "v-add-web-domain-ftp", "args": ["alice", "steps.example", "reports", "Reports-Pass-2026", "public_html/reports"] }
            ]
            """);

        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine { Demo = true, SeedFile = _seed });

        Assert.Contains("\"FTP_USER\": \"alice_reports\"", await host.ApiTextAsync("v-list-web-domain", "alice", "steps.example", "json"), StringComparison.Ordinal);
        Assert.Contains("d|755|||alice|www-data|4096|reports", await host.ListFolderAsync("alice", "/home/alice/web/steps.example/public_html"));
    }

    [Fact]
    public async Task Seed_AFailingStep_StopsTheStartNamingTheStepNotItsArguments()
    {
        File.WriteAllText(_seed, """
            [
              { "cmd": "v-add-web-domain", "args": ["alice", "steps.example"] },
              { "cmd": "v-add-web-domain-ftp", "args": ["alice", "missing.example", "media", "Media-Pass-2026"] }
            ]
            """);

        var ex = await Assert.ThrowsAsync<EmulatorStartException>(() =>
            StandaloneEmulator.StartAsync(new EmulatorCommandLine { Demo = true, SeedFile = _seed }, StandaloneHost.Secrets(), ct: StandaloneHost.Ct));

        Assert.Equal("Seed step 2 (v-add-web-domain-ftp) exited 3: Error: web domain missing.example doesn't exist", ex.Message);
    }

    [Fact]
    public async Task Seed_ASnapshotWithDemo_IsRefused()
    {
        File.WriteAllText(_seed, """{ "users": { "admin": {} } }""");

        var ex = await Assert.ThrowsAsync<EmulatorStartException>(() =>
            StandaloneEmulator.StartAsync(new EmulatorCommandLine { Demo = true, SeedFile = _seed }, StandaloneHost.Secrets(), ct: StandaloneHost.Ct));

        Assert.Contains("cannot be combined with --demo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_TheSnapshotExample_StartsAsDocumented()
    {
        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine { SeedFile = Example("snapshot.json") });

        var domains = await host.ApiTextAsync("v-list-web-domains", "alice", "json");

        Assert.Contains("\"FTP_USER\": \"alice_media\"", domains, StringComparison.Ordinal);
        Assert.Contains("\"SUSPENDED\": \"yes\"", domains, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_TheStepsExample_StartsAsDocumented()
    {
        await using var host = await StandaloneHost.StartAsync(new EmulatorCommandLine { Demo = true, SeedFile = Example("steps.json") });

        Assert.Contains("\"FTP_USER\": \"alice_uploads\"", await host.ApiTextAsync("v-list-web-domain", "alice", "shop.example", "json"), StringComparison.Ordinal);
        Assert.Equal(
            ["d|755|||alice|www-data|4096|", "f|644|||alice|alice|482113|catalogue.pdf"],
            await host.ListFolderAsync("alice", "/home/alice/web/shop.example/public_html/uploads"));
        Assert.Contains("l|777|||alice|alice|21|latest", await host.ListFolderAsync("alice", "/home/alice/web/shop.example/public_html"));
        Assert.Contains("\"SUSPENDED\": \"yes\"", await host.ApiTextAsync("v-list-web-domain", "carol", "yoga-rivage.fr", "json"), StringComparison.Ordinal);
    }

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Emulator", "Examples", name);
}
