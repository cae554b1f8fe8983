using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Time.Testing;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class AccountWatchTests : IAsyncDisposable
{
    private static readonly IStringLocalizer<Strings> L = CreateLocalizer();
    private static readonly AccountKey Key = new("demo", "alice");
    private static readonly DateTimeOffset Since = new(2026, 11, 28, 11, 0, 0, TimeSpan.Zero);

    private readonly FakeFtpDashboard _dashboard = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 5, 0, TimeSpan.Zero));
    /// <summary>Released once for every update the watch ran through the page's invoke.</summary>
    private readonly SemaphoreSlim _invoked = new(0);
    private readonly AccountWatch _watch;
    private int _renders;

    public AccountWatchTests()
    {
        _dashboard.Domains.Add(FakeFtpDashboard.Domain("example.com", accounts: [("alice_web", "/public_html"), ("alice_logs", "")]));
        _dashboard.Domains.Add(FakeFtpDashboard.Domain("other.org", accounts: ("alice_other", "")));
        _watch = Watch();
    }

    private static IStringLocalizer<Strings> CreateLocalizer()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<Strings>>();
    }

    private AccountWatch Watch(Func<AccountChange, bool>? relevant = null) => new(_dashboard, L, _time, InvokeAsync, relevant);

    private async Task InvokeAsync(Func<Task> update)
    {
        await update();
        _invoked.Release();
    }

    private async Task InvokedAsync() =>
        Assert.True(await _invoked.WaitAsync(TimeSpan.FromSeconds(30), Xunit.TestContext.Current.CancellationToken),
            "the watch never ran an update through the page's invoke");

    private void Rendered() => _renders++;

    private static ServerStatus Unreachable() => new("demo", false, Since, null, "timeout", null);

    private static AccountChange Change(ChangeKind kind, string domain, string login, string? from = null, string? to = null) =>
        new(Key, kind, domain, login, ChangeSource.External, new DateTimeOffset(2026, 11, 28, 12, 4, 0, TimeSpan.Zero), from, to);

    private void AddAccount(int domain, string login, string folder) =>
        _dashboard.Domains[domain] = _dashboard.Domains[domain] with
        {
            FtpAccounts = [.. _dashboard.Domains[domain].FtpAccounts, new(login, _dashboard.Domains[domain].Name, folder)],
        };

    [Fact]
    public async Task OpenAsync_SubscribesBeforeItReadsThenHoldsTheAccount()
    {
        await _watch.OpenAsync(Key);

        var watch = _dashboard.Calls.IndexOf("watch demo/alice");
        var load = _dashboard.Calls.IndexOf("load demo/alice");
        Assert.True(watch >= 0 && load > watch, string.Join(", ", _dashboard.Calls));
        Assert.Equal(Key, _watch.Key);
        Assert.Equal(["example.com", "other.org"], _watch.Snapshot!.Domains.Select(d => d.Name).ToList());
        Assert.Equal(_dashboard.Status, _watch.Status);
        Assert.Equal(FakeFtpDashboard.Links("demo"), _watch.Links);
        Assert.Null(_watch.LoadError);
        Assert.False(_watch.IsUnreachable);
    }

    [Fact]
    public async Task OpenAsync_WhenTheReadFails_SaysTheAccountsCouldNotBeLoadedAndStillWatches()
    {
        _dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-web-domains", null);

        await _watch.OpenAsync(Key);

        Assert.Null(_watch.Snapshot);
        Assert.Equal($"{L["Accounts.LoadFailed"]} {L["Error.Unreachable"]}", _watch.LoadError);
        Assert.NotNull(_dashboard.Watcher);

        await _dashboard.PushAsync();

        Assert.NotNull(_watch.Snapshot);
        Assert.Null(_watch.LoadError);
    }

    [Fact]
    public async Task Update_ForThisAccount_ReplacesSnapshotAndStatusAnnouncesAndHighlights()
    {
        await _watch.OpenAsync(Key);
        var version = _watch.Version;
        AddAccount(0, "alice_new", "/uploads");
        _dashboard.Status = Unreachable();

        await _dashboard.PushAsync(Change(ChangeKind.FtpAdded, "example.com", "alice_new", to: "/uploads"));

        await InvokedAsync();
        Assert.Contains(_watch.Snapshot!.Domains[0].FtpAccounts, a => a.Login == "alice_new");
        Assert.True(_watch.IsUnreachable);
        Assert.Equal("FTP account alice_new added on example.com (folder /uploads)", _watch.Announcement);
        Assert.Equal(["alice_new"], _watch.Highlighted);
        Assert.True(_watch.Version > version);
    }

    [Fact]
    public async Task Update_WithSeveralChanges_AnnouncesEachWithItsFolders()
    {
        await _watch.OpenAsync(Key);

        await _dashboard.PushAsync(
            Change(ChangeKind.FtpMoved, "example.com", "alice_web", from: "/public_html", to: ""),
            Change(ChangeKind.FtpRemoved, "other.org", "alice_other"));

        Assert.Equal("FTP account alice_web on example.com now uses folder / (was /public_html) FTP account alice_other deleted on other.org",
            _watch.Announcement);
        Assert.Equal(["alice_other", "alice_web"], _watch.Highlighted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_ForAnotherAccount_IsIgnored()
    {
        await _watch.OpenAsync(Key);
        var snapshot = _watch.Snapshot;
        var other = new AccountKey("demo", "bob");

        await _dashboard.Watcher!(new AccountUpdate(other, _dashboard.Snapshot(other), [Change(ChangeKind.FtpRemoved, "example.com", "alice_web")], Unreachable()));

        Assert.Same(snapshot, _watch.Snapshot);
        Assert.False(_watch.IsUnreachable);
        Assert.Equal("", _watch.Announcement);
        Assert.Empty(_watch.Highlighted);
    }

    [Fact]
    public async Task Update_WithChangesThePageDoesNotShow_TakesTheSnapshotButNeitherAnnouncesNorHighlights()
    {
        await using var watch = Watch(change => change.Domain == "example.com");
        await watch.OpenAsync(Key);
        AddAccount(1, "alice_new", "");

        await _dashboard.PushAsync(Change(ChangeKind.FtpAdded, "other.org", "alice_new", to: ""));

        Assert.Contains(watch.Snapshot!.Domains[1].FtpAccounts, a => a.Login == "alice_new");
        Assert.Equal("", watch.Announcement);
        Assert.Empty(watch.Highlighted);
    }

    [Fact]
    public async Task Highlight_AfterThreeSeconds_IsClearedThroughThePagesInvoke()
    {
        await _watch.OpenAsync(Key);
        await _dashboard.PushAsync(Change(ChangeKind.FtpPasswordChanged, "example.com", "alice_web"));
        await InvokedAsync();

        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(["alice_web"], _watch.Highlighted);
        var version = _watch.Version;

        _time.Advance(TimeSpan.FromSeconds(0.1));

        await InvokedAsync();
        Assert.Empty(_watch.Highlighted);
        Assert.True(_watch.Version > version);
    }

    [Fact]
    public async Task RefreshAsync_WhileRunning_SaysSoAndIgnoresASecondClick()
    {
        await _watch.OpenAsync(Key);
        _dashboard.LoadGate = new TaskCompletionSource();

        var first = _watch.RefreshAsync(Rendered);

        Assert.True(_watch.Refreshing);
        Assert.Null(_watch.RefreshMessage);
        Assert.Equal(1, _renders);
        var second = _watch.RefreshAsync(Rendered);
        Assert.True(second.IsCompleted, "a second click while refreshing must return at once, not read again");
        Assert.Equal(1, _dashboard.Refreshes);
        Assert.Equal(1, _renders);

        _dashboard.LoadGate.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(30), Xunit.TestContext.Current.CancellationToken);

        Assert.False(_watch.Refreshing);
        Assert.Equal(L["Live.RefreshDone", TimeText.Clock(_dashboard.AsOf, ReaderZone.Utc)], _watch.RefreshMessage);
        Assert.Equal(1, _dashboard.Refreshes);
    }

    [Fact]
    public async Task RefreshAsync_WhileTheServerStillDoesNotAnswer_SaysSoWithTheTimeTried()
    {
        _dashboard.Status = Unreachable();
        await _watch.OpenAsync(Key);
        _dashboard.AsOf = _dashboard.AsOf.AddMinutes(1);

        await _watch.RefreshAsync(Rendered);

        Assert.Equal(L["Live.RefreshFailed", TimeText.Clock(_time.GetUtcNow(), ReaderZone.Utc)], _watch.RefreshMessage);
        Assert.True(_watch.IsUnreachable);
        Assert.Equal(_dashboard.AsOf, _watch.Snapshot!.AsOf);
    }

    [Fact]
    public async Task RefreshAsync_WhenTheServerAnswersAgain_TakesItsStatus()
    {
        _dashboard.Status = Unreachable();
        await _watch.OpenAsync(Key);
        _dashboard.Status = ServerStatus.Initial("demo");

        await _watch.RefreshAsync(Rendered);

        Assert.False(_watch.IsUnreachable);
        Assert.Equal(L["Live.RefreshDone", TimeText.Clock(_dashboard.AsOf, ReaderZone.Utc)], _watch.RefreshMessage);
    }

    [Fact]
    public async Task RefreshAsync_WhenTheReadFails_KeepsWhatItShowsAndSaysWhy()
    {
        await _watch.OpenAsync(Key);
        var snapshot = _watch.Snapshot;
        _dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-web-domains", null);

        await _watch.RefreshAsync(Rendered);

        Assert.Equal(L["Live.RefreshFailedBecause", L["Error.Unreachable"]], _watch.RefreshMessage);
        Assert.Same(snapshot, _watch.Snapshot);
        Assert.Null(_watch.LoadError);
        Assert.False(_watch.Refreshing);
    }

    [Fact]
    public async Task RefreshAsync_AfterAFailedLoad_ShowsTheAccountOrTheNewReason()
    {
        _dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Connect, "v-list-web-domains", null);
        await _watch.OpenAsync(Key);
        _dashboard.LoadFailure = new HestiaException(HestiaReturnCode.Password, "v-list-web-domains", "Error: password wrong");

        await _watch.RefreshAsync(Rendered);

        Assert.Equal($"{L["Accounts.LoadFailed"]} {L["Error.ApiCredentials"]}", _watch.LoadError);
        Assert.Null(_watch.Snapshot);

        _dashboard.LoadFailure = null;
        await _watch.RefreshAsync(Rendered);

        Assert.Null(_watch.LoadError);
        Assert.NotNull(_watch.Snapshot);
    }

    [Fact]
    public async Task RefreshAsync_BeforeAnAccountIsOpen_DoesNothing()
    {
        await _watch.RefreshAsync(Rendered);

        Assert.Equal(0, _dashboard.Refreshes);
        Assert.Equal(0, _renders);
        Assert.Null(_watch.RefreshMessage);
    }

    [Fact]
    public async Task DisposeAsync_StopsWatching()
    {
        var watch = Watch();
        await watch.OpenAsync(Key);
        Assert.NotNull(_dashboard.Watcher);

        await watch.DisposeAsync();

        Assert.Null(_dashboard.Watcher);
    }

    public async ValueTask DisposeAsync()
    {
        await _watch.DisposeAsync();
        _invoked.Dispose();
    }
}
