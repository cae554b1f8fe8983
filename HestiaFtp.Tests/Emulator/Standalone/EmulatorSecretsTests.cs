using HestiaFtp.Emulator.Standalone;

namespace HestiaFtp.Tests.Emulator.Standalone;

public sealed class EmulatorSecretsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hestia-emulator-secrets-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_file);

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void Load_FromTheEnvironment_ReadsAllThree()
    {
        var secrets = EmulatorSecrets.Load(Env(
            (EmulatorSecrets.AdminPasswordVariable, "Admin-Pass-1"),
            (EmulatorSecrets.AccessKeyVariable, $"{StandaloneHost.KeyId}:{StandaloneHost.Secret}"),
            (EmulatorSecrets.ControlTokenVariable, StandaloneHost.Token)));

        Assert.Equal(("Admin-Pass-1", StandaloneHost.KeyId, StandaloneHost.Secret, StandaloneHost.Token),
            (secrets.AdminPassword, secrets.AccessKeyId, secrets.AccessKeySecret, secrets.ControlToken));
    }

    [Fact]
    public void Load_FromTheFile_ReadsNameValueLines_TheEnvironmentWins()
    {
        File.WriteAllLines(_file,
        [
            "# emulator secrets",
            $"{EmulatorSecrets.AdminPasswordVariable}=From-File-1",
            $"{EmulatorSecrets.AccessKeyVariable} = {StandaloneHost.KeyId}:{StandaloneHost.Secret}",
            "",
            $"{EmulatorSecrets.ControlTokenVariable}=file-token-0123456789",
        ]);

        var secrets = EmulatorSecrets.Load(Env((EmulatorSecrets.SecretsFileVariable, _file), (EmulatorSecrets.AdminPasswordVariable, "From-Env-1")));

        Assert.Equal(("From-Env-1", StandaloneHost.KeyId, StandaloneHost.Secret, "file-token-0123456789"),
            (secrets.AdminPassword, secrets.AccessKeyId, secrets.AccessKeySecret, secrets.ControlToken));
    }

    [Fact]
    public void Load_AFileLineThatIsNoKnownName_NamesTheLineNotItsText()
    {
        File.WriteAllLines(_file, ["HESTIA_EMULATOR_ADMIN_PASSWORD=ok-1", "Sup3r-Secret-Value"]);

        var ex = Assert.Throws<EmulatorStartException>(() => EmulatorSecrets.Load(Env((EmulatorSecrets.SecretsFileVariable, _file))));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-Secret-Value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AMissingFile_SaysWhichFile()
    {
        var ex = Assert.Throws<EmulatorStartException>(() => EmulatorSecrets.Load(Env((EmulatorSecrets.SecretsFileVariable, _file))));

        Assert.Contains(_file, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EMULATORTESTKEY00001")]
    [InlineData("SHORT:abcdefghijklmnopqrstuvwxyz0123456789ABCD")]
    [InlineData("EMULATORTESTKEY00001:too-short")]
    public void Load_AMalformedAccessKey_IsRefusedWithoutEchoingIt(string key)
    {
        var ex = Assert.Throws<EmulatorStartException>(() => EmulatorSecrets.Load(Env((EmulatorSecrets.AccessKeyVariable, key))));

        Assert.Contains("ID:SECRET", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AShortControlToken_IsRefused()
    {
        var ex = Assert.Throws<EmulatorStartException>(() => EmulatorSecrets.Load(Env((EmulatorSecrets.ControlTokenVariable, "letmein"))));

        Assert.Contains("at least 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ShowsWhichSecretsAreSet_NeverTheirValues()
    {
        var text = StandaloneHost.Secrets().ToString();

        Assert.DoesNotContain(StandaloneHost.AdminPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(StandaloneHost.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(StandaloneHost.Token, text, StringComparison.Ordinal);
        Assert.Contains("ControlToken = set", text, StringComparison.Ordinal);
    }
}
