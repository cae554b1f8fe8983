using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Auth;
using HestiaFtp.Web.Features.FtpAccounts;
using HestiaFtp.Web.Live;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Features.FtpAccounts;

public sealed class FtpAccountCardModelsTests
{
    private static readonly IStringLocalizer<Strings> L =
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<Strings>>();

    private static readonly AccountKey Key = new("demo", "alice");
    private static readonly HestiaUser ActiveUser = new("alice", "user", false, 0, 2, "Alice", "default");
    private static readonly DashboardUser Customer = new("demo", "alice", DashboardRole.Customer);
    private static readonly DashboardUser Support = new("demo", "staff", DashboardRole.Support);
    private static readonly ServerStatus Reachable = ServerStatus.Initial("demo");
    private static readonly ServerStatus Unreachable = new("demo", false, DateTimeOffset.UnixEpoch, null, "timeout", null);

    private readonly FtpAccountCardModels _builder = new(L);

    private static AccountSnapshot Snapshot(bool domainSuspended = false, bool userSuspended = false, bool ssl = true, string folder = "/public_html") =>
        new(Key, ActiveUser with { Suspended = userSuspended },
        [
            FakeFtpDashboard.Domain("example.com", suspended: domainSuspended, ssl: ssl, accounts: [("alice_web", folder), ("alice_logs", "")]),
            FakeFtpDashboard.Domain("other.org", accounts: ("alice_other", "/docs")),
        ], DateTimeOffset.UnixEpoch);

    private IReadOnlyList<FtpAccountCardModel> Build(
        AccountSnapshot snapshot, ServerStatus? status = null, DashboardUser? user = null, params string[] highlighted) =>
        _builder.Build(snapshot.Domains.SelectMany(d => d.FtpAccounts.Select(a => (a, d))), snapshot, status ?? Reachable,
            user ?? Customer, highlighted.ToHashSet());

    [Fact]
    public void Build_MapsAccountAndDomainToPlainValues()
    {
        var card = Build(Snapshot())[0];

        Assert.Equal(new FtpAccountCardModel
        {
            Login = "alice_web",
            Domain = "example.com",
            SiteUrl = "https://example.com/",
            Ip = "203.0.113.10",
            Folder = "/public_html",
            AbsoluteFolder = "/home/alice/web/example.com/public_html",
            AdvancedUrl = "/domains/example.com",
            Status = FtpAccountCardStatus.Active,
        }, card);
    }

    [Fact]
    public void Build_KeepsTheOrderOfTheAccounts()
    {
        Assert.Equal(["alice_web", "alice_logs", "alice_other"], Build(Snapshot()).Select(c => c.Login));
    }

    [Fact]
    public void Build_ForSupport_IsReadOnlyAndLinksCarryTheAccount()
    {
        var card = Build(Snapshot(), user: Support)[2];

        Assert.True(card.ReadOnly);
        Assert.Equal("/domains/other.org?server=demo&account=alice", card.AdvancedUrl);
    }

    [Fact]
    public void Build_WithoutAKnownUser_IsReadOnly()
    {
        var card = _builder.Build([(Snapshot().Domains[0].FtpAccounts[0], Snapshot().Domains[0])], Snapshot(), null, null, new HashSet<string>())[0];

        Assert.True(card.ReadOnly);
        Assert.Equal("/domains/example.com", card.AdvancedUrl);
    }

    [Theory]
    [InlineData(false, false, FtpAccountCardStatus.Active)]
    [InlineData(true, false, FtpAccountCardStatus.DomainSuspended)]
    [InlineData(false, true, FtpAccountCardStatus.LoginsLocked)]
    [InlineData(true, true, FtpAccountCardStatus.LoginsLocked)]
    public void Build_Status_PutsTheUserLockFirst(bool domainSuspended, bool userSuspended, FtpAccountCardStatus expected)
    {
        Assert.Equal(expected, Build(Snapshot(domainSuspended, userSuspended))[0].Status);
    }

    [Fact]
    public void Build_WhenDomainSuspended_BlocksEditThereOnly()
    {
        var cards = Build(Snapshot(domainSuspended: true));

        Assert.Equal(L["Accounts.DomainSuspendedReason"].Value, cards[0].EditDisabledReason);
        Assert.Null(cards[0].DeleteDisabledReason);
        Assert.Null(cards[2].EditDisabledReason);
    }

