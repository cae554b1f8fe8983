using Bunit;
using HestiaFtp.Core.Hestia;
using HestiaFtp.Tests.TestSupport;
using HestiaFtp.Web.Components.Shared;
using HestiaFtp.Web.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class FolderPickerTests : DashboardTestContext
{
    private readonly Dictionary<string, IReadOnlyList<string>> _tree = new()
    {
        [""] = ["public_html", "private"],
        ["/public_html"] = ["uploads", "assets"],
        ["/public_html/uploads"] = [],
    };
    private readonly List<string> _listed = [];
    private string? _chosen;
    private bool _cancelled;
    private Exception? _failure;

    private string T(string key, params object[] args) => Services.GetRequiredService<IStringLocalizer<Strings>>()[key, args];

    private Task<IReadOnlyList<string>> List(string folder, CancellationToken cancellationToken)
    {
        _listed.Add(folder);
        if (_failure is not null)
        {
            throw _failure;
        }
        return Task.FromResult(_tree.TryGetValue(folder, out var list) ? list : (IReadOnlyList<string>)[]);
    }

    private IRenderedComponent<FolderPicker> RenderPicker(string? initial = null) =>
        Render<FolderPicker>(p => p
            .Add(x => x.ListFolders, List)
            .Add(x => x.RootLabel, "/home/alice/web/example.com")
            .Add(x => x.Initial, initial)
            .Add(x => x.OnChoose, f => _chosen = f)
            .Add(x => x.OnCancel, () => _cancelled = true));

    private static List<string> Entries(IRenderedComponent<FolderPicker> cut) =>
        cut.FindAll(".folder-entry").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public void Render_Initially_ListsRootFoldersSorted()
    {
        var cut = RenderPicker();

        Assert.Equal(["private", "public_html"], Entries(cut));
        Assert.Equal([""], _listed);
    }

    [Fact]
    public void Render_MixedCaseFolders_KeepTheirCaseInEntriesAndBreadcrumb()
    {
        _tree["/Site_Backup"] = ["Old"];
        _tree["/Site_Backup/Old"] = [];
        _tree[""] = ["Site_Backup", "public_html"];

        var cut = RenderPicker("/Site_Backup/Old");

        // Linux paths are case-sensitive: the buttons' text-transform (uppercase in MudBlazor) must not apply to them.
        Assert.All(cut.FindAll(".folder-entry, .crumb"), b => Assert.Contains("keep-case", b.ClassList));
        Assert.Equal(["/home/alice/web/example.com", "Site_Backup", "Old"], cut.FindAll(".crumb").Select(c => c.TextContent.Trim()).ToList());
    }

    [Fact]
    public void OpenFolder_WhenClicked_ListsItsSubfoldersAndExtendsBreadcrumb()
    {
        var cut = RenderPicker();

        cut.Find($"[aria-label='{T("Folder.Open", "public_html")}']").Click();

        Assert.Equal(["assets", "uploads"], Entries(cut));
        Assert.Equal(["/home/alice/web/example.com", "public_html"], cut.FindAll(".crumb").Select(c => c.TextContent.Trim()).ToList());
        Assert.Equal("public_html", cut.Find(".crumb-current").TextContent.Trim());
    }

    [Fact]
    public void Breadcrumb_WhenRootClicked_GoesBackToRoot()
    {
        var cut = RenderPicker("/public_html/uploads");

        cut.FindAll(".crumb")[0].Click();

        Assert.Equal(["private", "public_html"], Entries(cut));
        Assert.Equal("", _listed[^1]);
    }

    [Fact]
    public void Render_WhenFolderHasNoSubfolders_SaysSo()
    {
        var cut = RenderPicker("public_html/uploads");

        Assert.NotNull(cut.Find(".folder-empty"));
        Assert.Equal("/public_html/uploads", _listed[^1]);
    }

    [Fact]
    public void Choose_WhenClicked_ReturnsCurrentFolderInStoredForm()
    {
        var cut = RenderPicker();
        cut.Find($"[aria-label='{T("Folder.Open", "public_html")}']").Click();
        cut.Find($"[aria-label='{T("Folder.Open", "uploads")}']").Click();

        cut.Find(".folder-choose").Click();

        Assert.Equal("/public_html/uploads", _chosen);
    }

    [Fact]
    public void Cancel_WhenClicked_RaisesOnCancel()
    {
        var cut = RenderPicker();

        cut.Find(".folder-cancel").Click();

        Assert.True(_cancelled);
        Assert.Null(_chosen);
    }

    [Fact]
    public void Render_WhenListingFails_ShowsPlainErrorWithRetry()
    {
        _failure = new HestiaException(HestiaReturnCode.Connect, "v-list-fs-directory", null);

        var cut = RenderPicker();

        Assert.Contains(T("Error.Unreachable"), cut.Find(".folder-error").TextContent);
        _failure = null;
        cut.Find(".folder-error button").Click();
        Assert.Equal(["private", "public_html"], Entries(cut));
    }
}
