using System.Net;
using System.Text.RegularExpressions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>The static sign-in form driven over plain HTTP: its hidden fields (antiforgery, handler) read from the page.</summary>
public static partial class HttpSignIn
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GETs <paramref name="url"/> (the sign-in page, maybe with a return URL) and posts the form back to it.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string user, string password,
        Action<HttpRequestMessage>? decorate = null)
    {
        var get = new HttpRequestMessage(HttpMethod.Get, url);
        decorate?.Invoke(get);
        using var page = await client.SendAsync(get, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields[NameOf(html, "signin-user")] = user;
        fields[NameOf(html, "signin-password")] = password;
        var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        decorate?.Invoke(post);
        return await client.SendAsync(post, Ct);
    }

    private static string NameOf(string html, string id)
    {
        var match = Regex.Match(html, $"<input[^>]*id=\"{id}\"[^>]*>");
        Assert.True(match.Success, $"no #{id} on the sign-in page");
        return WebUtility.HtmlDecode(Regex.Match(match.Value, "name=\"([^\"]+)\"").Groups[1].Value);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
