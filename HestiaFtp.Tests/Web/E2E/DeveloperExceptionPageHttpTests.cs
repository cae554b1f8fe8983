using System.Net;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>The developer exception page is an explicit opt-in: shown with the setting, never without it.</summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class DeveloperExceptionPageHttpTests(DeveloperPageDashboardHost host) : IClassFixture<DeveloperPageDashboardHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exception_WithTheSettingOn_ShowsTheDeveloperPage()
    {
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync(ThrowingRoute.Path, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("System.InvalidOperationException", body, StringComparison.Ordinal);
        Assert.Contains(ThrowingRoute.Message, body, StringComparison.Ordinal);
    }
}
