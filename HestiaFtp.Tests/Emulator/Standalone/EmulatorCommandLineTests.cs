using HestiaFtp.Emulator.Standalone;

namespace HestiaFtp.Tests.Emulator.Standalone;

public class EmulatorCommandLineTests
{
    [Fact]
    public void Parse_UrlsSeedAndDemo_AreRead()
    {
        var parsed = EmulatorCommandLine.Parse(["--urls", "http://127.0.0.1:8083", "--seed=panel.json", "--demo"]);

        Assert.Equal((new Uri("http://127.0.0.1:8083/"), "panel.json", true, false), (parsed.Url, parsed.SeedFile, parsed.Demo, parsed.Help));
    }

    [Fact]
    public void Parse_Nothing_ListensOnAFreeLoopbackPortWithAnEmptyPanel()
    {
        var parsed = EmulatorCommandLine.Parse([]);

        Assert.Equal((new Uri("http://127.0.0.1:0/"), null, false), (parsed.Url, parsed.SeedFile, parsed.Demo));
    }

    [Theory]
    [InlineData("--admin-password", "Admin-Pass-1")]
    [InlineData("--password", "Admin-Pass-1")]
    [InlineData("--access-key", "EMULATORTESTKEY00001:abcdefghijklmnopqrstuvwxyz0123456789ABCD")]
    [InlineData("--secret-key", "abcdefghijklmnopqrstuvwxyz0123456789ABCD")]
    [InlineData("--control-token", "control-token-for-tests-0123")]
    [InlineData("--Hestia-Emulator-Admin-Password=Admin-Pass-1", null)]
    public void Parse_ASecretFlag_IsRefusedSayingWhyWithoutEchoingTheValue(string flag, string? value)
    {
        string[] args = value is null ? ["--demo", flag] : ["--demo", flag, value];

        var ex = Assert.Throws<EmulatorStartException>(() => EmulatorCommandLine.Parse(args));

        Assert.Contains("never taken from the command line", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ps and shell history", ex.Message, StringComparison.Ordinal);
        Assert.Contains(EmulatorSecrets.SecretsFileVariable, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Admin-Pass-1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--urls", "https://127.0.0.1:8083", "plain-HTTP")]
    [InlineData("--urls", "http://127.0.0.1:8083/api/", "no path")]
    [InlineData("--urls", "http://panel.example:8083", "IP address or localhost")]
    [InlineData("--port", "8083", "Unknown argument --port")]
    public void Parse_AWrongArgument_SaysWhatIsWrong(string name, string value, string reason)
    {
        var ex = Assert.Throws<EmulatorStartException>(() => EmulatorCommandLine.Parse([name, value]));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UrlsWithoutAValue_AsksForOne()
    {
        var ex = Assert.Throws<EmulatorStartException>(() => EmulatorCommandLine.Parse(["--urls", "--demo"]));

        Assert.StartsWith("--urls needs a value.", ex.Message, StringComparison.Ordinal);
    }
}
