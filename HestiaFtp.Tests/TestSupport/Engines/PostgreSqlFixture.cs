namespace HestiaFtp.Tests.TestSupport.Engines;

/// <summary>
/// One PostgreSQL per test class (<c>IClassFixture&lt;PostgreSqlFixture&gt;</c>); each test takes a fresh database from it.
/// When the server cannot be installed or started, the tests skip with the reason outside CI and fail in CI.
/// </summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;
    private Exception? _failure;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _server = await PostgreSqlServer.StartAsync();
        }
        catch (Exception ex) when (!EngineTools.InCi)
        {
            _failure = ex;
        }
    }

    /// <summary>The running server, or the test is skipped (outside CI) with why it could not start.</summary>
    public PostgreSqlServer Server
    {
        get
        {
            if (_server is null)
            {
                Assert.Skip($"PostgreSQL could not be installed or started here ({_failure?.Message}); CI=true makes this a failure.");
            }
            return _server;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
