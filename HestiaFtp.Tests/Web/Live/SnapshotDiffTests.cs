using HestiaFtp.Core.FtpAccounts;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Web.Live;

namespace HestiaFtp.Tests.Web.Live;

public class SnapshotDiffTests
{
    private static readonly AccountKey Key = new("web1", "alice");
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static WebDomain Domain(string name, bool suspended = false, params (string Login, string Path)[] ftp) =>
        new(name, "alice", "10.0.0.5", $"/home/alice/web/{name}/public_html/", [], false, false, suspended,
            ftp.Select(f => new FtpAccount(f.Login, name, f.Path)).ToList());

    private static HestiaUser User(bool suspended = false) => new("alice", "user", suspended, 0, 1, "Alice", "default");

    public static TheoryData<string, WebDomain[], WebDomain[], ChangeKind, string?, string?> DomainCases => new()
    {
        { "ftp added", [Domain("a.com")], [Domain("a.com", false, ("alice_x", ""))], ChangeKind.FtpAdded, "a.com", "alice_x" },
        { "ftp removed", [Domain("a.com", false, ("alice_x", ""))], [Domain("a.com")], ChangeKind.FtpRemoved, "a.com", "alice_x" },
        { "ftp path changed", [Domain("a.com", false, ("alice_x", ""))], [Domain("a.com", false, ("alice_x", "/media"))], ChangeKind.FtpMoved, "a.com", "alice_x" },
        { "domain suspended", [Domain("a.com")], [Domain("a.com", true)], ChangeKind.DomainSuspended, "a.com", null },
        { "domain unsuspended", [Domain("a.com", true)], [Domain("a.com")], ChangeKind.DomainUnsuspended, "a.com", null },
        { "domain added", [], [Domain("b.com")], ChangeKind.DomainAdded, "b.com", null },
        { "domain removed", [Domain("b.com")], [], ChangeKind.DomainRemoved, "b.com", null },
    };

    [Theory]
    [MemberData(nameof(DomainCases))]
    public void Domains_SingleDifference_YieldsExactlyThatChange(string because, WebDomain[] before, WebDomain[] after, ChangeKind kind, string? domain, string? login)
    {
        var changes = SnapshotDiff.Domains(Key, before, after, ChangeSource.External, At);

        var change = Assert.Single(changes);
        Assert.True(change.Kind == kind, because);
        Assert.Equal(domain, change.Domain);
        Assert.Equal(login, change.Login);
        Assert.Equal(ChangeSource.External, change.Source);
        Assert.Equal(At, change.At);
    }

    [Fact]
    public void Domains_LoginMovedToAnotherDomain_YieldsRemovedFromOldAndAddedOnNew()
    {
        var changes = SnapshotDiff.Domains(Key,
            [Domain("a.com", false, ("alice_x", "")), Domain("b.com")],
            [Domain("a.com"), Domain("b.com", false, ("alice_x", "/up"))],
            ChangeSource.External, At);

        Assert.Equal(
            [(ChangeKind.FtpRemoved, "a.com", (string?)""), (ChangeKind.FtpAdded, "b.com", "/up")],
            changes.Select(c => (c.Kind, c.Domain!, c.Kind == ChangeKind.FtpRemoved ? c.From : c.To)).ToList());
    }

    [Fact]
    public void Domains_FolderChanged_CarriesOldAndNewFolderAsValues()
    {
        var changes = SnapshotDiff.Domains(Key,
            [Domain("a.com", false, ("alice_x", "/old"))],
            [Domain("a.com", false, ("alice_x", "/new"))],
            ChangeSource.External, At);

        var change = Assert.Single(changes);
        Assert.Equal((ChangeKind.FtpMoved, "/old", "/new"), (change.Kind, change.From, change.To));
    }

    [Fact]
    public void Domains_SameState_YieldsNothing()
    {
        var state = new[] { Domain("a.com", true, ("alice_x", "/a"), ("alice_y", "")) };

        Assert.Empty(SnapshotDiff.Domains(Key, state, [.. state], ChangeSource.External, At));
    }

    [Theory]
    [InlineData(false, true, ChangeKind.UserSuspended)]
    [InlineData(true, false, ChangeKind.UserUnsuspended)]
    public void Users_SuspensionFlipped_YieldsSuspensionChange(bool before, bool after, ChangeKind expected)
    {
        var change = Assert.Single(SnapshotDiff.Users(Key, User(before), User(after), ChangeSource.External, At));

        Assert.Equal(expected, change.Kind);
    }

    [Fact]
    public void Users_Removed_YieldsUserRemoved() =>
        Assert.Equal(ChangeKind.UserRemoved, Assert.Single(SnapshotDiff.Users(Key, User(), null, ChangeSource.External, At)).Kind);
}
