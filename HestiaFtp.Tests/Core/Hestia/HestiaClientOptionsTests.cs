using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Configuration;

namespace HestiaFtp.Tests.Core.Hestia;

public sealed class HestiaClientOptionsTests
{
    [Fact]
    public void Defaults_Timeouts_ReadsGiveUpWithinFiveSecondsMutationsWaitThirty()
    {
        var options = new HestiaClientOptions();

        Assert.Equal(
            (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 2),
            (options.ReadTimeout, options.ReadDeadline, options.MutationTimeout, options.ReadRetries));
    }

    [Fact]
    public void Bind_ReadDeadline_FromTheHestiaSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hestia:Servers:0:Name"] = "web1",
            ["Hestia:Servers:0:ReadDeadline"] = "00:00:02.500",
        }).Build();

        var options = configuration.GetSection(HestiaOptions.SectionName).Get<HestiaOptions>()!;

        Assert.Equal(TimeSpan.FromSeconds(2.5), Assert.Single(options.Servers).ReadDeadline);
    }
}
