using Enrollment.Domain.Policies;

namespace Enrollment.Domain.Tests.Policies;

/// <summary>Keeps docs/policy-schema.md honest: its example must load without a problem.</summary>
public class PolicySchemaDocTests
{
    [Fact]
    public void The_minimal_example_in_the_schema_doc_loads()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Enrollment.sln")))
        {
            dir = dir.Parent;
        }

        dir.ShouldNotBeNull();
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "policy-schema.md"));
        var start = doc.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var loaded = PolicyLoader.Load(json);
        loaded.Problems.ShouldBeEmpty();
        loaded.Policy!.Quote(new Domain.Rules.QuoteRequest(TestResidents.Id("1980-01-01"), default, Domain.Rules.EnrollmentHistory.Continuing, 0, TestResidents.D("2026-02-01")))
            .CoverageStart.ShouldBe(TestResidents.D("2026-05-01"));
    }
}
