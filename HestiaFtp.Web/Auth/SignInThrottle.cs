using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace HestiaFtp.Web.Auth;

/// <summary>
/// Limits password guessing without letting anyone lock an owner out. Every attempt reserves a slot on each of its keys
/// atomically before HestiaCP is asked (<see cref="ISignInAttemptStore.TryReserveAsync"/>), so parallel requests cannot
/// all pass one check; a failure keeps its slot for <see cref="DashboardOptions.SignInWindow"/>, a success or an
/// unanswered check gives it back (failures are counted, not requests). The keys:
/// <list type="bullet">
/// <item>the address (IPv6: its /64), at most 4 failures: below HestiaCP's fail2ban (5 in 10 minutes), which counts the
/// same failures against the same address because <c>v-check-user-password</c> is given it;</item>
/// <item>the account at that address;</item>
/// <item>either the device cookie, for a browser that signed in to the account before, with its own limit, or else the
/// account across all addresses (OWASP's device-cookie pattern): an attacker elsewhere fills the account's slots and so
/// holds back new devices, but never a browser its owner has used before.</item>
/// </list>
/// Attempts still in flight hold slots too; a request that finds a key full only of those waits for them to end (up to
/// <see cref="DashboardOptions.SignInQueueTimeout"/>) rather than being refused for someone else's success. ASP.NET
/// Core's rate limiters do not fit this: their permits count requests and cannot be given back after the outcome is
/// known, and they live in one process's memory.
/// </summary>
public sealed class SignInThrottle(ISignInAttemptStore store, IOptions<DashboardOptions> options, TimeProvider time, ILogger<SignInThrottle> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private TaskCompletionSource _completed = NewSignal();

    /// <summary>
    /// Reserves an attempt for <paramref name="user"/> on <paramref name="server"/> from <paramref name="address"/>, as a
    /// trusted device when <paramref name="deviceIdHash"/> is set. Null when throttled: HestiaCP must not be asked.
    /// </summary>
    public async Task<SignInAttempt?> ReserveAsync(string server, string user, string address, string? deviceIdHash, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var reservation = await ReserveWaitingAsync(Limits(server, user, address, deviceIdHash), cancellationToken);
        if (reservation.Status == ReservationStatus.Refused && deviceIdHash is not null && reservation.LimitedKey == DeviceKey(deviceIdHash))
        {
            // A device cookie that failed too often is worth no more than no cookie at all.
            logger.LogWarning("Device cookie of {User} on {Server} reached its failure limit: treated as a new device", user, server);
            deviceIdHash = null;
            reservation = await ReserveWaitingAsync(Limits(server, user, address, null), cancellationToken);
        }
        if (reservation.Status != ReservationStatus.Reserved)
        {
            logger.LogWarning("Sign-in for {User} on {Server} from {ClientIp} refused: {Key} is {Status} (window {Window})",
                user, server, address, KindOf(reservation.LimitedKey), reservation.Status, o.SignInWindow);
            return null;
        }
        return new SignInAttempt(this, reservation.Id!, deviceIdHash is not null);
    }

    /// <summary>The keys and limits an attempt counts against (exposed for tests and diagnostics).</summary>
    public IReadOnlyList<ThrottleLimit> Limits(string server, string user, string address, string? deviceIdHash)
    {
        var o = options.Value;
        var account = $"{server}|{user.ToLowerInvariant()}";
        var source = AddressKey(address);
        return
        [
            new ThrottleLimit($"address|{source}", o.MaxFailuresPerAddress),
            new ThrottleLimit($"account-address|{account}|{source}", o.MaxFailuresPerAccountAndAddress),
            deviceIdHash is null
                ? new ThrottleLimit($"account|{account}", o.MaxFailuresPerAccount)
                : new ThrottleLimit(DeviceKey(deviceIdHash), o.MaxFailuresPerDevice),
        ];
    }

    /// <summary>Failed and in-flight attempts counted against <paramref name="key"/> now.</summary>
    public Task<int> CountAsync(string key, CancellationToken cancellationToken) =>
        store.CountAsync(key, time.GetUtcNow(), options.Value.SignInWindow, cancellationToken);

    /// <summary>IPv4 as it is; IPv6 by its /64, the smallest block one customer line usually gets.</summary>
    public static string AddressKey(string address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return address;
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    internal async Task CompleteAsync(string reservation, bool failed)
    {
        try
        {
            // Not cancellable: the outcome must be recorded even when the browser went away meanwhile.
            await store.CompleteAsync(reservation, failed, CancellationToken.None);
        }
        finally
        {
            Interlocked.Exchange(ref _completed, NewSignal()).TrySetResult();
        }
    }

    private async Task<AttemptReservation> ReserveWaitingAsync(IReadOnlyList<ThrottleLimit> limits, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(options.Value.SignInQueueTimeout, time);
        while (true)
        {
            var completed = Volatile.Read(ref _completed).Task;
            var reservation = await store.TryReserveAsync(limits, time.GetUtcNow(), options.Value.SignInWindow, cancellationToken);
            if (reservation.Status != ReservationStatus.Busy || budget.IsCancellationRequested)
            {
                return reservation;
            }
            // Woken by any attempt of this instance ending; the poll covers attempts of other instances sharing the store.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
            var poll = Task.Delay(PollInterval, time, wait.Token);
            await Task.WhenAny(completed, poll).WaitAsync(cancellationToken);
            await wait.CancelAsync();
        }
    }

    private static string DeviceKey(string deviceIdHash) => $"device|{deviceIdHash}";

    private static string KindOf(string? key) => key is null ? "?" : key[..key.IndexOf('|', StringComparison.Ordinal)];

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// One reserved sign-in attempt. Complete it exactly once: <see cref="FailedAsync"/> when HestiaCP refused the password,
/// <see cref="ReleaseAsync"/> when it accepted it or could not be asked. Disposing an attempt left open counts it as
/// failed: HestiaCP may have seen it (the request was cancelled or threw mid-way).
/// </summary>
public sealed class SignInAttempt : IAsyncDisposable
{
    private readonly SignInThrottle _throttle;
    private readonly string _reservation;
    private int _completed;

    internal SignInAttempt(SignInThrottle throttle, string reservation, bool trustedDevice)
    {
        _throttle = throttle;
        _reservation = reservation;
        TrustedDevice = trustedDevice;
    }

    /// <summary>Whether the attempt counts against a trusted device rather than the account.</summary>
    public bool TrustedDevice { get; }

    public Task FailedAsync() => CompleteAsync(failed: true);

    public Task ReleaseAsync() => CompleteAsync(failed: false);

    public async ValueTask DisposeAsync() => await CompleteAsync(failed: true);

    private Task CompleteAsync(bool failed) =>
        Interlocked.Exchange(ref _completed, 1) == 0 ? _throttle.CompleteAsync(_reservation, failed) : Task.CompletedTask;
}
