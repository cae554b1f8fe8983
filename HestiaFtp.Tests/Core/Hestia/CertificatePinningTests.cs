using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HestiaFtp.Core.Hestia;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HestiaFtp.Tests.Core.Hestia;

public sealed class CertificatePinningTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(subject);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Re-import so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static HestiaClientOptions Pinned(string host, X509Certificate2 certificate, bool withColons = true)
    {
        var hex = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var pin = withColons ? string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2))).ToLowerInvariant() : hex;
        return new HestiaClientOptions { Name = "pinned", BaseUrl = new Uri($"https://{host}:8083/"), CertificateSha256 = pin };
    }

    /// <summary>A TLS server on loopback that answers one HTTP/1.1 request per connection, or just completes the handshake.</summary>
    private sealed class TlsServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public TlsServer(X509Certificate2 certificate, string httpResponse)
        {
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient tcp;
                    try
                    {
                        tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
                    }
                    catch (Exception)
                    {
                        return;
                    }
                    _ = Task.Run(() => ServeAsync(tcp, certificate, httpResponse));
                }
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private async Task ServeAsync(TcpClient tcp, X509Certificate2 certificate, string httpResponse)
        {
            using var _ = tcp;
            try
            {
                await using var ssl = new SslStream(tcp.GetStream());
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, _stop.Token);
                var buffer = new byte[16384];
                var received = new StringBuilder();
                while (true)
                {
                    var read = await ssl.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }
                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    var text = received.ToString();
                    var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0)
                    {
                        continue;
                    }
                    var lengthLine = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                    var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    if (text.Length - end - 4 >= length)
                    {
                        break;
                    }
                }
                await ssl.WriteAsync(Encoding.ASCII.GetBytes(httpResponse), _stop.Token);
                await ssl.FlushAsync(_stop.Token);
            }
            catch (Exception)
            {
                // A rejected handshake ends the connection; that is what the client-side assertions are about.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }

    private async Task HandshakeAsync(int port, string targetHost, RemoteCertificateValidationCallback callback)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, _ct);
        await using var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = targetHost, RemoteCertificateValidationCallback = callback }, _ct);
    }

    [Fact]
    public async Task Create_PinnedHostWithPinnedCertificate_AcceptsHandshake()
    {
        using var certificate = SelfSigned("panel.test");
        await using var server = new TlsServer(certificate, "");

        await HandshakeAsync(server.Port, "panel.test", CertificatePinning.Create([Pinned("panel.test", certificate)]));
    }

    [Fact]
    public async Task Create_PinnedHostNameCaseInsensitiveAndPlainHexPin_AcceptsHandshake()
    {
        using var certificate = SelfSigned("panel.test");
        await using var server = new TlsServer(certificate, "");

        await HandshakeAsync(server.Port, "PANEL.test", CertificatePinning.Create([Pinned("panel.test", certificate, withColons: false)]));
    }

    [Fact]
    public async Task Create_PinnedHostWithOtherCertificate_RejectsHandshake()
    {
        using var pinned = SelfSigned("panel.test");
        using var presented = SelfSigned("panel.test");
        await using var server = new TlsServer(presented, "");

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            HandshakeAsync(server.Port, "panel.test", CertificatePinning.Create([Pinned("panel.test", pinned)])));
    }

    [Fact]
    public async Task Create_UnpinnedHostWithSelfSignedCertificate_RejectsHandshake()
    {
        using var certificate = SelfSigned("other.test");
        await using var server = new TlsServer(certificate, "");

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            HandshakeAsync(server.Port, "other.test", CertificatePinning.Create([Pinned("panel.test", certificate)])));
    }

    [Theory]
    [InlineData(SslPolicyErrors.None, true)]
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, false)]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch, false)]
    [InlineData(SslPolicyErrors.RemoteCertificateNotAvailable, false)]
    public void Create_SenderNotAnSslStream_FallsBackToNormalValidation(SslPolicyErrors errors, bool accepted)
    {
        using var certificate = SelfSigned("panel.test");
        var callback = CertificatePinning.Create([Pinned("panel.test", certificate)]);

        Assert.Equal(accepted, callback(null!, certificate, null, errors));
        Assert.Equal(accepted, callback(new object(), certificate, null, errors));
    }

    [Fact]
    public void Create_NoPins_FallsBackToNormalValidation()
    {
        using var certificate = SelfSigned("panel.test");
        var callback = CertificatePinning.Create([new HestiaClientOptions { BaseUrl = new Uri("https://panel.test:8083/") }]);

        Assert.True(callback(new object(), certificate, null, SslPolicyErrors.None));
        Assert.False(callback(new object(), certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Fingerprint_Certificate_IsUpperHexSha256OfTheDerBytes()
    {
        using var certificate = SelfSigned("panel.test");

        Assert.Equal(Convert.ToHexString(SHA256.HashData(certificate.RawData)), CertificatePinning.Fingerprint(certificate));
    }

    [Theory]
    [InlineData("ab:cd:ef", "ABCDEF")]
    [InlineData("AB CD EF", "ABCDEF")]
    [InlineData("abcdef", "ABCDEF")]
    public void Normalize_Fingerprint_StripsSeparatorsAndUppercases(string input, string expected)
    {
        Assert.Equal(expected, CertificatePinning.Normalize(input));
    }

    // ---------------------------------------------------------------- through the registered HttpClient

    private static ServiceProvider Services(params HestiaClientOptions[] servers) => Services(null, servers);

    private static ServiceProvider Services(IHestiaCallObserver? observer, params HestiaClientOptions[] servers)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < servers.Length; i++)
        {
            var s = servers[i];
            settings[$"Hestia:Servers:{i}:Name"] = s.Name;
            settings[$"Hestia:Servers:{i}:BaseUrl"] = s.BaseUrl!.ToString();
            settings[$"Hestia:Servers:{i}:AccessKey"] = "AbCdEfGhIjKlMnOpQrSt";
            settings[$"Hestia:Servers:{i}:SecretKey"] = "s3cr3t_s3cr3t-s3cr3t=s3cr3t_s3cr3t-s3cr3";
            settings[$"Hestia:Servers:{i}:ReadRetries"] = "0";
            settings[$"Hestia:Servers:{i}:CertificateSha256"] = s.CertificateSha256;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (observer is not null)
        {
            services.AddSingleton(observer);
        }
        services.AddHestiaClient(configuration);
        return services.BuildServiceProvider();
    }

    private const string EmptyList = "HTTP/1.1 200 OK\r\nHestia-Exit-Code: 0\r\nContent-Type: text/html\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{\n}";

    [Fact]
    public async Task AddHestiaClient_PinnedSelfSignedPanel_ClientTalksToIt()
    {
        using var certificate = SelfSigned("panel.test");
        await using var server = new TlsServer(certificate, EmptyList);
        var options = Pinned("localhost", certificate);
        options.BaseUrl = new Uri($"https://localhost:{server.Port}/");
        await using var services = Services(options);

        var users = await services.GetRequiredService<IHestiaClientProvider>().Get("pinned").ListUsersAsync(_ct);

        Assert.Empty(users);
    }

    [Fact]
    public async Task AddHestiaClient_PanelWithOtherCertificate_ThrowsConnect()
    {
        using var pinned = SelfSigned("panel.test");
        using var presented = SelfSigned("panel.test");
        await using var server = new TlsServer(presented, EmptyList);
        var options = Pinned("localhost", pinned);
        options.BaseUrl = new Uri($"https://localhost:{server.Port}/");
        var observer = new RecordingObserver();
        await using var services = Services(observer, options);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => services.GetRequiredService<IHestiaClientProvider>().Get("pinned").ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
        Assert.NotNull(ex.InnerException);
        // A rejected certificate is no HTTP answer: the server counts as unreachable.
        var call = Assert.Single(observer.Calls);
        Assert.Equal(("pinned", HestiaCallOutcome.TransportFailed), (call.Server, call.Outcome));
        Assert.StartsWith("connection failed", call.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHestiaClient_UnpinnedSelfSignedPanel_ThrowsConnect()
    {
        using var certificate = SelfSigned("panel.test");
        await using var server = new TlsServer(certificate, EmptyList);
        var pinnedElsewhere = Pinned("panel.example.net", certificate);
        var unpinned = new HestiaClientOptions { Name = "plain", BaseUrl = new Uri($"https://localhost:{server.Port}/") };
        await using var services = Services(pinnedElsewhere, unpinned);

        var ex = await Assert.ThrowsAsync<HestiaException>(() => services.GetRequiredService<IHestiaClientProvider>().Get("plain").ListUsersAsync(_ct));

        Assert.Equal(HestiaReturnCode.Connect, ex.Code);
    }
}
