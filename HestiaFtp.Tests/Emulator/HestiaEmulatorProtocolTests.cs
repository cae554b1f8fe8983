using System.Text.Json;
using HestiaFtp.Emulator;

namespace HestiaFtp.Tests.Emulator;

/// <summary>Transport, authentication and response shaping of /api/index.php beyond what the transcript covers.</summary>
public sealed class HestiaEmulatorProtocolTests
{
    private static EmulatorTestHost UserKeyHost(out string keyId, out string secret, bool suspendAlice = false)
    {
        var host = new EmulatorTestHost(c =>
        {
            c.SetApiSystem(2);
            c.SetApiProfile("ftp-manager", ["v-list-web-domains", "v-add-web-domain-ftp", "v-list-users"]);
        });
        (keyId, secret) = host.Control.CreateAccessKey("alice", ["ftp-manager"]);
        if (suspendAlice)
        {
            host.Control.SuspendUser("alice");
        }

        return host;
    }

    [Fact]
    public void Handle_UserKeyNamingAnotherUser_Returns401WithLiteralBackslashes()
    {
        var host = UserKeyHost(out var key, out var secret);

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(key, secret, "v-add-web-domain-ftp", "admin", "example.com", "x1", "Passw0rd-1"));

        Assert.Equal(new EmulatorResponse(401, 10, "text/html; charset=UTF-8",
            $"Error: Key {key} - the \"user\" argument doesn\\'t match the key\\'s user"), response);
        Assert.Empty(host.Control.GetSystemAccounts("admin_"));
    }

    [Fact]
    public void Handle_UserKeyNamingItsOwnUser_RunsTheCommand()
    {
        var host = UserKeyHost(out var key, out var secret);

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(key, secret, "v-add-web-domain-ftp", "alice", "example.com", "x1", "Passw0rd-1"));

        Assert.Equal(204, response.Status);
        Assert.Equal("alice_x1", Assert.Single(host.Control.GetFtpAccounts("alice", "example.com")).Login);
    }

    [Fact]
    public void Handle_UserKeyWithoutUserArgument_IsRefusedAsMismatch()
    {
        var host = UserKeyHost(out var key, out var secret);

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(key, secret, "v-list-web-domains"));

        Assert.Equal((401, 10), (response.Status, response.ExitCodeHeader));
    }

    [Fact]
    public void Handle_UserKeyOnCommandWithoutUserOption_IsNotPinned()
    {
        var host = UserKeyHost(out var key, out var secret);

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(key, secret, "v-list-users", "json"));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public void Handle_UserKeyWithEmptyPermissions_IsForbidden()
    {
        var host = new EmulatorTestHost(c => c.SetApiSystem(2));
        var (key, secret) = host.Control.CreateAccessKey("alice");

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(key, secret, "v-list-web-domains", "alice", "json"));

        Assert.Equal(new EmulatorResponse(401, 10, "text/html; charset=UTF-8", $"Error: Key {key} don't have permission to run the command v-list-web-domains"), response);
    }

    [Fact]
    public void Handle_SuspendedKeyOwner_Returns9()
    {
        var host = UserKeyHost(out var key, out var secret, suspendAlice: true);

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(key, secret, "v-list-web-domains", "alice", "json"));

        Assert.Equal(new EmulatorResponse(401, 9, "text/html; charset=UTF-8", "Error: user alice is suspended"), response);
    }

    [Theory]
    [InlineData(20, 40, 200)] // split into access_key/secret_key
    [InlineData(19, 41, 401)] // stays a legacy hash: unknown -> authentication failed
    public void Handle_HashWithColon_SplitsOnlyFor20And40(int keyLength, int secretLength, int expectedStatus)
    {
        var host = new EmulatorTestHost();
        var hash = keyLength == 20 && secretLength == 40
            ? host.KeyId + ":" + host.Secret
            : new string('K', keyLength) + ":" + new string('S', secretLength);

        var response = host.Emulator.Handle(EmulatorTestHost.Form(("hash", hash), ("cmd", "v-list-users"), ("arg1", "json")));

        Assert.Equal(expectedStatus, response.Status);
        if (expectedStatus == 401)
        {
            Assert.Equal("Error: authentication failed", response.Body);
        }
    }

    [Fact]
    public void Handle_JsonBody_IsAcceptedLikeAForm()
    {
        var host = new EmulatorTestHost();

        var response = host.Emulator.Handle(EmulatorTestHost.Json(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["access_key"] = host.KeyId, ["secret_key"] = host.Secret, ["cmd"] = "v-list-web-domains", ["arg1"] = "alice", ["arg2"] = "json",
        })));

        Assert.Equal((200, 0, "application/json; charset=utf-8"), (response.Status, response.ExitCodeHeader, response.ContentType));
        Assert.StartsWith("{\n    \"example.com\": {", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("not json")]
    public void Handle_UnusableJsonBody_Returns405(string body)
    {
        var host = new EmulatorTestHost();

        var response = host.Emulator.Handle(EmulatorTestHost.Json(body));

        Assert.Equal((405, 405), (response.Status, response.ExitCodeHeader));
        Assert.StartsWith("Error: data received is null or invalid", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_JsonArgumentThatIsAnObject_IsAPhpFatal500()
    {
        var host = new EmulatorTestHost();

        var response = host.Emulator.Handle(EmulatorTestHost.Json($"{{\"access_key\":\"{host.KeyId}\",\"secret_key\":\"{host.Secret}\",\"cmd\":\"v-list-users\",\"arg1\":{{\"a\":1}}}}"));

        Assert.Equal((500, null), (response.Status, response.ExitCodeHeader));
    }

    [Fact]
    public void Handle_ZeroZeroZeroZeroInAllowList_AdmitsAccessKeysButNotLegacy()
    {
        var host = new EmulatorTestHost(c => c.SetApiAllowedIp("0.0.0.0"));

        var withKey = host.Emulator.Handle(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-users", "json") with { RemoteIp = "198.51.100.7" });
        var legacy = host.Emulator.Handle(EmulatorTestHost.Form("198.51.100.7", ("user", "admin"), ("password", EmulatorTestHost.AdminPassword), ("cmd", "v-list-users")));

        Assert.Equal(200, withKey.Status);
        Assert.Equal(new EmulatorResponse(401, 10, "text/html; charset=UTF-8", "Error: IP is not allowed to connect with API"), legacy);
    }

    [Theory]
    [InlineData("allow-all", "198.51.100.7", 200)]
    [InlineData("10.0.0.1,127.0.0.1", "127.0.0.1", 200)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", 200)]
    [InlineData("127.0.0.1", "::1", 401)]
    [InlineData("", "127.0.0.1", 401)]
    public void Handle_AllowList_MatchesCallerIp(string allowList, string ip, int expectedStatus)
    {
        var host = new EmulatorTestHost(c => c.SetApiAllowedIp(allowList));

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(host.KeyId, host.Secret, "v-list-users", "json") with { RemoteIp = ip });

        Assert.Equal(expectedStatus, response.Status);
    }

    [Fact]
    public void Handle_ApiSystemZero_Returns400Code11()
    {
        var host = new EmulatorTestHost(c => c.SetApiSystem(0));

        Assert.Equal(new EmulatorResponse(400, 11, "text/html; charset=UTF-8", "Error: API has been disabled"), host.Call("v-list-users", "json"));
    }

    [Fact]
    public void Handle_LegacyApiSwitchedOff_PrintsBothTexts()
    {
        var host = new EmulatorTestHost(c => c.SetLegacyApi(false));

        Assert.Equal(new EmulatorResponse(400, 11, "text/html; charset=UTF-8", "Error: API has been disabledError: API Disabled"), host.Legacy("v-list-users", "json"));
    }

    [Fact]
    public void Handle_LegacyUnknownCommand_AnswersOkOrExitCode1()
    {
        var host = new EmulatorTestHost();

        Assert.Equal("OK", host.Legacy("v-no-such-command").Body);
        var code = host.Emulator.Handle(EmulatorTestHost.Form(("user", "admin"), ("password", EmulatorTestHost.AdminPassword), ("returncode", "yes"), ("cmd", "v-no-such-command")));
        Assert.Equal(new EmulatorResponse(200, null, "text/html; charset=UTF-8", "1"), code);
    }

    [Fact]
    public void Handle_LegacyFailingCommand_Returns200WithErrorAndNewline()
    {
        var host = new EmulatorTestHost();

        Assert.Equal(new EmulatorResponse(200, null, "text/html; charset=UTF-8", "Error: user nosuch doesn't exist\n"), host.Legacy("v-list-web-domains", "nosuch", "json"));
    }

    [Fact]
    public void Handle_DemoMode_FailsEveryAccessKeyRequest()
    {
        var host = new EmulatorTestHost(c => c.SetDemoMode(true));

        Assert.Equal(new EmulatorResponse(400, 1, "text/html; charset=UTF-8",
            "Error: ERROR: Unable to perform operation due to security restrictions that are in place."), host.Call("v-list-users", "json"));
    }

    [Fact]
    public void Handle_ArgumentsAreTrimmed()
    {
        var host = new EmulatorTestHost();

        var response = host.Call("v-add-web-domain-ftp", "  alice ", "example.com", " ftp1 ", "  Spaced-Pass1  ", " public_html ");

        Assert.Equal(204, response.Status);
        Assert.Equal("Spaced-Pass1", host.Control.PasswordOf("alice_ftp1"));
        Assert.Equal("public_html", host.Control.GetFtpAccounts("alice", "example.com")[0].Path);
    }

    [Fact]
    public void Handle_Arg10To13_ArePassed()
    {
        var host = new EmulatorTestHost();
        var fields = new List<(string, string)> { ("access_key", host.KeyId), ("secret_key", host.Secret), ("cmd", "v-list-users") };
        var request = EmulatorTestHost.Form([.. fields, ("arg13", "json")]);

        var response = host.Emulator.Handle(request);

        Assert.Equal("application/json; charset=utf-8", response.ContentType); // arg13 became the first (and only) argument
    }

    [Fact]
    public void Handle_KeyOrSecretBlank_ReturnsAuthenticationFailed()
    {
        var host = new EmulatorTestHost();

        var response = host.Emulator.Handle(EmulatorTestHost.KeyForm(" ", host.Secret, "v-list-users"));

        Assert.Equal(new EmulatorResponse(401, 9, "text/html; charset=UTF-8", "Error: Authentication failed"), response);
    }

    [Fact]
    public void Handle_ErrorInCodeModeBeforeCommand_KeepsMappedStatus()
    {
        var host = new EmulatorTestHost(c => c.SetApiAllowedIp("10.9.9.9"));

        var response = host.CallCode("v-list-users");

        Assert.Equal(new EmulatorResponse(401, 10, "text/html; charset=UTF-8", "10"), response);
    }

    [Fact]
    public void CallCounts_CountsEveryRequestWithAValidCmd_IncludingAuthFailures()
    {
        var host = new EmulatorTestHost();
        host.Call("v-list-users", "json");
        host.Emulator.Handle(EmulatorTestHost.KeyForm(host.KeyId, new string('A', 40), "v-list-users"));
        host.Call("v-add-web-domain-ftp", "alice", "example.com", "c1", "Passw0rd-1");
        host.Emulator.Handle(EmulatorTestHost.Form(("cmd", "v-list-users"))); // 405: no auth field at all
        host.Call("v-list-users;id");

        var counts = host.Emulator.CallCounts;
        host.Emulator.ResetCallCounts();

        Assert.Equal(2, counts["v-list-users"]);
        Assert.Equal(1, counts["v-add-web-domain-ftp"]);
        Assert.False(counts.ContainsKey("v-list-users;id"));
        Assert.Empty(host.Emulator.CallCounts);
    }
}
