using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

/// <summary>
/// Bulk password rotation in the dialog over the real boundary, client and emulator (carol's agency): each account gets a
/// new password, each new password reaches the browser only when copied or downloaded, and never a log, the activity log
/// or the markup.
/// </summary>
public sealed class BulkPasswordDialogTests : DashboardTestContext, IAsyncLifetime
{
    private const string Agency = "dupont-digital.fr";
    private static readonly AccountKey CarolKey = new(DashboardStack.ServerName, "carol");
    private DashboardStack _stack = default!;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;

    public async ValueTask InitializeAsync()
    {
        _stack = await DashboardStack.StartAsync();
        _stack.Auth.SignIn(DashboardStack.Carol);
        await _stack.Dashboard.LoadAsync(CarolKey, Xunit.TestContext.Current.CancellationToken);
        SignInAs(DashboardStack.Carol);
        Services.AddSingleton<IFtpDashboard>(_stack.Dashboard);
        (_dialogs, _) = RenderProviders();
    }

    private List<BulkTarget> Targets(int count) =>
        _stack.Control.GetFtpAccounts("carol", Agency).Select(a => new BulkTarget(Agency, a.Login)).Take(count).ToList();

    /// <summary>The rotation's click handler has finished: its last step arms the tab-close guard.</summary>
    private void WaitUntilRotated()
    {
        _dialogs.WaitForElement("#bulk-password-summary-done", TimeSpan.FromSeconds(30));
        _dialogs.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.guardUnload"), TimeSpan.FromSeconds(30));
    }

    private async Task OpenAsync(List<BulkTarget> targets)
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<BulkPasswordDialog> { { d => d.AccountKey, CarolKey }, { d => d.Targets, targets } };
        await _dialogs.InvokeAsync(() => service.ShowAsync<BulkPasswordDialog>("New passwords", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement("#bulk-password-submit");
    }

    [Fact]
    public async Task Rotate_FiveAccounts_EachPasswordShownOnceAtClickTimeAndNeverLogged()
    {
        var targets = Targets(5);
        var old = targets.ToDictionary(t => t.Login, t => _stack.Control.PasswordOf(t.Login));
        await OpenAsync(targets);

        _dialogs.Find("#bulk-password-submit").Click();
        WaitUntilRotated();
        var markup = _dialogs.Markup;
        _dialogs.Find("#bulk-password-copy-all").Click();

        var issued = targets.ToDictionary(t => t.Login, t => _stack.Control.PasswordOf(t.Login)!);
        Assert.All(targets, t => Assert.NotEqual(old[t.Login], issued[t.Login]));
        Assert.Equal(5, _dialogs.FindAll("#bulk-password-issued tbody tr").Count);
        var copied = Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.copy").Arguments[0] as string;
        var audit = System.Text.Encoding.UTF8.GetString(_stack.AuditBytes());
        foreach (var (login, password) in issued)
        {
            Assert.Equal(1, Occurrences(copied!, password));
            Assert.DoesNotContain(password, markup, StringComparison.Ordinal);
            Assert.DoesNotContain(_stack.Logs.Entries, e => e.Contains(password));
            Assert.DoesNotContain(password, audit, StringComparison.Ordinal);
        }
        Assert.Equal(5, _stack.CallsOf(HestiaCommands.ChangeWebDomainFtpPassword));
    }

    [Fact]
    public async Task Close_BeforeCopying_AsksFirst_AfterCsvDownload_ClosesAtOnce()
    {
        await OpenAsync(Targets(2));
        _dialogs.Find("#bulk-password-submit").Click();
        WaitUntilRotated();
        Assert.True(_dialogs.FindAll("#bulk-password-issued tbody tr").Count == 2, _dialogs.Find("#bulk-password-summary").TextContent);

        _dialogs.Find("#bulk-password-done").Click();
        Assert.True(_dialogs.FindAll("#bulk-password-confirm").Count == 1, _dialogs.Markup);
        _dialogs.Find("#bulk-password-keep-open").Click();
        _dialogs.Find("#bulk-password-csv").Click();
        _dialogs.Find("#bulk-password-done").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        var csv = Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.download").Arguments[2] as string;
        Assert.StartsWith("host,port,login,password,domain\n", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Escape_BeforeCopying_AsksFirst_AfterCopyAll_Closes()
    {
        JSInterop.Setup<bool>("hestiaFtp.copy", _ => true).SetResult(true);
        await OpenAsync(Targets(2));
        _dialogs.Find("#bulk-password-submit").Click();
        WaitUntilRotated();
        // app.js calls EscapePressed for an Escape anywhere on the page (the credentials dialog's CloseGuard).
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.watchEscape");

        await _dialogs.InvokeAsync(() => _dialogs.FindComponent<BulkPasswordDialog>().Instance.EscapePressed());

        Assert.Single(_dialogs.FindAll("#bulk-password-confirm"));
        Assert.Single(_dialogs.FindAll(".mud-dialog"));
        _dialogs.Find("#bulk-password-keep-open").Click();
        _dialogs.Find("#bulk-password-copy-all").Click();
        await _dialogs.InvokeAsync(() => _dialogs.FindComponent<BulkPasswordDialog>().Instance.EscapePressed());
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Equal([true, false], JSInterop.Invocations.Where(i => i.Identifier == "hestiaFtp.guardUnload").Select(i => (bool)i.Arguments[0]!));
    }

    [Fact]
    public async Task Escape_BeforeStarting_CancelsWithoutAsking()
    {
        await OpenAsync(Targets(2));

        await _dialogs.InvokeAsync(() => _dialogs.FindComponent<BulkPasswordDialog>().Instance.EscapePressed());

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Equal(0, _stack.CallsOf(HestiaCommands.ChangeWebDomainFtpPassword));
    }

    [Fact]
    public async Task Navigation_BeforeCopying_IsHeldAndAsks_CloseAnywayCarriesItOut()
    {
        await OpenAsync(Targets(2));
        _dialogs.Find("#bulk-password-submit").Click();
        WaitUntilRotated();
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        await _dialogs.InvokeAsync(() => navigation.NavigateTo("/activity"));

        _dialogs.WaitForElement("#bulk-password-confirm");
        Assert.DoesNotContain("/activity", navigation.Uri, StringComparison.Ordinal);
        _dialogs.Find("#bulk-password-close-anyway").Click();
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.EndsWith("/activity", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_OneRefused_ListedToRotateAgain_AndItsPasswordNotShown()
    {
        var targets = Targets(3);
        _stack.Control.FailNext(HestiaCommands.ChangeWebDomainFtpPassword, HestiaFtp.Emulator.EmulatorFault.Http500BeforeApplying);
        await OpenAsync(targets);

        _dialogs.Find("#bulk-password-submit").Click();
        WaitUntilRotated();

        Assert.Equal(2, _dialogs.FindAll("#bulk-password-issued tbody tr").Count);
        Assert.Empty(_dialogs.FindAll($"#bulk-password-issued tr[data-login='{targets[0].Login}']"));
        Assert.Equal(targets[0].Login, _dialogs.Find("#bulk-password-summary-failures tbody tr").GetAttribute("data-login"));

        _dialogs.Find("#bulk-password-rotate-again").Click();
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#bulk-password-rotate-again")), TimeSpan.FromSeconds(30));
        _dialogs.WaitForElement("#bulk-password-summary-done", TimeSpan.FromSeconds(30));
        Assert.Equal(3, _dialogs.FindAll("#bulk-password-issued tbody tr").Count);
        Assert.Equal(4, _stack.CallsOf(HestiaCommands.ChangeWebDomainFtpPassword));
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _stack.DisposeAsync();
    }
}
