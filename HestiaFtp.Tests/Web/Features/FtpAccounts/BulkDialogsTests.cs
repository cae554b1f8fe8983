using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

/// <summary>The bulk delete and bulk end dialogs over the scripted dashboard: what they ask, send and report.</summary>
public sealed class BulkDialogsTests : DashboardTestContext
{
    private static readonly AccountKey Key = new("demo", "alice");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public BulkDialogsTests()
    {
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com",
            accounts: [.. Enumerable.Range(1, 12).Select(i => ($"alice_u{i:00}", "/public_html"))]));
        (_dialogs, _) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private static List<BulkTarget> Targets(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new BulkTarget("example.com", $"alice_u{i:00}"))];

    private async Task OpenAsync<TDialog>(List<BulkTarget> targets, string waitFor)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters { { "AccountKey", Key }, { "Targets", targets } };
        await _dialogs.InvokeAsync(() => service.ShowAsync<TDialog>("Bulk", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement(waitFor);
    }

    [Fact]
    public async Task BulkDelete_TenOrFewer_ListsThemWithTheCountAndDeletesOnOneClick()
    {
        await OpenAsync<BulkDeleteDialog>(Targets(3), "#bulk-delete-submit");

        Assert.Equal(3, _dialogs.FindAll("#bulk-delete-list li").Count);
        Assert.Contains("3", _dialogs.Find("#bulk-delete-count").TextContent);
        Assert.Empty(_dialogs.FindAll("#bulk-delete-typed"));
        _dialogs.Find("#bulk-delete-submit").Click();

        _dialogs.WaitForElement("#bulk-delete-summary-done");
        Assert.Equal(["delete demo/alice example.com alice_u01", "delete demo/alice example.com alice_u02", "delete demo/alice example.com alice_u03"],
            Dashboard.Calls.Where(c => c.StartsWith("delete", StringComparison.Ordinal)));
        Assert.Empty(_dialogs.FindAll("#bulk-delete-summary-failures"));
    }

    [Fact]
    public async Task BulkDelete_AboveTen_SendsNothingUntilTheCountIsTyped()
    {
        await OpenAsync<BulkDeleteDialog>(Targets(11), "#bulk-delete-submit");

        Assert.True(_dialogs.Find("#bulk-delete-submit").HasAttribute("disabled"));
        _dialogs.Find("#bulk-delete-typed").Input("12");
        Assert.True(_dialogs.Find("#bulk-delete-submit").HasAttribute("disabled"));
        _dialogs.Find("#bulk-delete-typed").Input("11");
        Assert.False(_dialogs.Find("#bulk-delete-submit").HasAttribute("disabled"));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BulkDelete_OneRefused_OthersDoneAndTheSummaryNamesItWithWhy()
    {
        Dashboard.NextRefusal = new HestiaFtp.Core.FtpAccounts.FtpRefusal("hestia.refused", "Error: something the panel said",
            HestiaCode: HestiaFtp.Core.Hestia.HestiaReturnCode.InUse);
        await OpenAsync<BulkDeleteDialog>(Targets(3), "#bulk-delete-submit");

        _dialogs.Find("#bulk-delete-submit").Click();

        var failures = _dialogs.WaitForElement("#bulk-delete-summary-failures");
        Assert.Single(failures.QuerySelectorAll("tbody tr"));
        Assert.Equal("alice_u01", failures.QuerySelector("tbody tr")!.GetAttribute("data-login"));
        Assert.Contains("something the panel said", failures.TextContent);
        Assert.Equal(3, Dashboard.Calls.Count(c => c.StartsWith("delete", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task BulkEnd_SevenDays_SetsTheSameEndOnEachAndNoHestiaCall()
    {
        await OpenAsync<BulkEndDialog>(Targets(4), "#bulk-end-submit");

        _dialogs.Find("#bulk-end-submit").Click();

        _dialogs.WaitForElement("#bulk-end-summary-done");
        Assert.Equal(4, Expiries.Sets.Count);
        Assert.Single(Expiries.Sets.Select(s => s.EndsAt!.Value.ToUnixTimeSeconds() / 60).Distinct());
        Assert.All(Expiries.Sets, s => Assert.InRange(s.EndsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("delete", StringComparison.Ordinal) || c.StartsWith("password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BulkEnd_Remove_RemovesEach()
    {
        await OpenAsync<BulkEndDialog>(Targets(2), "#bulk-end-submit");

        _dialogs.Find("#bulk-end-kind").Change("Never");
        _dialogs.Find("#bulk-end-submit").Click();

        _dialogs.WaitForElement("#bulk-end-summary-done");
        Assert.All(Expiries.Sets, s => Assert.Null(s.EndsAt));
        Assert.Equal(T("End.Remove"), _dialogs.Find("#bulk-end-kind option[value='Never']").TextContent);
    }
}
