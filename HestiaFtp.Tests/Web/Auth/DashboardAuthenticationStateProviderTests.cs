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

        Assert.True(await ValidateAsync(provider, await stack.StartSessionAsync(DashboardStack.Alice)));
        Assert.True(await ValidateAsync(provider, await stack.StartSessionAsync(DashboardStack.SupportStaff)));
    }

    [Fact]
    public async Task Validate_SessionExpired_FalseWithoutAskingHestia()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var principal = await stack.StartSessionAsync(DashboardStack.Alice);
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
        var principal = await stack.StartSessionAsync(DashboardStack.Alice);
        Assert.True(await ValidateAsync(provider, principal));

        stack.Control.SuspendUser("alice");
        stack.Clock.Advance(RevalidationInterval(stack));

        Assert.False(await ValidateAsync(provider, principal));
        // The suspension ended the session itself: a copy of the cookie is refused even once the user is unsuspended.
        Assert.False(await stack.Sessions.IsActiveAsync(principal, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Validate_StoredUserYoungerThanTheInterval_AnsweredFromTheStoreWithoutACall()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var principal = await stack.StartSessionAsync(DashboardStack.Alice);
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
        Assert.False(await ValidateAsync(provider, await stack.StartSessionAsync(new DashboardUser(DashboardStack.ServerName, "bob", DashboardRole.Customer))));
        Assert.False(await ValidateAsync(provider, await stack.StartSessionAsync(new DashboardUser(DashboardStack.ServerName, "ghost", DashboardRole.Customer))));
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

    [Fact]
    public async Task Validate_NoSessionOrUnknownSession_FalseWithoutAskingHestia()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var expires = stack.Clock.GetUtcNow().AddHours(1);

        Assert.False(await ValidateAsync(provider, DashboardStack.Alice.ToPrincipal(expires)));
        Assert.False(await ValidateAsync(provider, DashboardStack.Alice.ToPrincipal(expires, "made-up-session-id")));
        Assert.Empty(stack.Requests.All);
    }

    [Fact]
    public async Task Validate_SessionSignedOutElsewhere_FalseAtTheNextCheck()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var principal = await stack.StartSessionAsync(DashboardStack.Alice);
        Assert.True(await ValidateAsync(provider, principal));

        await stack.Sessions.EndAsync(principal, SessionEndReasons.SignedOut, TestContext.Current.CancellationToken);

        Assert.False(await ValidateAsync(provider, principal));
    }

    [Fact]
    public async Task Validate_SupportEndsAnAccountsSessions_EveryCircuitOfThatAccountFalseAtTheNextCheck_OthersUnaffected()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var aliceLaptop = await stack.StartSessionAsync(DashboardStack.Alice);
        var alicePhone = await stack.StartSessionAsync(DashboardStack.Alice);
        var carol = await stack.StartSessionAsync(DashboardStack.Carol);
        Assert.True(await ValidateAsync(provider, aliceLaptop));
        Assert.True(await ValidateAsync(provider, alicePhone));

        stack.Auth.SignIn(DashboardStack.SupportStaff);
        var ended = await stack.AccountSessions.EndAllAsync(new HestiaFtp.Web.Live.AccountKey(DashboardStack.ServerName, "alice"), TestContext.Current.CancellationToken);

        Assert.Equal(2, ended);
        Assert.False(await ValidateAsync(provider, aliceLaptop));
        Assert.False(await ValidateAsync(provider, alicePhone));
        Assert.True(await ValidateAsync(provider, carol));
    }

    [Fact]
    public async Task Validate_LifetimeIsAbsolute_ActivityDoesNotExtendIt()
    {
        await using var stack = await DashboardStack.StartAsync();
        var provider = stack.CreateRevalidatingProvider();
        var principal = await stack.StartSessionAsync(DashboardStack.Alice);
        var lifetime = stack.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.SessionLifetime;
        Assert.Equal(TimeSpan.FromHours(8), lifetime);

        for (var elapsed = TimeSpan.Zero; elapsed < lifetime; elapsed += TimeSpan.FromMinutes(30))
        {
            Assert.True(await ValidateAsync(provider, principal));
            stack.Clock.Advance(TimeSpan.FromMinutes(30));
        }

        Assert.False(await ValidateAsync(provider, principal));
    }
}
