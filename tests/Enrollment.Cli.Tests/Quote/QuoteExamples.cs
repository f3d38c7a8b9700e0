namespace Enrollment.Cli.Tests.Quote;

/// <summary>Finds ../shared/spec/quote-examples.csv beside the repository (the copy here is only a fallback).</summary>
internal static class QuoteExamples
{
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Enrollment.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Enrollment.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Path_()
    {
        var root = RepoRoot();
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "spec", "quote-examples.csv"));
        return File.Exists(shared) ? shared : Path.Combine(root, "tests", "Enrollment.Cli.Tests", "Quote", "quote-examples.csv");
    }

    /// <summary>Rows as column name → value (the examples hold no quoted fields).</summary>
    public static List<Dictionary<string, string>> Rows()
    {
        var lines = File.ReadAllLines(Path_()).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
