using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

/// <summary>Choosing an end in the quick add dialog and setting, moving or removing it in the edit dialog.</summary>
public sealed class EndDialogsTests : DashboardTestContext
{
    private static readonly AccountKey Key = new("demo", "alice");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public EndDialogsTests()
    {
        Dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", "/public_html")]));
        (_dialogs, _) = RenderProviders();
    }

    private async Task ShowAsync<TDialog>(DialogParameters parameters, string waitFor)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var service = Services.GetRequiredService<IDialogService>();
        await _dialogs.InvokeAsync(() => service.ShowAsync<TDialog>("Dialog", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement(waitFor);
    }

    [Fact]
    public async Task QuickAdd_DefaultNever_SetsNoEnd()
    {
        await ShowAsync<AddFtpAccountDialog>(new DialogParameters { { "AccountKey", Key }, { "Domains", Dashboard.Domains } }, "#add-submit");

        Assert.Equal("Never", _dialogs.Find("#add-end-kind").GetAttribute("value"));
        _dialogs.Find("#add-submit").Click();

        _dialogs.WaitForAssertion(() => Assert.Contains(Dashboard.Calls, c => c.StartsWith("quick", StringComparison.Ordinal)));
        Assert.Empty(Expiries.Sets);
    }

    [Fact]
    public async Task QuickAdd_ThirtyDays_SetsTheEndOnTheNewLogin()
    {
        await ShowAsync<AddFtpAccountDialog>(new DialogParameters { { "AccountKey", Key }, { "Domains", Dashboard.Domains } }, "#add-submit");

        _dialogs.Find("#add-end-kind").Change("ThirtyDays");
        _dialogs.Find("#add-submit").Click();

        _dialogs.WaitForAssertion(() => Assert.Single(Expiries.Sets));
        var set = Expiries.Sets[0];
        Assert.StartsWith("alice_ftpq", set.Login, StringComparison.Ordinal);
        Assert.InRange(set.EndsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task QuickAdd_DateInThePast_RefusedBeforeAnythingIsSent()
    {
        await ShowAsync<AddFtpAccountDialog>(new DialogParameters { { "AccountKey", Key }, { "Domains", Dashboard.Domains } }, "#add-submit");

        _dialogs.Find("#add-end-kind").Change("At");
        _dialogs.Find("#add-end-at").Change("2020-01-01T10:00");
        _dialogs.Find("#add-submit").Click();

        Assert.NotNull(_dialogs.Find("#add-end-error"));
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("quick", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditDialog_ExistingEnd_ShownAndRemovable()
    {
        await Expiries.AddAsync("alice", "example.com", "alice_web", DateTimeOffset.UtcNow.AddDays(3));
        await ShowAsync<ChangePasswordDialog>(new DialogParameters
        {
            { "AccountKey", Key }, { "Domain", "example.com" }, { "Login", "alice_web" }, { "End", Expiries.Ends[("example.com", "alice_web")] },
        }, "#change-end-save");

        var current = _dialogs.Find("#change-end-current").TextContent;
        Assert.Contains("(in 3 d 0 h)", current);
        _dialogs.Find("#change-end-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Null(Assert.Single(Expiries.Sets).EndsAt));
        Assert.Empty(Expiries.Ends);
        Assert.DoesNotContain(Dashboard.Calls, c => c.StartsWith("password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditDialog_NoEnd_SetsSevenDays()
    {
        await ShowAsync<ChangePasswordDialog>(new DialogParameters
        {
            { "AccountKey", Key }, { "Domain", "example.com" }, { "Login", "alice_web" },
        }, "#change-end-save");

        _dialogs.Find("#change-end-save").Click();

        _dialogs.WaitForAssertion(() => Assert.Single(Expiries.Sets));
        var set = Expiries.Sets[0];
        Assert.Equal(("example.com", "alice_web"), (set.Domain, set.Login));
        Assert.InRange(set.EndsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        Assert.NotEmpty(_dialogs.Find("#change-end-status").TextContent);
    }
}
