using Enrollment.Domain.Rules;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Rules;

/// <summary>Each rule object on its own, with hand-built inputs.</summary>
public class RuleObjectTests
{
    private static readonly DateOnly Reference = D("2024-12-31");

    private static SubsidyRule Rule(BasisCode basis, decimal? share = 1m, decimal countyPart = 1m, CertificationCutoff? cutoff = null, decimal contribution = 400m) =>
        new(0, basis, basis.ChineseName(), share, countyPart, FundingSource.Fiscal, SubsidyMode.Direct, "民政局", cutoff, contribution, Reference);

    [Theory]
    [InlineData("1954-12-31", true)] // exactly 70 at the reference date
    [InlineData("1955-01-01", false)] // 69 for one more day
    [InlineData("1900-01-01", true)]
    public void Age_70_plus_includes_the_boundary_at_the_reference_date(string birth, bool eligible) =>
        Rule(BasisCode.Age70Plus).Evaluate(default, D(birth))
            .ShouldBe(eligible ? SubsidyEligibility.Eligible : SubsidyEligibility.NotApplicable);

    [Theory]
    [InlineData("1964-12-31", true)] // 60
    [InlineData("1965-01-01", false)] // 59
    [InlineData("1955-01-01", true)] // 69
    [InlineData("1954-12-31", false)] // 70
    public void Age_60_69_includes_both_ends(string birth, bool eligible) =>
        Rule(BasisCode.Age60To69, 0.5m).Evaluate(default, D(birth))
            .ShouldBe(eligible ? SubsidyEligibility.Eligible : SubsidyEligibility.NotApplicable);

    [Fact]
    public void Category_rule_needs_the_category()
    {
        var rule = Rule(BasisCode.Dibao);
        rule.Evaluate(Cats(BasisCode.Tekun), D("1980-01-01")).ShouldBe(SubsidyEligibility.NotApplicable);
        rule.Evaluate(Cats(BasisCode.Tekun, BasisCode.Dibao), D("1980-01-01")).ShouldBe(SubsidyEligibility.Eligible);
    }

