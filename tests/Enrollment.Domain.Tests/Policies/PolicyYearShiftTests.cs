using System.Text.Json.Nodes;
using Enrollment.Domain.Policies;

namespace Enrollment.Domain.Tests.Policies;

public sealed class PolicyYearShiftTests
{
    [Fact]
    public void Moves_every_ISO_date_by_whole_years_and_leaves_everything_else()
    {
        var json = JsonNode.Parse("""
            {"policyYear":2025,"window":{"first":"2024-10-01","last":"2024-12-31"},
             "phases":[{"name":"征缴","first":"2024-10-01"}],"note":"2024-10-01 起","leap":"2024-02-29","share":0.5}
            """)!;

        PolicyYearShift.ShiftDates(json, 1);

        json["policyYear"]!.GetValue<int>().ShouldBe(2025);
        json["window"]!["first"]!.GetValue<string>().ShouldBe("2025-10-01");
        json["window"]!["last"]!.GetValue<string>().ShouldBe("2025-12-31");
        json["phases"]![0]!["first"]!.GetValue<string>().ShouldBe("2025-10-01");
        json["note"]!.GetValue<string>().ShouldBe("2024-10-01 起");
        json["leap"]!.GetValue<string>().ShouldBe("2025-02-28");
        json["share"]!.GetValue<decimal>().ShouldBe(0.5m);
    }

    [Fact]
    public void Moves_back_for_last_years_campaign()
    {
        var json = JsonNode.Parse("""{"window":{"last":"2019-12-20"}}""")!;

        PolicyYearShift.ShiftDates(json, -1);

        json["window"]!["last"]!.GetValue<string>().ShouldBe("2018-12-20");
    }
}
