using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HestiaFtp.Emulator;

/// <summary>
/// Kestrel (loopback unless told otherwise) serving <see cref="HestiaEmulator"/> at <c>/api/</c> and <c>/api/index.php</c>
/// (plain HTTP), with server-wide outages switchable at run time (<see cref="SetOutageAsync"/>) and, when a control token
/// is given, the control endpoint at <c>/_emulator/</c>.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _switching = new(1, 1);
    private Listener? _listener;
    private volatile TaskCompletionSource? _held;
    private volatile EmulatorOutage _outage;
    private bool _disposed;

    private readonly EmulatorServerOptions _options;

    private EmulatorServer(HestiaEmulator emulator, EmulatorServerOptions options) => (Emulator, _options) = (emulator, options);

    /// <summary>e.g. <c>http://127.0.0.1:43121/</c>; requests go to <c>BaseUrl + "api/"</c>. Stays the same across outages.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The emulator behind the server.</summary>
    public HestiaEmulator Emulator { get; }

    /// <summary>The current outage mode (<see cref="EmulatorOutage.None"/> after start).</summary>
    public EmulatorOutage Outage => _outage;

    /// <summary>Starts the server on 127.0.0.1 (port 0 = any free port).</summary>
    public static Task<EmulatorServer> StartAsync(HestiaEmulator emulator, int port = 0, CancellationToken ct = default) =>
        StartAsync(emulator, new EmulatorServerOptions { Port = port }, ct);

    /// <summary>Starts the server as <paramref name="options"/> say; with a control token only on a loopback address.</summary>
    public static async Task<EmulatorServer> StartAsync(HestiaEmulator emulator, EmulatorServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ControlToken is not null && !IPAddress.IsLoopback(options.Address))
        {
            throw new InvalidOperationException($"The control endpoint refuses to start on the non-loopback address {options.Address}.");
        }

        var server = new EmulatorServer(emulator, options);
        server._listener = await server.ListenAsync(options.Port, ct).ConfigureAwait(false);
        var host = options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.Address}]" : options.Address.ToString();
        server.BaseUrl = new Uri($"http://{host}:{server._listener.Port}/");
        return server;
    }

    /// <summary>
    /// Switches the outage mode; safe while requests are in flight. <see cref="EmulatorOutage.RefuseConnections"/> stops
    /// Kestrel (open connections close, requests in flight or held are aborted); leaving it listens again on the same
    /// port, so <see cref="BaseUrl"/> does not change (throws if another process took the port meanwhile).
    /// <see cref="EmulatorOutage.NeverAnswer"/> holds every new request once read; leaving it for
    /// <see cref="EmulatorOutage.None"/> lets the held requests run and be answered.
    /// </summary>
    public async Task SetOutageAsync(EmulatorOutage mode, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown outage mode.");
        }

        await _switching.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (mode == _outage)
            {
                return;
            }

            if (mode == EmulatorOutage.RefuseConnections)
            {
                // Stop first: requests held by NeverAnswer are aborted with the listener, never answered.
                await StopListenerAsync().ConfigureAwait(false);
                Release();
            }
            else
            {
                if (mode == EmulatorOutage.NeverAnswer)
                {
                    _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                else
                {
                    Release();
                }

                if (_listener is null)
                {
                    try
                    {
                        _listener = await ListenAsync(BaseUrl.Port, ct).ConfigureAwait(false);
                    }
                    catch
                    {
                        Release();
                        throw;
                    }
                }
            }

            _outage = mode;
        }
        finally
        {
            _switching.Release();
        }
    }

    /// <summary>The port closing after a control request for <see cref="EmulatorOutage.RefuseConnections"/> (tests await it).</summary>
    internal Task RefusalStarted { get; private set; } = Task.CompletedTask;

    /// <summary>The port open again after it.</summary>
    internal Task RefusalEnded { get; private set; } = Task.CompletedTask;

    /// <summary>Once <paramref name="answered"/> completes, refuses connections for <paramref name="duration"/> on the
    /// emulator's clock, then serves again (unless switched or disposed meanwhile).</summary>
    internal void RefuseConnectionsFor(TimeSpan duration, Task answered)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        RefusalStarted = started.Task;
        RefusalEnded = Task.Run(async () =>
        {
            try
            {
                await answered.ConfigureAwait(false);
                await SetOutageAsync(EmulatorOutage.RefuseConnections).ConfigureAwait(false);
                started.TrySetResult();
                await Task.Delay(duration, Emulator.Time).ConfigureAwait(false);
                if (_outage == EmulatorOutage.RefuseConnections)
                {
                    await SetOutageAsync(EmulatorOutage.None).ConfigureAwait(false);
                }
            }
            catch (ObjectDisposedException)
            {
                started.TrySetResult(); // stopped meanwhile: nothing to refuse any more
            }
        });
    }

    /// <summary>Stops Kestrel; requests still in flight (delayed, hanging or held) are aborted.</summary>
    public async ValueTask DisposeAsync()
    {
        await _switching.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopListenerAsync().ConfigureAwait(false);
            Release();
        }
        finally
        {
            _switching.Release();
        }
    }

    private void Release() => Interlocked.Exchange(ref _held, null)?.TrySetResult();

    private async Task<Listener> ListenAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(_options.Address, port);
            o.AddServerHeader = false;
        });
        var app = builder.Build();
        var down = new CancellationTokenSource();
        try
        {
            RequestDelegate handler = context => HandleAsync(context, down.Token);
            app.Map("/api/", handler);
            app.Map("/api/index.php", handler);
            if (_options.ControlToken is { } token)
            {
                Hosting.ControlEndpoint.Map(app, this, token, _options.AfterReset);
            }

            // The dashboard links to the panel's own pages; a real HestiaCP shows them, the emulator says what would be there.
            app.MapGet("/fm/", () => PanelPage("File manager",
                "A real HestiaCP shows its file manager here (FileGator), after asking you to sign in to the panel. " +
                "It opens in your home folder; a web domain's files are in web/DOMAIN/public_html."));
            app.MapGet("/edit/web/", (string? domain) => PanelPage("Edit web domain",
                $"A real HestiaCP shows the settings of the web domain {domain ?? "(none given)"} here, after asking you to sign in to the panel."));
            await app.StartAsync(ct).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var uri = new Uri(address.EndsWith('/') ? address : address + "/");
            return new Listener(app, down, uri.Port);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            down.Dispose();
            throw;
        }
    }

    private static IResult PanelPage(string title, string text) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)} · HestiaCP emulator</title></head>
        <body><main><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>
        <p>This is HestiaFtp's built-in HestiaCP emulator (demo data); it has no panel pages of its own.</p></main></body></html>
        """, "text/html; charset=utf-8");

    private async Task StopListenerAsync()
    {
        if (_listener is not { } listener)
        {
            return;
        }

        _listener = null;
        // Unblock every handler first (latency, hang faults, held requests): they abort their connection, so the graceful
        // stop below has nothing to wait for and only closes the idle keep-alive connections and the listening socket.
        await listener.Down.CancelAsync().ConfigureAwait(false);
        await listener.App.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await listener.App.DisposeAsync().ConfigureAwait(false);
        listener.Down.Dispose();
    }

    private async Task HandleAsync(HttpContext context, CancellationToken down)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, down);
        var ct = linked.Token;
        try
        {
            var request = context.Request;
            request.EnableBuffering();
            string raw;
            using (var reader = new StreamReader(request.Body, Encoding.UTF8, false, 4096, leaveOpen: true))
            {
                raw = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
            }

            request.Body.Position = 0;
            List<KeyValuePair<string, string>>? form = null;
            if (request.HasFormContentType)
            {
                var collection = await request.ReadFormAsync(ct).ConfigureAwait(false);
                form = [.. collection.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? "")))];
            }

            var remote = context.Connection.RemoteIpAddress;
            if (remote is { IsIPv4MappedToIPv6: true })
            {
                remote = remote.MapToIPv4();
            }

            var emulatorRequest = new EmulatorRequest(request.Method, request.ContentType, form, raw, remote?.ToString() ?? "");
            EmulatorResponse response;
            if (_held is { } held)
            {
                // NeverAnswer: counted on arrival, run only when the outage ends.
                Emulator.CountReceived(emulatorRequest);
                await held.Task.WaitAsync(ct).ConfigureAwait(false);
                response = await Emulator.HandleCountedAsync(emulatorRequest, ct).ConfigureAwait(false);
            }
            else
            {
                response = await Emulator.HandleAsync(emulatorRequest, ct).ConfigureAwait(false);
            }

            context.Response.StatusCode = response.Status;
            if (response.ExitCodeHeader is { } exit)
            {
                context.Response.Headers["Hestia-Exit-Code"] = exit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = response.ContentType;
            if (response.Status != StatusCodes.Status204NoContent && response.Body.Length > 0)
            {
                await context.Response.WriteAsync(response.Body, Encoding.UTF8, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client hung up, or the server is going down: no answer, the connection is reset.
            context.Abort();
        }
    }

    private sealed record Listener(WebApplication App, CancellationTokenSource Down, int Port);
}
