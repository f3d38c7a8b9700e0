using System.Text.RegularExpressions;
using Enrollment.Cli.Tests.Quote;

namespace Enrollment.Cli.Tests;

/// <summary>
/// A clone must stand alone: no file may send its reader to the specification folder beside the repository or to a
/// tracker issue. The rules and contracts are stated in docs/rules.md and docs/contracts.md.
/// </summary>
public partial class RepositoryStandsAloneTests
{
    // Comments in applied migrations may be corrected: the migrator's checksum leaves them out.
    private static readonly string[] Roots = ["docs", "src", "tests", "deploy", "README.md", ".ci"];

    private static readonly string[] Extensions = [".cs", ".json", ".md", ".sql", ".razor", ".csproj", ".props", ".sh", ".csv", ".js", ".css", ""];

    [Fact]
    public void No_file_points_outside_the_repository_or_to_a_tracker_issue()
    {
        var root = QuoteExamples.RepoRoot();
        var found = new List<string>();
        foreach (var top in Roots)
        {
            var path = Path.Combine(root, top);
            foreach (var file in File.Exists(path) ? [path] : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (!Extensions.Contains(Path.GetExtension(file)) || relative.Contains("/bin/", StringComparison.Ordinal)
                    || relative.Contains("/obj/", StringComparison.Ordinal)
                    || relative.Contains("/node_modules/", StringComparison.Ordinal)
                    || relative.EndsWith(nameof(RepositoryStandsAloneTests) + ".cs", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (OutsideReference().IsMatch(lines[i]))
                    {
                        found.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        found.ShouldBeEmpty();
    }

    [GeneratedRegex(@"\.\./shared|\bpolicies\.md|\binterfaces\.md|\bplatform\.md|\b[Ii]ssues? #?\d")]
    private static partial Regex OutsideReference();
}
