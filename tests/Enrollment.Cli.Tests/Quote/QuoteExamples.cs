namespace Enrollment.Cli.Tests.Quote;

/// <summary>
/// The worked examples of docs/rules.md §13: quote-examples.csv beside this file, one row per case with the input
/// columns and the expected output columns side by side.
/// </summary>
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

    public static string Path_() => Path.Combine(RepoRoot(), "tests", "Enrollment.Cli.Tests", "Quote", "quote-examples.csv");

    /// <summary>Rows as column name → value (the examples hold no quoted fields).</summary>
    public static List<Dictionary<string, string>> Rows()
    {
        var lines = File.ReadAllLines(Path_()).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
