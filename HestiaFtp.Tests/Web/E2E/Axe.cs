using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HestiaFtp.Tests.Web.E2E;

/// <summary>
/// The one accessibility check of the browser suite: axe-core with the WCAG 2.2 AA tags (wcag2a, wcag2aa, wcag21aa,
/// wcag22aa), no rule disabled and no element excluded, plus what axe does not check: one h1 and one main landmark.
/// Every state checked is also saved as a screenshot (<see cref="DashboardHost.ScreenshotAsync"/>).
/// </summary>
internal static class Axe
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>Runs axe on the whole page, prints what it found, and fails on any violation or a page without one h1 and a main.</summary>
    /// <param name="state">Names the state in the output and the screenshot (<c>a11y-STATE.png</c>).</param>
    public static async Task AssertAccessibleAsync(IPage page, string state)
    {
        var result = await RunWhileStillAsync(page);
        var report = new StringBuilder();
        var instances = 0;
        foreach (var violation in result.Violations)
        {
            instances += violation.Nodes.Length;
            report.AppendLine($"{violation.Id} ({violation.Impact}, {violation.Nodes.Length}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(6))
            {
                report.AppendLine($"    {node.Target} :: {Shorten(node.Html)} :: {Shorten(string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message)))}");
            }
        }

        var h1 = await page.Locator("h1").CountAsync();
        var main = await page.Locator("main, [role='main']").CountAsync();
        if (h1 != 1 || main != 1)
        {
            report.AppendLine($"landmarks: {h1} h1, {main} main (want one each)");
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"[axe] {state}: {result.Violations.Length} rules, {instances} instances");
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        await DashboardHost.ScreenshotAsync(page, "a11y-" + state);
        Assert.True(report.Length == 0, $"{state}: {instances} axe violations\n{report}");
    }

    /// <summary>
    /// axe measures colours as painted, and half-way through a fade (a dialog opening, a snackbar coming or going) every
    /// text is too faint. So the run counts only when no animation or transition ran while axe looked: it waits for the
    /// running ones to end, runs axe, and runs it again if something started meanwhile (a snackbar's timed fade-out).
    /// </summary>
    private static async Task<AxeResult> RunWhileStillAsync(IPage page)
    {
        await page.EvaluateAsync(CountMotion);
        for (var attempt = 1; ; attempt++)
        {
            // MudBlazor starts some transitions a moment after the render that asked for them.
            await page.WaitForTimeoutAsync(300);
            var before = await page.EvaluateAsync<string>(MotionSettled);
            var result = await page.RunAxe(WcagAa);
            var after = await page.EvaluateAsync<string>(MotionSettled);
            if (before != after)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"[axe] something moved during run {attempt}; running it again");
            }
            if (before == after || attempt == 5)
            {
                return result;
            }
        }
    }

    // Counts animations and transitions that start in this document (kept on window until the next navigation).
    private const string CountMotion = """
        () => {
          if (window.__hestiaMotion === undefined) {
            window.__hestiaMotion = 0;
            for (const type of ['animationstart', 'transitionstart', 'transitionrun']) {
              document.addEventListener(type, () => window.__hestiaMotion++, true);
            }
          }
        }
        """;

    // Waits for every running animation and transition that ends (not the endless ones, e.g. a progress spinner), then
    // answers what has moved so far: the starts counted, and each animation still in effect with its end. MudBlazor's
    // snackbar fades out by swapping its keyframes under the same animation name, which fires no start event but
    // changes that animation's end.
    private const string MotionSettled = """
        async () => {
          await Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null)));
          const ids = window.__hestiaAnimationIds ||= new WeakMap();
          const parts = document.getAnimations().map(a => {
            if (!ids.has(a)) ids.set(a, ids.next = (ids.next || 0) + 1);
            return `${ids.get(a)}/${a.effect ? a.effect.getComputedTiming().endTime : ''}`;
          });
          return `${window.__hestiaMotion}|${parts.join(',')}`;
        }
        """;

    private static string Shorten(string? text)
    {
        var flat = (text ?? "").ReplaceLineEndings(" ");
        return flat.Length <= 220 ? flat : flat[..220] + "…";
    }
}