    [Theory]
    [InlineData("2016-01-21", SubsidyEligibility.Eligible)]
    [InlineData("2016-01-22", SubsidyEligibility.CertifiedOutsideCutoff)]
    [InlineData("2016-01-23", SubsidyEligibility.CertifiedOutsideCutoff)]
    [InlineData(null, SubsidyEligibility.CertificationDateMissing)]
    public void First_certified_before_cutoff(string? certified, SubsidyEligibility expected)
    {
        var rule = Rule(BasisCode.FamilyPlanning, cutoff: new CertificationCutoff(CutoffKind.Before, D("2016-01-22"), false));
        rule.Evaluate(Cat(BasisCode.FamilyPlanning, certified), D("1968-05-06")).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2019-12-31", SubsidyEligibility.CertifiedOutsideCutoff)]
    [InlineData("2020-01-01", SubsidyEligibility.Eligible)]
    [InlineData("2020-01-02", SubsidyEligibility.Eligible)]
    [InlineData(null, SubsidyEligibility.Eligible)]
    public void First_certified_on_or_after_cutoff_with_missing_date_eligible(string? certified, SubsidyEligibility expected)
    {
        var rule = Rule(BasisCode.PovertySupported, cutoff: new CertificationCutoff(CutoffKind.OnOrAfter, D("2020-01-01"), true));
        rule.Evaluate(Cat(BasisCode.PovertySupported, certified), D("1980-01-01")).ShouldBe(expected);
    }

    [Fact]
    public void Unset_share_is_inactive_but_reports_that_the_basis_fits()
    {
        var rule = Rule(BasisCode.Dibao, share: null);
        rule.IsActive.ShouldBeFalse();
        rule.Amount.ShouldBe(0m);
        rule.Evaluate(Cats(BasisCode.Dibao), D("1980-01-01")).ShouldBe(SubsidyEligibility.ShareUnset);
        rule.Evaluate(default, D("1980-01-01")).ShouldBe(SubsidyEligibility.NotApplicable);
    }

    [Theory]
    [InlineData(400, 1, 0.5, 200, 200)]
    [InlineData(260, 1, 0.5, 130, 130)]
    [InlineData(255.55, 1, 0.5, 127.78, 127.77)] // 127.775 rounds half away from zero; township gets the rest
    [InlineData(255.55, 0.5, 1, 127.78, 0)]
    [InlineData(250, 0.3, 1, 75, 0)]
    [InlineData(250, 0.6, 1, 150, 0)]
    [InlineData(100.01, 1, 0.333, 33.30, 66.71)]
    [InlineData(0.05, 0.5, 0.5, 0.02, 0.01)] // subsidy 0.025 → 0.03, county 0.015 → 0.02, township the remaining 0.01
    public void Amounts_round_to_the_cent_and_shares_add_up(decimal contribution, decimal share, decimal countyPart, decimal county, decimal township)
    {
        var rule = Rule(BasisCode.FamilyPlanning, share, countyPart, contribution: contribution);
        rule.CountyAmount.ShouldBe(county);
        rule.TownshipAmount.ShouldBe(township);
        (rule.CountyAmount + rule.TownshipAmount).ShouldBe(rule.Amount);
        rule.Amount.ShouldBe(Math.Round(contribution * share, 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void Township_may_override_the_mode()
    {
        var rule = new SubsidyRule(0, BasisCode.Dibao, "低保", 1m, 1m, FundingSource.Fiscal, SubsidyMode.Direct, "民政局", null, 260m, Reference,
            [SubsidyMode.Reimburse, SubsidyMode.Direct]);
        rule.ModeFor(TownshipRef.None).ShouldBe(SubsidyMode.Direct);
        rule.ModeFor(0).ShouldBe(SubsidyMode.Reimburse);
        rule.ModeFor(1).ShouldBe(SubsidyMode.Direct);
        rule.ModeFor(7).ShouldBe(SubsidyMode.Direct);
    }

    [Theory]
    [InlineData(CoverageStartKind.DaysAfterPayment, 30, "2020-01-10", "2020-02-09")]
    [InlineData(CoverageStartKind.DaysAfterPayment, 31, "2020-01-10", "2020-02-10")]
    [InlineData(CoverageStartKind.DaysAfterPayment, 30, "2020-02-01", "2020-03-02")] // leap February
    [InlineData(CoverageStartKind.DaysAfterPayment, 30, "2021-02-01", "2021-03-03")]
    [InlineData(CoverageStartKind.DaysAfterPayment, 30, "2019-12-21", "2020-01-20")]
    [InlineData(CoverageStartKind.FirstOfMonthAfterPayment, 1, "2020-02-29", "2020-03-01")]
    [InlineData(CoverageStartKind.FirstOfMonthAfterPayment, 1, "2020-12-31", "2021-01-01")]
    [InlineData(CoverageStartKind.FirstOfMonthAfterPayment, 3, "2020-03-15", "2020-06-01")]
    [InlineData(CoverageStartKind.FirstOfMonthAfterPayment, 3, "2020-11-30", "2021-02-01")]
    [InlineData(CoverageStartKind.MonthsAfterPaymentPlusGap, 4, "2025-05-31", "2025-09-30")]
    [InlineData(CoverageStartKind.MonthsAfterPaymentPlusGap, 6, "2019-08-31", "2020-02-29")]
    [InlineData(CoverageStartKind.MonthsAfterPaymentPlusGap, 3, "2025-11-30", "2026-02-28")]
    [InlineData(CoverageStartKind.PolicyYearStart, 0, "2019-11-30", "2020-01-01")]
    public void Coverage_start_arithmetic(CoverageStartKind kind, int n, string paid, string expected) =>
        new CoverageStart(kind, n).For(D(paid), D("1980-01-01"), 0, D("2020-01-01")).ShouldBe(D(expected));

    [Theory]
    [InlineData(0, "2025-02-10", "2025-05-10")]
    [InlineData(1, "2025-02-10", "2025-06-10")]
    [InlineData(4, "2025-01-31", "2025-08-31")]
    [InlineData(2, "2025-01-31", "2025-06-30")]
    public void Months_plus_gap_adds_one_month_per_year_of_interruption(int gap, string paid, string expected) =>
        new CoverageStart(CoverageStartKind.MonthsAfterPaymentPlusGap, 3).For(D(paid), D("1980-01-01"), gap, D("2025-01-01")).ShouldBe(D(expected));

    [Theory]
    [InlineData("2020-05-20", "2020-11-20", true)] // exactly 6 months
    [InlineData("2020-05-20", "2020-11-21", false)]
    [InlineData("2020-08-31", "2021-02-28", true)] // clamped to the month end
    [InlineData("2020-01-01", "2020-01-01", true)]
    [InlineData("2019-12-31", "2020-01-05", false)] // born before the policy year: not a newborn
    public void Newborn_within_months(string birth, string paid, bool matches) =>
        NewbornCondition.WithinMonths(6).Matches(D(birth), D(paid), D("2020-01-01")).ShouldBe(matches);

    [Theory]
    [InlineData("2025-01-01", "2025-04-01", true)] // day 90
    [InlineData("2025-01-01", "2025-04-02", false)] // day 91
    [InlineData("2025-12-01", "2025-12-31", true)]
    [InlineData("2024-12-31", "2025-01-02", false)]
    public void Newborn_within_days(string birth, string paid, bool matches) =>
        NewbornCondition.WithinDays(90).Matches(D(birth), D(paid), D("2025-01-01")).ShouldBe(matches);

    [Fact]
    public void Timing_rule_matches_its_inclusive_range_and_histories_only()
    {
        var rule = new TimingRule(0, "x", D("2020-01-01"), D("2020-02-29"), [EnrollmentHistory.FirstTime], null, AmountKind.Individual,
            new CoverageStart(CoverageStartKind.FirstOfMonthAfterPayment, 1));
        var birth = D("1980-01-01");
        var start = D("2020-01-01");
        rule.Matches(D("2019-12-31"), EnrollmentHistory.FirstTime, birth, start).ShouldBeFalse();
        rule.Matches(D("2020-01-01"), EnrollmentHistory.FirstTime, birth, start).ShouldBeTrue();
        rule.Matches(D("2020-02-29"), EnrollmentHistory.FirstTime, birth, start).ShouldBeTrue();
        rule.Matches(D("2020-03-01"), EnrollmentHistory.FirstTime, birth, start).ShouldBeFalse();
        rule.Matches(D("2020-02-01"), EnrollmentHistory.Continuing, birth, start).ShouldBeFalse();
        rule.Matches(D("2020-02-01"), EnrollmentHistory.Interrupted, birth, start).ShouldBeFalse();
    }

    [Fact]
    public void Age_band_cutoffs_agree_with_full_years_for_random_dates_including_leap_days()
    {
        var random = new Random(20250101);
        for (var i = 0; i < 20_000; i++)
        {
            var reference = DateOnly.FromDayNumber(D("2000-01-01").DayNumber + random.Next(0, 365 * 30));
            var birth = DateOnly.FromDayNumber(reference.DayNumber - random.Next(0, 365 * 100));
            if (i % 10 == 0)
            {
                birth = new DateOnly(1952 + (random.Next(0, 12) * 4), 2, 29); // leap-day births
                reference = new DateOnly(reference.Year, 2, DateTime.IsLeapYear(reference.Year) ? 28 + random.Next(0, 2) : 28);
            }

            var age = AgeBand.AgeOn(birth, reference);
            var day = birth.DayNumber;
            var band70 = AgeBand.For(BasisCode.Age70Plus);
            var band60 = AgeBand.For(BasisCode.Age60To69);
            (day <= band70.BornOnOrBeforeDayNumber(reference)).ShouldBe(age >= 70, $"{birth} at {reference}");
            (day >= band60.BornOnOrAfterDayNumber(reference) && day <= band60.BornOnOrBeforeDayNumber(reference))
                .ShouldBe(age is >= 60 and <= 69, $"{birth} at {reference}");
        }
    }
}
