using System.Xml.Linq;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.FtpAccounts;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class FileZillaSiteFileTests
{
    private static readonly NewFtpCredentials Credentials = new("alice_ftp7", "Pa55word-Secret", "example.com", "/uploads", "ftp.example.net");

    private static XElement Server(string xml) => XDocument.Parse(xml).Root!.Element("Servers")!.Element("Server")!;

    [Fact]
    public void Create_IsWellFormedFileZilla3Xml()
    {
        var xml = FileZillaSiteFile.Create(Credentials);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", xml, StringComparison.Ordinal);
        var document = XDocument.Parse(xml);
        Assert.Equal("FileZilla3", document.Root!.Name.LocalName);
        var server = Assert.Single(document.Root.Element("Servers")!.Elements("Server"));
        Assert.Equal("ftp.example.net", server.Element("Host")!.Value);
        Assert.Equal("21", server.Element("Port")!.Value);
        Assert.Equal("0", server.Element("Protocol")!.Value);
        Assert.Equal("alice_ftp7", server.Element("User")!.Value);
        Assert.Equal("alice_ftp7@example.com", server.Element("Name")!.Value);
    }

    [Fact]
    public void Create_UsesTheGivenPort()
    {
        Assert.Equal("2121", Server(FileZillaSiteFile.Create(Credentials with { Port = 2121 })).Element("Port")!.Value);
    }

    [Fact]
    public void Create_AsksForThePassword_Logontype2()
    {
        Assert.Equal("2", Server(FileZillaSiteFile.Create(Credentials)).Element("Logontype")!.Value);
    }

    [Fact]
    public void Create_NeverContainsThePassword()
    {
        var xml = FileZillaSiteFile.Create(Credentials);

        Assert.DoesNotContain("Pa55word-Secret", xml, StringComparison.Ordinal);
        Assert.Null(Server(xml).Element("Pass"));
        Assert.DoesNotContain(XDocument.Parse(xml).Descendants(), e => e.Name.LocalName.StartsWith("Pass", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a&b<c>\"d'", "ex<ample>.com")]
    [InlineData("]]>x", "&amp;.org")]
    public void Create_EscapesOddCharacters(string login, string domain)
    {
        var xml = FileZillaSiteFile.Create(Credentials with { Login = login, Domain = domain, Host = domain });

        var server = Server(xml);
        Assert.Equal(login, server.Element("User")!.Value);
        Assert.Equal(domain, server.Element("Host")!.Value);
        Assert.Equal($"{login}@{domain}", server.Element("Name")!.Value);
        Assert.DoesNotContain("<c>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void FileName_NamesTheLogin()
    {
        Assert.Equal("alice_ftp7-filezilla.xml", FileZillaSiteFile.FileName(Credentials));
    }
}
