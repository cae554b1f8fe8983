using HestiaFtp.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Data;

/// <summary>Over a temporary SQLite file brought up to date through the migrations, as the host does.</summary>
public sealed class SqlUserPreferencesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hestiaftp-preferences-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqlUserPreferences NewStore() => new(new SqliteDatabase(Path.Combine(_root, "audit.db")), _time);

    [Fact]
    public async Task GetAsync_NeverSet_ReturnsNull()
    {
        Assert.Null(await NewStore().GetAsync("demo", "carol", UserPreferenceNames.AccountsView, Ct));
    }

    [Fact]
    public async Task SetAsync_ThenANewInstanceOverTheSameFile_ReadsTheValue()
    {
        await NewStore().SetAsync("demo", "carol", UserPreferenceNames.AccountsView, "table", Ct);

        Assert.Equal("table", await NewStore().GetAsync("demo", "carol", UserPreferenceNames.AccountsView, Ct));
    }

    [Fact]
    public async Task SetAsync_Twice_KeepsTheLastValue()
    {
        var store = NewStore();
        await store.SetAsync("demo", "carol", UserPreferenceNames.AccountsView, "table", Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.SetAsync("demo", "carol", UserPreferenceNames.AccountsView, "cards", Ct);

        Assert.Equal("cards", await store.GetAsync("demo", "carol", UserPreferenceNames.AccountsView, Ct));
    }

    [Fact]
    public async Task SetAsync_ForOneUser_LeavesOtherUsersServersAndNamesAlone()
    {
        var store = NewStore();
        await store.SetAsync("demo", "carol", UserPreferenceNames.AccountsView, "table", Ct);

        Assert.Null(await store.GetAsync("demo", "alice", UserPreferenceNames.AccountsView, Ct));
        Assert.Null(await store.GetAsync("other", "carol", UserPreferenceNames.AccountsView, Ct));
        Assert.Null(await store.GetAsync("demo", "carol", UserPreferenceNames.AccountsPageSize, Ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
