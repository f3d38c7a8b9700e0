using Enrollment.Cli.Generate;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Tests.Generate;

public sealed class PaymentInvariantTests
{
    [Theory]
    [InlineData("tengzhou", "tengzhou-2025")]
    [InlineData("tengzhou", "baogou-2022")]
    [InlineData("pubei", "pubei-2020")]
    [InlineData("qufu", "xiaoxue-2020")]
    public void Payments_fall_in_the_window_and_equal_the_rules_engines_quote(string tenant, string campaign)
    {
        var county = SmallCounty.Make(new PopulationSettings(tenant, 4_000, 0.8, 7, campaign));
        var policy = PolicyCatalog.Compile(campaign);
        var paid = county.Residents.Where(r => r.PaidOn is not null).ToList();
        var enrolled = county.Residents.Count(r => r.EnrolledThisYear);
        (paid.Count / (double)enrolled).ShouldBeInRange(0.76, 0.84);
        foreach (var resident in paid)
        {
            var day = resident.PaidOn!.Value;
            policy.Window.Contains(day).ShouldBeTrue($"{day} outside the window");
            var quote = policy.Quote(new QuoteRequest(resident.CitizenId, resident.Categories, resident.History, resident.GapYears, day));
            quote.IsSuccess.ShouldBeTrue();
            resident.Quote.Payable.ShouldBe(quote.Payable);
            resident.Quote.Subsidy.ShouldBe(quote.Subsidy);
            resident.Quote.CoverageStart.ShouldBe(quote.CoverageStart);
            resident.PaymentAmount.ShouldBeGreaterThan(0m);
            resident.PaymentAmount.ShouldBe(resident.Channel == PaymentChannel.GovernmentDirect ? quote.Subsidy : quote.Payable);
            (resident.Channel == PaymentChannel.GovernmentDirect).ShouldBe(quote.Payable == 0);
        }

        var prior = county.Generator.PriorPolicy!;
        var lastYear = county.Residents.Where(r => r.EnrolledLastYear).ToList();
        lastYear.ShouldAllBe(r => r.PriorPaidOn != null);
        foreach (var resident in lastYear)
        {
            prior.Window.Contains(resident.PriorPaidOn!.Value).ShouldBeTrue();
            var quote = prior.Quote(new QuoteRequest(resident.CitizenId, resident.Categories, EnrollmentHistory.Continuing, 0, resident.PriorPaidOn!.Value));
            resident.PriorPaymentAmount.ShouldBe(resident.PriorChannel == PaymentChannel.GovernmentDirect ? quote.Subsidy : quote.Payable);
        }
    }

    [Fact]
    public void Payments_rush_before_the_deadline_and_stop_at_the_business_date()
    {
        var county = SmallCounty.Tengzhou2025;
        var days = county.Residents.Where(r => r.PaidOn is not null).Select(r => r.PaidOn!.Value).ToList();
        var lastTen = days.Count(d => d >= new DateOnly(2024, 12, 22));
        var firstTen = days.Count(d => d < new DateOnly(2024, 10, 11));
        lastTen.ShouldBeGreaterThan(firstTen * 4);

        var demo = SmallCounty.Make(new PopulationSettings("tengzhou", 3_000, 0.6, 1, "tengzhou-2025", new DateOnly(2024, 11, 20)));
        demo.Residents.Where(r => r.PaidOn is not null).ShouldAllBe(r => r.PaidOn <= new DateOnly(2024, 11, 20));
    }

    [Fact]
    public void The_same_seed_gives_the_same_county_and_another_seed_another()
    {
        static string Fingerprint(ulong seed)
        {
            var county = SmallCounty.Make(new PopulationSettings("pubei", 2_000, 0.9, seed, "pubei-2020"));
            return string.Join('\n', county.Households.SelectMany(h => h.Members.Select(m =>
                $"{h.Village}|{m.HouseholdNumber}|{m.Relation}|{m.CitizenId}|{m.Name}|{m.Phone}|{m.History}|{m.GapYears}|" +
                $"{m.Categories.Mask}|{m.Exclusion}|{m.PaidOn}|{m.Channel}|{m.Quote}")));
        }

        Fingerprint(5).ShouldBe(Fingerprint(5));
        Fingerprint(5).ShouldNotBe(Fingerprint(6));
    }
}
