using System.Text.Json;
using Microsoft.Playwright;

namespace Enrollment.EndToEnd;

/// <summary>
/// Runs axe-core (from the web project's npm dev dependencies) in the page and returns the serious and
/// critical violations, e.g. an input without a label or text without enough contrast.
/// </summary>
internal static class Accessibility
{
    private static readonly Lazy<string> AxeScript = new(() =>
        File.ReadAllText(Path.Combine(RepoRoot(), "src", "Enrollment.Web", "node_modules", "axe-core", "axe.min.js")));

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, not added as a <script>: the site's content security policy
        // (rightly) refuses inline scripts.
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.EvaluateAsync(AxeScript.Value);
        }
        // An interactive page writes its title into the head once its circuit has rendered it: on a busy machine there
        // is a moment after connecting when the head's title is not back yet. Wait it out rather than report it.
        await page.WaitForFunctionAsync("() => document.title.length > 0");
        // Finish MudBlazor's transitions first (a label fading to the focus colour): on a busy machine axe would
        // otherwise measure the contrast of a colour half-way, and report what no person sees for more than 0.2 s.
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
                for (const animation of document.getAnimations()) {
                    try { animation.finish(); } catch { /* an endless animation (a spinner) cannot finish */ }
                }
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Enrollment.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Enrollment.sln not found above " + AppContext.BaseDirectory);
    }
}
