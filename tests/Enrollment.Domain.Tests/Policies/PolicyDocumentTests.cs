using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Policies;

public class PolicyDocumentTests
{
    public static TheoryData<string> Campaigns => new(PolicyCatalog.CampaignIds);

    private static PolicyDocument Template(string id = "tengzhou-2025")
    {
        PolicyJson.TryDeserialize(PolicyCatalog.GetJson(id)!, out var document, out var problem).ShouldBeTrue(problem?.ToString());
        return document!;
    }

    private static IReadOnlyList<PolicyProblem> Errors(PolicyDocument document) =>
        [.. PolicyValidator.Validate(document).Errors];

    [Fact]
    public void Five_campaigns_ship()
    {
        PolicyCatalog.CampaignIds.ShouldBe(["baogou-2022", "pubei-2020", "tengzhou-2020", "tengzhou-2025", "xiaoxue-2020"]);
        PolicyCatalog.GetJson("nowhere-1999").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Campaigns))]
    public void Each_template_validates_round_trips_and_keeps_its_interpretation_notes(string id)
    {
        var loaded = PolicyCatalog.Load(id);
        loaded.IsUsable.ShouldBeTrue(string.Join("; ", loaded.Problems));
        loaded.Problems.ShouldAllBe(p => p.Severity == ProblemSeverity.Warning);
        loaded.Document!.CampaignId.ShouldBe(id);
        loaded.Document.Notes!.ShouldContain(n => n.Contains("Interpretation", StringComparison.Ordinal));

        var again = PolicyJson.Serialize(loaded.Document);
        PolicyJson.TryDeserialize(again, out var copy, out _).ShouldBeTrue();
        PolicyJson.Serialize(copy!).ShouldBe(again);
        again.ShouldContain("\"individualContribution\"");
        again.ShouldContain("医疗保险"); // Chinese is written as is, not escaped
    }

    [Fact]
    public void Only_pubei_has_unset_shares_and_they_are_warnings_with_paths()
    {
        var warnings = PolicyCatalog.Load("pubei-2020").Problems;
        warnings.Select(w => w.Path).ShouldBe(["subsidies[6].share", "subsidies[7].share", "subsidies[8].share", "subsidies[9].share"]);
        warnings[0].Code.ShouldBe("subsidy.share.unset");
        warnings[0].ChineseMessage.ShouldBe("「低保中非建档立卡贫困户人员」的资助比例未规定，设置前该项资助不生效");
        PolicyCatalog.Load("tengzhou-2025").Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Reports_every_problem_with_its_path()
    {
        var d = Template();
        d.Subsidies![3].Share = 1.5m;
        d.Subsidies[4].CountyPart = 1.2m;
        d.Subsidies[5].Funding = "lottery";
        d.Subsidies[6].Basis = "age_80_plus";
        d.Subsidies[0].FirstCertified = new FirstCertifiedDocument();
        d.Timing![1].Coverage!.Start = "someday";
        d.Timing[2].History = ["sometimes"];
        d.IndividualContribution = 400.005m;

        var errors = Errors(d);
        errors.Select(e => e.Path).ShouldBe(
        [
            "individualContribution",
            "subsidies[0].firstCertified",
            "subsidies[3].share",
            "subsidies[4].countyPart",
            "subsidies[5].funding",
            "subsidies[6].basis",
            "timing[1].coverage.start",
            "timing[2].history[0]",
        ], ignoreOrder: true);
        errors.Single(e => e.Path == "subsidies[3].share").Message.ShouldBe("subsidies[3].share must be between 0 and 1, found 1.5");
        errors.Single(e => e.Path == "subsidies[4].countyPart").Message.ShouldContain("the county share cannot exceed the subsidy");
        errors.ShouldAllBe(e => e.ChineseMessage.Length > 0 && e.Code.Length > 0);
        Should.Throw<PolicyValidationException>(() => PolicyCompiler.Compile(d)).Problems.Count.ShouldBe(errors.Count);
    }

    [Fact]
    public void Phases_must_lie_inside_the_window_and_not_overlap()
    {
        var d = Template("xiaoxue-2020");
        d.CollectionWindow!.Phases![1].FirstDayInclusive = D("2019-11-25"); // overlaps the first phase by a day
        d.CollectionWindow.Phases[2].LastDayInclusive = D("2019-12-21"); // one day past the window
        var errors = Errors(d);
        errors.Select(e => (e.Path, e.Code)).ShouldBe(
            [("collectionWindow.phases[1]", "phase.overlap"), ("collectionWindow.phases[2]", "phase.outside_window")]);
        errors[0].ChineseMessage.ShouldBe("阶段“扫尾统计”与阶段“征缴与录入”的日期重叠");
    }

    [Fact]
    public void Window_must_be_ordered_and_inside_the_year()
    {
        var d = Template();
        d.CollectionWindow!.FirstDayInclusive = D("2024-12-31");
        d.CollectionWindow.LastDayInclusive = D("2024-10-01");
        Errors(d).Select(e => (e.Path, e.Code)).ShouldBe([("collectionWindow.firstDayInclusive", "window.order")]);

        d.CollectionWindow.FirstDayInclusive = D("2024-10-01");
        d.CollectionWindow.LastDayInclusive = D("2026-01-01");
        Errors(d).Select(e => (e.Path, e.Code)).ShouldBe([("collectionWindow.lastDayInclusive", "window.after_year")]);
    }

    [Fact]
    public void Overlapping_timing_rules_are_normal_but_uncovered_dates_are_warned_about()
    {
        var d = Template("pubei-2020");
        d.Timing!.RemoveAt(9); // 2020-07-01 … 12-31 for continuing / first_time is now uncovered
        var result = PolicyValidator.Validate(d);
        result.HasErrors.ShouldBeFalse();
        var unmatched = result.Warnings.Where(w => w.Code == "timing.unmatched").ToList();
        unmatched.Count.ShouldBe(2);
        unmatched[0].Message.ShouldContain("from 2020-07-01 to 2020-12-31 for history continuing");
    }

    [Fact]
    public void Broken_json_is_one_problem_with_a_path()
    {
        var json = PolicyCatalog.GetJson("baogou-2022")!.Replace("\"share\": 0.5", "\"share\": \"half\"", StringComparison.Ordinal);
        var loaded = PolicyLoader.Load(json);
        loaded.IsUsable.ShouldBeFalse();
        loaded.Problems.Single().Path.ShouldBe("subsidies[7].share");

        var typo = PolicyLoader.Load(PolicyCatalog.GetJson("baogou-2022")!.Replace("\"countyPart\"", "\"countyShare\"", StringComparison.Ordinal));
        typo.IsUsable.ShouldBeFalse();
        typo.Problems.Single().Message.ShouldContain("countyShare");
    }

    [Fact]
    public void An_administrator_can_set_an_unset_share_and_change_the_day_count()
    {
        var d = Template("pubei-2020");
        d.Subsidies![6].Share = 1m;
        var policy = PolicyCompiler.Compile(d);
        var quote = policy.Quote(Request("1980-01-01", "2019-11-05", Cats(BasisCode.Dibao)));
        quote.Basis.ShouldBe(BasisCode.Dibao);
        quote.Mode.ShouldBe(SubsidyMode.Reimburse);
        quote.Payable.ShouldBe(250m);

        var b = Template("baogou-2022");
        b.Timing![1].Coverage!.Days = 31;
        PolicyCompiler.Compile(b).Quote(Request("1980-01-01", "2022-01-10")).CoverageStart.ShouldBe(D("2022-02-10"));
    }

    [Fact]
    public void Age_reference_date_is_a_setting_defaulting_to_the_last_day_of_the_previous_year()
    {
        var d = Template();
        d.AgeReferenceDate = null;
        PolicyCompiler.Compile(d).AgeReferenceDate.ShouldBe(D("2024-12-31"));
        d.AgeReferenceDate = D("2025-01-01");
        var policy = PolicyCompiler.Compile(d);
        policy.Quote(Request("1955-01-01", "2024-11-01")).Basis.ShouldBe(BasisCode.Age70Plus);
    }
}
