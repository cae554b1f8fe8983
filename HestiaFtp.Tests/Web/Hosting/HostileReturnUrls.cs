namespace HestiaFtp.Tests.Web.Hosting;

/// <summary>
/// Return URLs an attacker would try, as the app receives them (already decoded once from the query string). Each must
/// end at <c>/</c>: another host, a scheme, a header the server cannot write, or a path browsers rewrite into another host.
/// </summary>
public static class HostileReturnUrls
{
    public static readonly string[] All =
    [
        "",
        "//evil.example",
        "//evil.example/signin",
        "///evil.example",
        "////evil.example",
        "/\\evil.example",
        "/\\/evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/x\\..\\\\evil.example",
        "https://evil.example",
        "http://evil.example/",
        "HTTPS://evil.example",
        "https:evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "evil.example",
        "evil.example/x",
        "%2F%2Fevil.example",
        " /x",
        "/ /x",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\nSet-Cookie: pwned=1",
        "/x\r\nLocation: https://evil.example",
        "/\u0000x",
        "/x\u007f",
        "\u0001/x",
        "/\u3000/x",
        "/\u3000/evil.example",
        "/\uff0f\uff0fevil.example",
        "/é",
        "/domains/bücher.de",
        "/\u202e/x",
        "/\ufeffx",
        "/\u2028/evil.example",
        "/" + new string('a', 5000),
    ];

    /// <summary>Local paths that must survive exactly as given (percent-escapes included).</summary>
    public static readonly string[] Local =
    [
        "/",
        "/activity",
        "/domains/alice-shop.com",
        "/?server=demo&account=carol",
        "/domains/b%C3%BCcher.de",
        "/%5Cevil.example",
        "/%2F%2Fevil.example",
        "/signin?reason=expired#top",
    ];

    public static TheoryData<string> Hostile() => [.. All];

    public static TheoryData<string> LocalPaths() => [.. Local];
}
