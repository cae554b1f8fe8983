using Bunit;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class CredentialsDialogTests : DashboardTestContext
{
    private const string Password = "S3cret&Pass<word>\"x";
    private static readonly NewFtpCredentials Credentials = new("alice_ftp7", Password, "example.com", "/uploads", "ftp.example.net");
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;
    private readonly IRenderedComponent<MudSnackbarProvider> _snackbars;

    public CredentialsDialogTests()
    {
        JSInterop.Setup<bool>("hestiaFtp.copy", _ => true).SetResult(true);
        JSInterop.SetupVoid("hestiaFtp.download", _ => true).SetVoidResult();
        (_dialogs, _snackbars) = RenderProviders();
    }

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private async Task<IDialogReference> OpenAsync(NewFtpCredentials? credentials = null)
    {
        var service = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<CredentialsDialog> { { d => d.Credentials, credentials ?? Credentials } };
        var reference = await _dialogs.InvokeAsync(() => service.ShowAsync<CredentialsDialog>("Credentials", parameters, DialogDefaults.Options));
        _dialogs.WaitForElement("#cred-login");
        return reference;
    }

    private void ClickButtonLabelled(string label) => _dialogs.Find($"button[aria-label='{label}']").Click();

    private IReadOnlyList<string?> CopiedTexts() =>
        JSInterop.Invocations.Where(i => i.Identifier == "hestiaFtp.copy").Select(i => i.Arguments[0] as string).ToList();

    [Fact]
    public async Task Open_ShowsHostLoginPortProtocolAndFolder()
    {
        await OpenAsync();

        Assert.Equal("ftp.example.net", _dialogs.Find("#cred-host").TextContent);
        Assert.Equal("alice_ftp7", _dialogs.Find("#cred-login").TextContent);
        Assert.Equal("21", _dialogs.Find("#cred-port").TextContent);
        Assert.Equal(T("Credentials.ProtocolValue"), _dialogs.Find("#cred-protocol").TextContent.Trim());
        Assert.Equal("/uploads", _dialogs.Find("#cred-folder").TextContent);
        Assert.Equal(T("Credentials.Once"), _dialogs.Find("#credentials-once").TextContent.Trim());
    }

    [Fact]
    public async Task Open_WithAbsoluteFolder_ShowsItUnderTheRelativeOne()
    {
        await OpenAsync(Credentials with { AbsoluteFolder = "/home/alice/web/example.com/uploads" });

        Assert.Equal("/uploads", _dialogs.Find("#cred-folder").TextContent);
        Assert.Equal("/home/alice/web/example.com/uploads", _dialogs.Find("#cred-folder-absolute").TextContent);
    }

    [Fact]
    public async Task Open_WhenFolderIsDomainRoot_ShowsSlash()
    {
        await OpenAsync(Credentials with { Folder = "" });

        Assert.Equal("/", _dialogs.Find("#cred-folder").TextContent);
    }

    [Fact]
    public async Task Open_MasksThePasswordUntilRevealed()
    {
        await OpenAsync();

        Assert.Equal(new string('•', 16), _dialogs.Find("#cred-password").TextContent);
        Assert.DoesNotContain("S3cret", _dialogs.Markup, StringComparison.Ordinal);
        Assert.Equal(T("Credentials.Reveal"), _dialogs.Find("#cred-reveal").GetAttribute("aria-label"));
    }

    // The render batch carries string parameters of components, not only the markup: no component below the dialog may
    // hold the password as a string before Reveal (the browser test counts the bytes on the WebSocket).
    [Fact]
    public async Task Open_NoComponentHoldsThePasswordAsAStringParameter()
    {
        await OpenAsync();

        var holders = _dialogs.FindComponents<Microsoft.AspNetCore.Components.IComponent>()
            .Select(c => c.Instance)
            .Where(c => c is not CredentialsDialog)
            .SelectMany(c => c.GetType().GetProperties()
                .Where(p => p.PropertyType == typeof(string)
                    && p.IsDefined(typeof(Microsoft.AspNetCore.Components.ParameterAttribute), inherit: true)
                    && (p.GetValue(c) as string)?.Contains("S3cret", StringComparison.Ordinal) == true)
                .Select(p => $"{c.GetType().Name}.{p.Name}"))
            .ToList();

        Assert.True(_dialogs.FindComponents<CopyButton>().Count >= 3);
        Assert.Empty(holders);
    }

    [Fact]
    public async Task Reveal_ShowsThenHidesThePassword()
    {
        await OpenAsync();

        _dialogs.Find("#cred-reveal").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(Password, _dialogs.Find("#cred-password").TextContent));
        Assert.Equal(T("Credentials.Hide"), _dialogs.Find("#cred-reveal").GetAttribute("aria-label"));

        _dialogs.Find("#cred-reveal").Click();

        _dialogs.WaitForAssertion(() => Assert.Equal(new string('•', 16), _dialogs.Find("#cred-password").TextContent));
    }

    [Theory]
    [InlineData("Credentials.CopyHost", "ftp.example.net")]
    [InlineData("Credentials.CopyLogin", "alice_ftp7")]
    [InlineData("Credentials.CopyPassword", Password)]
    public async Task Copy_Click_CopiesTheRightText(string labelKey, string expected)
    {
        await OpenAsync();

        ClickButtonLabelled(T(labelKey));

        _dialogs.WaitForAssertion(() => Assert.Equal([expected], CopiedTexts()));
        _snackbars.WaitForAssertion(() => Assert.Contains(T("Common.Copied"), _snackbars.Markup));
    }

    [Fact]
    public async Task CopyPassword_WhileMasked_StillCopiesTheRealPasswordWithoutShowingIt()
    {
        await OpenAsync();

        ClickButtonLabelled(T("Credentials.CopyPassword"));

        _dialogs.WaitForAssertion(() => Assert.Equal([Password], CopiedTexts()));
        Assert.Equal(new string('•', 16), _dialogs.Find("#cred-password").TextContent);
    }

    [Fact]
    public async Task Open_IconButtonsHaveAccessibleNames()
    {
        await OpenAsync();

        var buttons = _dialogs.FindAll(".mud-dialog button.mud-icon-button");
        Assert.True(buttons.Count >= 4);
        Assert.All(buttons, b => Assert.False(string.IsNullOrWhiteSpace(b.GetAttribute("aria-label"))));
    }

    [Fact]
    public async Task FileZilla_Click_DownloadsSiteFileWithLoginAndHostButNoPassword()
    {
        await OpenAsync();

        _dialogs.Find("#cred-filezilla").Click();

        _dialogs.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.download"));
        var call = JSInterop.Invocations.Single(i => i.Identifier == "hestiaFtp.download");
        Assert.Equal("alice_ftp7-filezilla.xml", call.Arguments[0]);
        Assert.Equal("application/xml", call.Arguments[1]);
        var xml = Assert.IsType<string>(call.Arguments[2]);
        Assert.Contains("<User>alice_ftp7</User>", xml, StringComparison.Ordinal);
        Assert.Contains("<Host>ftp.example.net</Host>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Pass", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escape_AfterPasswordCopied_ClosesTheDialog()
    {
        var reference = await OpenAsync();
        ClickButtonLabelled(T("Credentials.CopyPassword"));

        await _dialogs.InvokeAsync(() => _dialogs.FindComponent<CredentialsDialog>().Instance.EscapePressed());

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        Assert.False(result!.Canceled);
    }

    [Fact]
    public async Task Done_AfterPasswordCopied_ClosesTheDialog()
    {
        var reference = await OpenAsync();
        ClickButtonLabelled(T("Credentials.CopyPassword"));

        _dialogs.Find("#cred-done").Click();

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        Assert.False(result!.Canceled);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll("#cred-login")));
        Assert.Empty(_dialogs.FindAll("#cred-confirm"));
    }

    [Theory]
    [InlineData("#cred-done")]
    [InlineData("#cred-close")]
    public async Task Close_BeforePasswordCopied_AsksAndStaysOpen(string button)
    {
        var reference = await OpenAsync();

        _dialogs.Find(button).Click();

        Assert.Equal(T("Credentials.NotKept"), _dialogs.Find("#cred-confirm").TextContent.Trim());
        Assert.NotNull(_dialogs.Find("#cred-login"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task Open_ShowsOwnCloseButtonInsteadOfMudBlazors()
    {
        await OpenAsync();

        // MudBlazor's close button would close without asking (DialogDefaults asks for one); the dialog draws its own.
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-button-close")));
        Assert.Single(_dialogs.FindAll("#cred-close"));
    }

    [Fact]
    public async Task Escape_BeforePasswordCopied_AsksAndStaysOpen()
    {
        var reference = await OpenAsync();

        // app.js calls EscapePressed for an Escape anywhere on the page; MudBlazor's own Escape handling is off for this dialog.
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "hestiaFtp.watchEscape");
        await _dialogs.InvokeAsync(() => _dialogs.FindComponent<CredentialsDialog>().Instance.EscapePressed());

        _dialogs.WaitForElement("#cred-confirm");
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task KeepOpen_AfterAsking_HidesTheQuestion()
    {
        var reference = await OpenAsync();
        _dialogs.Find("#cred-done").Click();

        _dialogs.Find("#cred-keep-open").Click();

        Assert.Empty(_dialogs.FindAll("#cred-confirm"));
        Assert.NotNull(_dialogs.Find("#cred-done"));
        Assert.False(reference.Result.IsCompleted);
    }

    [Fact]
    public async Task CloseAnyway_AfterAsking_ClosesAndDropsTheUnloadGuard()
    {
        var reference = await OpenAsync();
        _dialogs.Find("#cred-done").Click();

        _dialogs.Find("#cred-close-anyway").Click();

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        Assert.False(result!.Canceled);
        Assert.Equal([true, false], UnloadGuardCalls());
    }

    [Fact]
    public async Task Open_GuardsTabCloseUntilThePasswordIsCopied()
    {
        await OpenAsync();
        Assert.Equal([true], UnloadGuardCalls());

        ClickButtonLabelled(T("Credentials.CopyPassword"));

        Assert.Equal([true, false], UnloadGuardCalls());
    }

    [Fact]
    public async Task Download_DoesNotCountAsKeepingThePassword()
    {
        await OpenAsync();
        _dialogs.Find("#cred-filezilla").Click();

        _dialogs.Find("#cred-done").Click();

        // The site file holds no password, so the dialog still asks.
        Assert.NotNull(_dialogs.Find("#cred-confirm"));
    }

    [Fact]
    public async Task Navigate_BeforePasswordCopied_IsHeldAndAsks_ThenGoesOnAfterCloseAnyway()
    {
        var reference = await OpenAsync();
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var before = navigation.Uri;

        await _dialogs.InvokeAsync(() => navigation.NavigateTo("/activity"));

        Assert.Equal(before, navigation.Uri);
        _dialogs.WaitForElement("#cred-confirm");
        _dialogs.Find("#cred-close-anyway").Click();
        await reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        Assert.EndsWith("/activity", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigate_AfterPasswordCopied_GoesThroughWithoutAsking()
    {
        await OpenAsync();
        ClickButtonLabelled(T("Credentials.CopyPassword"));
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();

        await _dialogs.InvokeAsync(() => navigation.NavigateTo("/activity"));

        Assert.EndsWith("/activity", navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(_dialogs.FindAll("#cred-confirm"));
    }

    [Fact]
    public async Task Open_LeavesTheLoginForAReloadedPageToFind()
    {
        await OpenAsync();

        // Not the password: only the login, so a page reloaded after a lost circuit can offer to set a new one.
        var guard = JSInterop.Invocations.First(i => i.Identifier == "hestiaFtp.guardUnload");
        Assert.Equal([true, "alice_ftp7"], guard.Arguments);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Arguments.Any(a => a as string == Password && i.Identifier != "hestiaFtp.copy"));
    }

    private List<bool> UnloadGuardCalls() =>
        JSInterop.Invocations.Where(i => i.Identifier == "hestiaFtp.guardUnload").Select(i => (bool)i.Arguments[0]!).ToList();
}
