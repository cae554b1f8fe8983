using System.Globalization;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Resources;

public sealed class PluralsTests
{
    private static readonly IStringLocalizer<Strings> L = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider()
        .GetRequiredService<IStringLocalizer<Strings>>();

    [Theory]
    [InlineData("en", 1, 1, "1 FTP account on 1 web domain")]
    [InlineData("en", 0, 0, "0 FTP accounts on 0 web domains")]
    [InlineData("en", 2, 1, "2 FTP accounts on 1 web domain")]
    [InlineData("de", 1, 1, "1 FTP-Konto auf 1 Web-Domain")]
    [InlineData("de", 3, 2, "3 FTP-Konten auf 2 Web-Domains")]
    [InlineData("de", 0, 1, "0 FTP-Konten auf 1 Web-Domain")]
    public void Plural_AccountsSummary_UsesTheFormOfEachCount(string culture, int accounts, int domains, string expected)
    {
        Assert.Equal(expected, InCulture(culture, () => L.Plural("Accounts.Summary", accounts, L.Plural("Accounts.WebDomains", domains))));
    }

    [Theory]
    [InlineData("en", 1, "1 FTP account on this domain")]
    [InlineData("en", 5, "5 FTP accounts on this domain")]
    [InlineData("de", 1, "1 FTP-Konto auf dieser Domain")]
    [InlineData("de", 5, "5 FTP-Konten auf dieser Domain")]
    public void Plural_DomainCount_HasNoSlashOrParentheses(string culture, int count, string expected)
    {
        Assert.Equal(expected, InCulture(culture, () => L.Plural("DomainFtp.Count", count)));
    }

    [Fact]
    public void Resources_NoValueWritesBothForms()
    {
        foreach (var file in new[] { "Strings.resx", "Strings.de.resx" })
        {
            var text = File.ReadAllText(Path.Combine(SourceRoot(), "HestiaFtp.Web", "Resources", file));
            Assert.DoesNotContain("(s)", text, StringComparison.Ordinal);
            Assert.DoesNotContain("/Konten", text, StringComparison.Ordinal);
            Assert.DoesNotContain("(en)", text, StringComparison.Ordinal);
        }
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HestiaFtp.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("HestiaFtp.sln not found above the test binaries");
    }

    private static string InCulture(string culture, Func<string> read)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
