using HestiaFtp.Core.Hestia;

namespace HestiaFtp.Tests.Core.Hestia;

public sealed class HestiaOptionsValidatorTests
{
    private const string Secret = "s3cr3t_s3cr3t-s3cr3t=s3cr3t_s3cr3t-s3cr3";
    private const string Pin = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    private static HestiaClientOptions Server(Action<HestiaClientOptions>? change = null)
    {
        var server = new HestiaClientOptions
        {
            Name = "web1",
            BaseUrl = new Uri("https://panel.example.net:8083/"),
            AccessKey = "AbCdEfGhIjKlMnOpQrSt",
            SecretKey = Secret,
        };
        change?.Invoke(server);
        return server;
    }

    private static IReadOnlyList<string> Failures(params HestiaClientOptions[] servers)
    {
        var result = new HestiaOptionsValidator().Validate(null, new HestiaOptions { Servers = [.. servers] });
        return result.Succeeded ? [] : [.. result.Failures!];
    }

    public static TheoryData<string, string?> Cases() => new()
    {
        { "valid", null },
        { "legacy", null },
        { "http", null },
        { "pin-colons", null },
        { "pin-plain-lower", null },
        { "name-upper", "Hestia:Servers:0:Name" },
        { "name-empty", "Hestia:Servers:0:Name" },
        { "name-leading-dash", "Hestia:Servers:0:Name" },
        { "name-33", "Hestia:Servers:0:Name" },
        { "no-url", "Hestia:Servers:0:BaseUrl" },
        { "relative-url", "Hestia:Servers:0:BaseUrl" },
        { "ftp-url", "Hestia:Servers:0:BaseUrl" },
        { "key-short", "Hestia:Servers:0:AccessKey" },
        { "key-symbol", "Hestia:Servers:0:AccessKey" },
        { "secret-missing", "Hestia:Servers:0:SecretKey" },
        { "secret-short", "Hestia:Servers:0:SecretKey" },
        { "secret-bad-char", "Hestia:Servers:0:SecretKey" },
        { "no-credentials", "needs AccessKey and SecretKey" },
        { "legacy-no-password", "needs AccessKey and SecretKey" },
        { "pin-short", "Hestia:Servers:0:CertificateSha256" },
        { "pin-not-hex", "Hestia:Servers:0:CertificateSha256" },
        { "read-timeout-zero", "timeouts must be positive" },
        { "mutation-timeout-negative", "timeouts must be positive" },
        { "read-deadline-short", null },
        { "read-deadline-5-minutes", null },
        { "read-timeout-beyond-deadline", null },
        { "read-deadline-zero", "Hestia:Servers:0:ReadDeadline" },
        { "read-deadline-negative", "Hestia:Servers:0:ReadDeadline" },
        { "read-deadline-over-5-minutes", "Hestia:Servers:0:ReadDeadline" },
    };

    private static void Apply(string name, HestiaClientOptions o)
    {
        switch (name)
        {
            case "valid": break;
            case "legacy": o.AccessKey = null; o.SecretKey = null; o.LegacyUser = "admin"; o.LegacyPassword = "pw"; break;
            case "http": o.BaseUrl = new Uri("http://127.0.0.1:8083/"); break;
            case "pin-colons": o.CertificateSha256 = Pin; break;
            case "pin-plain-lower": o.CertificateSha256 = Pin.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant(); break;
            case "name-upper": o.Name = "Web1"; break;
            case "name-empty": o.Name = ""; break;
            case "name-leading-dash": o.Name = "-web"; break;
            case "name-33": o.Name = new string('a', 33); break;
            case "no-url": o.BaseUrl = null; break;
            case "relative-url": o.BaseUrl = new Uri("panel/", UriKind.Relative); break;
            case "ftp-url": o.BaseUrl = new Uri("ftp://panel.example.net/"); break;
            case "key-short": o.AccessKey = "AbCdEfGhIjKlMnOpQrS"; break;
            case "key-symbol": o.AccessKey = "AbCdEfGhIjKlMnOpQrS!"; break;
            case "secret-missing": o.SecretKey = null; break;
            case "secret-short": o.SecretKey = Secret[1..]; break;
            case "secret-bad-char": o.SecretKey = "!" + Secret[1..]; break;
            case "no-credentials": o.AccessKey = null; o.SecretKey = null; break;
            case "legacy-no-password": o.AccessKey = null; o.LegacyUser = "admin"; break;
            case "pin-short": o.CertificateSha256 = "ABCDEF"; break;
            case "pin-not-hex": o.CertificateSha256 = new string('G', 64); break;
            case "read-timeout-zero": o.ReadTimeout = TimeSpan.Zero; break;
            case "mutation-timeout-negative": o.MutationTimeout = TimeSpan.FromSeconds(-1); break;
            case "read-deadline-short": o.ReadDeadline = TimeSpan.FromMilliseconds(1); break;
            case "read-deadline-5-minutes": o.ReadDeadline = TimeSpan.FromMinutes(5); break;
            case "read-timeout-beyond-deadline": o.ReadTimeout = TimeSpan.FromMinutes(1); break;
            case "read-deadline-zero": o.ReadDeadline = TimeSpan.Zero; break;
            case "read-deadline-negative": o.ReadDeadline = TimeSpan.FromSeconds(-5); break;
            case "read-deadline-over-5-minutes": o.ReadDeadline = TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1); break;
            default: throw new ArgumentOutOfRangeException(nameof(name));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_Server_ReportsTheBrokenSetting(string name, string? expectedFailure)
    {
        var failures = Failures(Server(o => Apply(name, o)));

        if (expectedFailure is null)
        {
            Assert.Empty(failures);
        }
        else
        {
            var failure = Assert.Single(failures);
            Assert.Contains(expectedFailure, failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_NoServers_Succeeds()
    {
        Assert.Empty(Failures());
    }

    [Fact]
    public void Validate_DuplicateNames_FailsOnTheSecond()
    {
        var failures = Failures(Server(), Server(o => o.BaseUrl = new Uri("https://panel2.example.net:8083/")));

        Assert.Equal(["Hestia:Servers:1:Name 'web1' is used twice."], failures);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachWithIndex()
    {
        var failures = Failures(Server(), Server(o =>
        {
            o.Name = "web2";
            o.BaseUrl = null;
            o.SecretKey = "short";
        }));

        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.StartsWith("Hestia:Servers:1:", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadSecret_NeverEchoesTheSecret()
    {
        const string leaked = "this-secret-is-too-short-to-be-valid";
        const string legacyPassword = "legacy-pass-xyz";

        var failures = Failures(Server(o => o.SecretKey = leaked), Server(o =>
        {
            o.Name = "web2";
            o.AccessKey = null;
            o.SecretKey = null;
            o.LegacyPassword = legacyPassword;
        }));

        Assert.Equal(2, failures.Count);
        Assert.All(failures, f =>
        {
            Assert.DoesNotContain(leaked, f, StringComparison.Ordinal);
            Assert.DoesNotContain(legacyPassword, f, StringComparison.Ordinal);
        });
    }
}
