using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// The device cookie (OWASP's "device cookie" against lockout): after a successful sign-in the browser gets a cookie that
/// names a random device id, the HestiaCP server and the account, encrypted and signed with the dashboard's data-protection
/// keys. Presented at a later sign-in of the same account, a device that the store still trusts counts its failures
/// against itself instead of against the account, so failures from elsewhere cannot hold it back. Each successful sign-in
/// replaces the device id (the old one is revoked); support staff can revoke all of an account's devices.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider dataProtection, IDeviceStore store, IOptions<DashboardOptions> options, TimeProvider time,
    ILogger<DeviceCookies> logger)
{
    private const string Prefix = "HestiaFtp.Device.";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("HestiaFtp.Auth.DeviceCookie.v1");

    /// <summary>
    /// The cookie's name for one account: one cookie per account a browser has used, named by a hash so the name does not
    /// show the account.
    /// </summary>
    public static string CookieName(string server, string user) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{server}\n{user.ToLowerInvariant()}")))[..16];

    /// <summary>The store hash of the device the cookie names, when it is valid for exactly this account and still trusted.</summary>
    public async Task<string?> TrustedDeviceAsync(string? cookie, string server, string user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 1024)
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            logger.LogInformation("Device cookie for {User} on {Server} could not be read: treated as a new device", user, server);
            return null;
        }
        var parts = payload.Split('\n');
        if (parts.Length != 3 || parts[0] != server || parts[1] != user.ToLowerInvariant())
        {
            return null;
        }
        var idHash = SecretIds.Hash(parts[2]);
        return await store.IsDeviceTrustedAsync(idHash, server, user.ToLowerInvariant(), time.GetUtcNow(), cancellationToken) ? idHash : null;
    }

    /// <summary>A fresh device for the account after a successful sign-in; revokes the one the browser presented.</summary>
    public async Task<IssuedDeviceCookie> IssueAsync(string server, string user, string? previousIdHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.DeviceLifetime;
        var id = SecretIds.New();
        await store.AddDeviceAsync(SecretIds.Hash(id), server, user.ToLowerInvariant(), now, expires, cancellationToken);
        if (previousIdHash is not null)
        {
            await store.RevokeDeviceAsync(previousIdHash, now, cancellationToken);
        }
        return new IssuedDeviceCookie(CookieName(server, user), _protector.Protect($"{server}\n{user.ToLowerInvariant()}\n{id}"), expires);
    }

    /// <summary>Forgets every device of the account: from now on each browser signs in as a new device.</summary>
    public Task<int> RevokeAllAsync(string server, string user, CancellationToken cancellationToken) =>
        store.RevokeDevicesAsync(server, user.ToLowerInvariant(), time.GetUtcNow(), cancellationToken);
}

/// <summary>The device cookie to set: HttpOnly, SameSite=Strict, path <c>/signin</c>, until <see cref="Expires"/>.</summary>
public sealed record IssuedDeviceCookie(string Name, string Value, DateTimeOffset Expires)
{
    public override string ToString() => $"{nameof(IssuedDeviceCookie)} {{ Name = {Name}, Expires = {Expires:O} }}";
}
