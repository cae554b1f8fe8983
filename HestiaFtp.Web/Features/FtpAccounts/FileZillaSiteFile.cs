using System.Xml.Linq;
using HestiaFtp.Web.Dashboard;

namespace HestiaFtp.Web.Features.FtpAccounts;

/// <summary>
/// A FileZilla "Site Manager" import file for a new FTP account. It deliberately leaves the password out
/// (Logontype 2 = ask for password), so the download never becomes a second copy of the secret on disk.
/// </summary>
public static class FileZillaSiteFile
{
    public static string Create(NewFtpCredentials credentials)
    {
        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement("FileZilla3",
                new XAttribute("version", "3.66.0"),
                new XElement("Servers",
                    new XElement("Server",
                        new XElement("Host", credentials.Host),
                        new XElement("Port", credentials.Port),
                        new XElement("Protocol", 0), // FTP, explicit TLS when the server offers it (vsftpd on HestiaCP does)
                        new XElement("Type", 0),
                        new XElement("User", credentials.Login),
                        new XElement("Logontype", 2),
                        new XElement("EncodingType", "Auto"),
                        new XElement("BypassProxy", 0),
                        new XElement("Name", $"{credentials.Login}@{credentials.Domain}")))));
        return document.Declaration + Environment.NewLine + document.ToString();
    }

    public static string FileName(NewFtpCredentials credentials) => $"{credentials.Login}-filezilla.xml";
}
