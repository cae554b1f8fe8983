using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// A password reaches the browser only when the user asks for it: every WebSocket frame the circuit receives is captured
/// (Blazor Server sends render batches as binary MessagePack, strings as UTF-8), and searched for the password's bytes.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public sealed class SecretsBrowserTests(DashboardHost host) : IClassFixture<DashboardHost>, IDisposable
{
    public void Dispose() => host.AssertNoCspViolations();

    [Fact]
    public async Task QuickAdd_CredentialsDialog_SendsThePasswordOnlyAfterCopyOrReveal()
    {
        var page = await host.NewPageAsync();
        var frames = new ConcurrentQueue<byte[]>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            frames.Enqueue(frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? ""));
        await DashboardHost.SignInAsync(page, "alice", "Alice-Demo-2026");
        await Expect(page.Locator(".ftp-card").First).ToBeVisibleAsync();

        await page.Locator("#add-ftp").ClickAsync();
        await page.Locator("#add-submit").ClickAsync();
        var login = page.Locator("#cred-login");
        await Expect(login).ToHaveTextAsync(new Regex("^alice_"));
        var newLogin = (await login.TextContentAsync())!.Trim();
        await Expect(page.Locator("#cred-port")).ToHaveTextAsync("21");
        var password = host.Emulator.Control.PasswordOf(newLogin);
        Assert.NotNull(password);
        var secret = Encoding.UTF8.GetBytes(password);

        try
        {
            // The dialog is open and fully rendered: its render batches have arrived, with dots in place of the password.
            await Expect(page.Locator("#cred-password")).ToHaveTextAsync(new string('•', 16));
            var beforeAsking = frames.ToArray();
            Assert.True(beforeAsking.Length >= 3, $"only {beforeAsking.Length} frames were captured");
            Assert.Equal(0, beforeAsking.Count(f => f.AsSpan().IndexOf(secret) >= 0));

            // Copy fetches the password at click time: the JS call carries it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Copy password" }).ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
            Assert.Equal(1, frames.Skip(beforeAsking.Length).Count(f => f.AsSpan().IndexOf(secret) >= 0));
            Assert.Equal(new string('•', 16), await page.Locator("#cred-password").TextContentAsync());

            await page.Locator("#cred-reveal").ClickAsync();
            await Expect(page.Locator("#cred-password")).ToHaveTextAsync(password);
        }
        finally
        {
            host.Emulator.Control.DeleteFtpAccountDirect("alice", "alice-shop.com", newLogin);
        }
    }
}
