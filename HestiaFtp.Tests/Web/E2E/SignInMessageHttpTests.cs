using System.Net;
using System.Text.RegularExpressions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>What the sign-in form says after a refused sign-in, over the demo emulator (through the real client).</summary>
public sealed partial class SignInMessageHttpTests(HttpDashboardHost host) : IClassFixture<HttpDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> RefusalAsync(string user, string password)
    {
        using var client = host.CreateHttpClient(new CookieContainer());
        using var response = await HttpSignIn.PostAsync(client, "/signin", user, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = ErrorAlert().Match(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(match.Success, "no error alert on the sign-in page");
        return WebUtility.HtmlDecode(match.Groups["text"].Value).Trim();
    }

    [Fact]
    public async Task SignIn_SuspendedUserWithRightPassword_SaysPasswordOrSuspendedAndPointsToSupport()
    {
        var text = await RefusalAsync("bob", "Bob-Demo-2026");

        Assert.Contains("suspended", text, StringComparison.Ordinal);
        Assert.Contains("contact support if your password is right", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_SaysExactlyWhatASuspendedUserIsTold()
    {
        // HestiaCP refuses a suspended user's password check, so the three must read alike: nothing tells a stranger which.
        var suspended = await RefusalAsync("bob", "Bob-Demo-2026");

        Assert.Equal(suspended, await RefusalAsync("alice", "Wrong-Password-1"));
        Assert.Equal(suspended, await RefusalAsync("nobody", "Wrong-Password-1"));
    }

    [GeneratedRegex("<div id=\"signin-message\" class=\"signin-alert error\"[^>]*>(?<text>[^<]*)<")]
    private static partial Regex ErrorAlert();
}
