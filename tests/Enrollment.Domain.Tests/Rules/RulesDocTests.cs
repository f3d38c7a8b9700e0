using System.Text.RegularExpressions;
using Enrollment.Domain.Rules;
using Enrollment.Domain.Tests.Campaigns;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Rules;

/// <summary>Keeps docs/rules.md honest where it restates what the code holds.</summary>
public partial class RulesDocTests
{
    private static string Section(int number)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Enrollment.sln")))
        {
            dir = dir.Parent;
        }

        dir.ShouldNotBeNull();
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "rules.md"));
        var start = doc.IndexOf($"\n## {number}. ", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"docs/rules.md has no section {number}");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? doc[start..] : doc[start..end];
    }

    [Fact]
    public void The_category_table_lists_exactly_the_certifiable_codes_with_their_departments()
    {
        var rows = CategoryRow().Matches(Section(3)).Select(m => (Code: m.Groups[1].Value, Department: m.Groups[3].Value.Trim())).ToList();

        rows.Select(r => r.Code).ShouldBe(BasisCodes.All.Where(c => !c.IsAgeBand()).Select(c => c.ToCode()));
        foreach (var (code, department) in rows)
        {
            BasisCodes.TryParse(code, out var basis).ShouldBeTrue();
            Normalize(department).ShouldBe(Normalize(basis.DefaultDepartment()), code);
        }
    }

    [Fact]
    public void The_explanation_example_is_what_the_engine_renders()
    {
        var policy = CampaignCase.Policy("tengzhou-2025");
        var rendered = ExplanationText.ToChinese(policy.Quote(Request("1950-07-01", "2024-11-05")), policy);

        Section(13).ShouldContain("\n      " + rendered + "\n");
    }

    // The department column may write "扶贫办 / 乡村振兴局" where the code holds "扶贫办/乡村振兴局", and "乡村振兴" for
    // "乡村振兴局": compare the departments' names without spaces and without that suffix.
    private static string Normalize(string department) => department.Replace(" ", "", StringComparison.Ordinal)
        .Replace("乡村振兴局", "乡村振兴", StringComparison.Ordinal).Replace("/计生", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^\| `([a-z0-9_]+)` \| ([^|]+) \| ([^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex CategoryRow();
}