    [Fact]
    public void Build_WhenUserSuspended_BlocksEveryEditButNotDelete()
    {
        var cards = Build(Snapshot(userSuspended: true));

        Assert.All(cards, c => Assert.Equal(L["Accounts.UserSuspendedReason"].Value, c.EditDisabledReason));
        Assert.All(cards, c => Assert.Null(c.DeleteDisabledReason));
    }

    [Fact]
    public void Build_WhenServerUnreachable_BlocksEditAndDeleteWithThatReasonAndSaysTheStatusIsUnknown()
    {
        var cards = Build(Snapshot(domainSuspended: true), Unreachable);

        Assert.All(cards, c => Assert.Equal(L["Live.Paused"].Value, c.EditDisabledReason));
        Assert.All(cards, c => Assert.Equal(L["Live.Paused"].Value, c.DeleteDisabledReason));
        Assert.All(cards, c => Assert.Equal(FtpAccountCardStatus.Unknown, c.Status));
    }

    [Fact]
    public void Build_MarksHighlightedLogins()
    {
        var cards = Build(Snapshot(), highlighted: "alice_logs");

        Assert.Equal([false, true, false], cards.Select(c => c.Highlight));
    }

    [Fact]
    public void Build_WithEqualDataInNewObjects_ReturnsTheSameInstances()
    {
        var first = Build(Snapshot());

        var second = Build(Snapshot());

        Assert.Equal(first.Count, second.Count);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public void Build_WhenOneAccountChanged_ReturnsANewInstanceForItOnly()
    {
        var first = Build(Snapshot());

        var second = Build(Snapshot(folder: "/logs"));

        Assert.NotSame(first[0], second[0]);
        Assert.Equal("/logs", second[0].Folder);
        Assert.Same(first[1], second[1]);
        Assert.Same(first[2], second[2]);
    }

    [Fact]
    public void Build_WhenADomainIsSuspended_ReplacesOnlyThatDomainsCards()
    {
        var first = Build(Snapshot());

        var second = Build(Snapshot(domainSuspended: true));

        Assert.NotSame(first[0], second[0]);
        Assert.NotSame(first[1], second[1]);
        Assert.Same(first[2], second[2]);
    }

    [Fact]
    public void Build_MinuteTick_NewModelOnlyForTheCardWhoseCountdownMoved()
    {
        var snapshot = Snapshot();
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero);
        var ends = new Dictionary<string, HestiaFtp.Web.Expiry.FtpExpiry>
        {
            // Ends in 5 h: its minute countdown moves every tick. Ends in 20 days: "in 20 d 0 h" does not move within the hour.
            ["alice_web"] = End("alice_web", now.AddHours(5)),
            ["alice_logs"] = End("alice_logs", now.AddDays(20).AddMinutes(30)),
        };
        CardEnds At(DateTimeOffset at) => new((_, login) => ends.GetValueOrDefault(login), at, HestiaFtp.Web.Components.Shared.ReaderZone.Utc);

        var before = _builder.Build(snapshot.Domains.SelectMany(d => d.FtpAccounts.Select(a => (a, d))), snapshot, Reachable, Customer, new HashSet<string>(), At(now));
        var after = _builder.Build(snapshot.Domains.SelectMany(d => d.FtpAccounts.Select(a => (a, d))), snapshot, Reachable, Customer, new HashSet<string>(), At(now.AddMinutes(1)));

        Assert.NotSame(before[0], after[0]);
        Assert.Equal(("in 5 h 0 min", "in 4 h 59 min"), (before[0].Countdown, after[0].Countdown));
        Assert.True(before[0].EndingSoon);
        Assert.Same(before[1], after[1]);
        Assert.False(after[1].EndingSoon);
        Assert.Same(before[2], after[2]);
        Assert.Null(after[2].EndText);
    }

    [Fact]
    public void Build_EndPassed_SaysRemovalPendingAndTheLoginStillWorks()
    {
        var snapshot = Snapshot();
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var end = End("alice_web", now.AddMinutes(-3));

        var card = _builder.Build(snapshot.Domains.SelectMany(d => d.FtpAccounts.Select(a => (a, d))), snapshot, Reachable, Customer, new HashSet<string>(),
            new CardEnds((_, login) => login == "alice_web" ? end : null, now, HestiaFtp.Web.Components.Shared.ReaderZone.Utc))[0];

        Assert.Equal(L["End.Pending"].Value, card.Countdown);
        Assert.True(card.EndingSoon);
    }

    private static HestiaFtp.Web.Expiry.FtpExpiry End(string login, DateTimeOffset at) =>
        new(new HestiaFtp.Web.Expiry.ExpiryKey("demo", "alice", "example.com", login), "", at, "UTC", "alice", at);
}
