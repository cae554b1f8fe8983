using HestiaFtp.Web.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HestiaFtp.Tests.TestSupport;

/// <summary>
/// The shared bUnit base: MudBlazor services, loose JS interop, the real localized resources, a signed-in user and a
/// scripted <see cref="FakeFtpDashboard"/>. Render providers with <see cref="RenderProviders"/> before the component.
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton<IFtpDashboard>(Dashboard);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<HestiaFtp.Web.Live.IScaleOutStatus, HestiaFtp.Web.Live.SingleInstanceStatus>();
        Services.AddSingleton<IUserPreferences>(Preferences);
        Services.AddScoped<ReaderTimeZone>();
        Auth = AddAuthorization();
        SignInAs(Dashboard.User);
    }

    protected FakeFtpDashboard Dashboard { get; } = new();

    protected InMemoryUserPreferences Preferences { get; } = new();

    protected BunitAuthorizationContext Auth { get; }

    protected void SignInAs(DashboardUser user)
    {
        Dashboard.User = user;
        Auth.SetAuthorized(user.Name);
        Auth.SetRoles(user.Role.ToString());
        Auth.SetClaims(new System.Security.Claims.Claim(DashboardUser.ServerClaim, user.Server));
    }

    /// <summary>Dialogs render into the dialog provider and menus/selects into the popover provider, not the page.</summary>
    protected (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderProviders()
    {
        Render<MudPopoverProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var dialogs = Render<MudDialogProvider>();
        return (dialogs, snackbars);
    }
}
