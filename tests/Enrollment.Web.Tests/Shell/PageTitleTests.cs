namespace Enrollment.Web.Tests.Shell;

/// <summary>
/// An interactive page renders once more when its circuit starts, before its data has loaded again: a title written
/// only inside "data loaded" would leave the tab (and a screen reader) without a title for that moment. Every routed
/// page names itself at its top level, with a general title until the data is there.
/// </summary>
public sealed class PageTitleTests
{
    [Fact]
    public void Every_routed_page_writes_its_title_outside_any_condition()
    {
        var features = Path.Combine(RepoRoot(), "src", "Enrollment.Web", "Features");
        var pages = Directory.EnumerateFiles(features, "*.razor", SearchOption.AllDirectories)
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("@page ", StringComparison.Ordinal)))
            .ToList();
        pages.Count.ShouldBeGreaterThan(20);
        var offenders = pages
            .Where(f => File.ReadLines(f).Any(l => l.Contains("<PageTitle>", StringComparison.Ordinal))
                && !File.ReadLines(f).Any(l => l.StartsWith("<PageTitle>", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(features, f))
            .ToList();
        offenders.ShouldBeEmpty();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Enrollment.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Enrollment.sln not found above the test's folder.");
    }
}
