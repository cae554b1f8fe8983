using HestiaFtp.Web.Components;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Audit;
using HestiaFtp.Web.Dashboard;
using HestiaFtp.Web.Data;
using HestiaFtp.Web.Hosting;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.ScaleOut;
using MudBlazor.Services;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    // Blazor's and MudBlazor's files come from the build's static web assets in every environment, not only Development
    // (a published app has no such manifest, and this does nothing there).
    builder.WebHost.UseStaticWebAssets();
    builder.Services.AddSerilog((services, lc) => lc
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext());

    builder.AddWebSecurity();
    EmbeddedEmulator.AddIfNoServerConfigured(builder);
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddHestiaClient(builder.Configuration);
    builder.Services.AddLocalization();
    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddDashboardDatabase(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Services.AddDashboardAuth(builder.Configuration);
    builder.Services.AddHestiaLive(builder.Configuration);
    builder.Services.AddRedisScaleOut(builder.Configuration);
    builder.Services.AddAuditLog(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Services.AddSingleton<ICredentialGenerator, CredentialGenerator>();
    builder.Services.AddSingleton<FtpAccountService>();
    builder.Services.AddScoped<IFtpDashboard, FtpDashboard>();
    builder.Services.AddScoped<ReaderTimeZone>();

    var app = builder.Build();
    app.UseWebSecurity();
    app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
    app.UseSerilogRequestLogging();
    app.UseRequestLocalization(HostingExtensions.LocalizationOptions());
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();
    app.MapStaticAssets();
    app.MapDashboardEndpoints();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "HestiaFtp stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}
