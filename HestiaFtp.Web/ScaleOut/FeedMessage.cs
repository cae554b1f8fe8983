using System.Text.Json;
using System.Text.Json.Serialization;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Web.ScaleOut;

/// <summary>
/// One item of the change feed on Redis pub/sub: an account's new snapshot with its changes (<see cref="Key"/> set), or a
/// server status (<see cref="Key"/> null). <see cref="Origin"/> names the instance that published it, which has already
/// delivered it to its own pages. Never holds a password (snapshots and changes have none).
/// </summary>
internal sealed record FeedMessage(
    string Origin,
    AccountKey? Key,
    AccountSnapshot? Snapshot,
    IReadOnlyList<AccountChange>? Changes,
    ServerStatus? Status,
    bool Announce)
{
    public string ToJson() => JsonSerializer.Serialize(this, ScaleOutJson.Options);

    public static FeedMessage? FromJson(string json) => JsonSerializer.Deserialize<FeedMessage>(json, ScaleOutJson.Options);
}

/// <summary>How the scale-out parts write the live models to Redis: enums by name, computed properties left out.</summary>
internal static class ScaleOutJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
