using StackExchange.Redis;

namespace HestiaFtp.Tests.Web.ScaleOut;

/// <summary>
/// Waits for an outcome that arrives over Redis (pub/sub delivery, a reconnect, a lease expiring on Redis's clock): these
/// happen in other connections and threads with nothing to await, so a test waits for the outcome itself, bounded, and
/// fails with what it was waiting for. It never retries an action.
/// </summary>
internal static class Until
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>A separate admin connection to the test Redis, for what the tests do behind the instances' backs.</summary>
    public static async Task<ConnectionMultiplexer> AdminAsync(TestSupport.RedisServer redis)
    {
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.AllowAdmin = true;
        options.ClientName = "test-admin";
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
