using System.Reflection;
using System.Security.Claims;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Tests.Web.Auth;

/// <summary>The periodic re-check of an open circuit against the real client and the demo emulator.</summary>
public class DashboardAuthenticationStateProviderTests
{
    private static readonly MethodInfo Validate = typeof(DashboardAuthenticationStateProvider)
        .GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static async Task<bool> ValidateAsync(DashboardAuthenticationStateProvider provider, ClaimsPrincipal principal) =>
        await (Task<bool>)Validate.Invoke(provider, [new AuthenticationState(principal), TestContext.Current.CancellationToken])!;

    [Fact]
    public async Task Validate_ActiveUserWithinSession_True()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();

        Assert.True(await ValidateAsync(provider, DashboardStack.Alice.ToPrincipal(stack.Clock.GetUtcNow().AddHours(1))));
        Assert.True(await ValidateAsync(provider, DashboardStack.SupportStaff.ToPrincipal(stack.Clock.GetUtcNow().AddHours(1))));
    }

    [Fact]
    public async Task Validate_SessionExpired_FalseWithoutAskingHestia()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var principal = DashboardStack.Alice.ToPrincipal(stack.Clock.GetUtcNow().AddHours(8));
        Assert.True(await ValidateAsync(provider, principal));
        var calls = stack.Requests.All.Count;

        stack.Clock.Advance(TimeSpan.FromHours(8));

        Assert.False(await ValidateAsync(provider, principal));
        Assert.Equal(calls, stack.Requests.All.Count);
    }

    [Fact]
    public async Task Validate_UserSuspendedOutOfBand_FalseAtTheNextCheck()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var principal = DashboardStack.Alice.ToPrincipal(stack.Clock.GetUtcNow().AddHours(1));
        Assert.True(await ValidateAsync(provider, principal));

        stack.Control.SuspendUser("alice");
        stack.Clock.Advance(RevalidationInterval(stack));

        Assert.False(await ValidateAsync(provider, principal));
    }

    [Fact]
    public async Task Validate_StoredUserYoungerThanTheInterval_AnsweredFromTheStoreWithoutACall()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var principal = DashboardStack.Alice.ToPrincipal(stack.Clock.GetUtcNow().AddHours(1));
        Assert.True(await ValidateAsync(provider, principal));
        stack.Emulator.ResetCallCounts();

        stack.Clock.Advance(RevalidationInterval(stack) - TimeSpan.FromSeconds(1));

        Assert.True(await ValidateAsync(provider, principal));
        Assert.Equal("", stack.Calls());
    }

    private static TimeSpan RevalidationInterval(DashboardStack stack) =>
        stack.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.RevalidationInterval;

    [Fact]
    public async Task Validate_SuspendedOrDeletedUser_False()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var expires = stack.Clock.GetUtcNow().AddHours(1);

        Assert.False(await ValidateAsync(provider, new DashboardUser(DashboardStack.ServerName, "bob", DashboardRole.Customer).ToPrincipal(expires)));
        Assert.False(await ValidateAsync(provider, new DashboardUser(DashboardStack.ServerName, "ghost", DashboardRole.Customer).ToPrincipal(expires)));
    }

    [Fact]
    public async Task Validate_NoUserOrNoExpiry_False()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var noExpiry = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "alice"), new Claim(DashboardUser.ServerClaim, DashboardStack.ServerName), new Claim(ClaimTypes.Role, "Customer")],
            DashboardUser.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));

        Assert.False(await ValidateAsync(provider, new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.False(await ValidateAsync(provider, noExpiry));
    }
}
