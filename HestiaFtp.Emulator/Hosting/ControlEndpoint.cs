using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HestiaFtp.Emulator.Hosting;

/// <summary>
/// <c>/_emulator/…</c> beside the API on the same port, for what the API cannot do: file-system objects with owner, group,
/// mode and size, faults, outages, latency, call counters and reset. Mapped only when a control token is configured and
/// the server listens on loopback; every request needs <c>Authorization: Bearer TOKEN</c>, compared in constant time.
/// </summary>
internal sealed class ControlEndpoint
{
    public const string Prefix = "/_emulator";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly EmulatorServer _server;
    private readonly byte[] _tokenHash;
    private readonly Action<HestiaEmulator>? _afterReset;

    private ControlEndpoint(EmulatorServer server, string token, Action<HestiaEmulator>? afterReset)
    {
        _server = server;
        // Hashing first makes the comparison's length fixed too: the token's length does not leak.
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        _afterReset = afterReset;
    }

    public static void Map(WebApplication app, EmulatorServer server, string token, Action<HestiaEmulator>? afterReset)
    {
        var endpoint = new ControlEndpoint(server, token, afterReset);
        app.Map(Prefix + "/{operation}", endpoint.HandleAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!Authorized(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(context, StatusCodes.Status401Unauthorized, new { error = "A valid bearer token is required." });
            return;
        }

        var operation = (string)context.Request.RouteValues["operation"]!;
        var method = context.Request.Method;
        try
        {
            switch (operation)
            {
                case "calls" when HttpMethods.IsGet(method):
                    await WriteAsync(context, StatusCodes.Status200OK, _server.Emulator.CallCounts);
                    return;
                case "calls" when HttpMethods.IsDelete(method):
                    _server.Emulator.ResetCallCounts();
                    break;
                case "reset" when HttpMethods.IsPost(method):
                    _server.Emulator.Reset();
                    _afterReset?.Invoke(_server.Emulator);
                    break;
                case "outage" when HttpMethods.IsPost(method):
                    await OutageAsync(context, await ReadBodyAsync(context));
                    return;
                case var _ when HttpMethods.IsPost(method) && ControlOperations.Names.Contains(operation):
                    ControlOperations.Apply(_server.Emulator.Control, operation, await ReadBodyAsync(context));
                    break;
                default:
                    await WriteAsync(context, StatusCodes.Status404NotFound, new { error = $"No control operation {method} {operation}." });
                    return;
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (ControlOperationException ex)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new { error = ex.Message });
        }
    }

    /// <summary>
    /// <c>None</c> and <c>NeverAnswer</c> switch at once (held API requests never block this endpoint).
    /// <c>RefuseConnections</c> closes this port too, so it needs <c>forMs</c>: the port closes once this answer is sent
    /// and opens again after that long.
    /// </summary>
    private async Task OutageAsync(HttpContext context, JsonElement body)
    {
        var name = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (!Enum.TryParse<EmulatorOutage>(name, ignoreCase: false, out var mode) || !Enum.IsDefined(mode) || int.TryParse(name, out _))
        {
            throw new ControlOperationException($"mode must be one of {string.Join(", ", Enum.GetNames<EmulatorOutage>())}.");
        }

        if (mode != EmulatorOutage.RefuseConnections)
        {
            await _server.SetOutageAsync(mode, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (!body.TryGetProperty("forMs", out var f) || !f.TryGetInt32(out var forMs) || forMs is < 1 or > 600_000)
        {
            throw new ControlOperationException("RefuseConnections closes this port as well: give forMs (1 to 600000) after which it opens again.");
        }

        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Response.OnCompleted(() =>
        {
            answered.TrySetResult();
            return Task.CompletedTask;
        });
        _server.RefuseConnectionsFor(TimeSpan.FromMilliseconds(forMs), answered.Task);
        await WriteAsync(context, StatusCodes.Status202Accepted,
            new { refusingForMs = forMs });
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _tokenHash);
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ControlOperationException("The body must be JSON.");
        }
    }

    private static Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, Json), context.RequestAborted);
    }
}
