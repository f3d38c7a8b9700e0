using Enrollment.Domain.Policies;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;
using Enrollment.Domain.Tests.Campaigns;

namespace Enrollment.Domain.Tests.Rules;

/// <summary>Invariants over many generated residents, for every shipped campaign (seeded, so reproducible).</summary>
public class QuotePropertyTests
{
    public static TheoryData<string> Campaigns => new(PolicyCatalog.CampaignIds);

    internal static QuoteRequest Generate(Random random, CompiledPolicy policy)
    {
        var birth = DateOnly.FromDayNumber(policy.PolicyYearLastDay.DayNumber - random.Next(0, 365 * 95));
        var first17 = $"370481{birth:yyyyMMdd}{random.Next(0, 1000):D3}";
        var id = CitizenId.Parse(first17 + CitizenId.ComputeCheckCharacter(first17));
        var categories = default(CertifiedCategories);
        var count = random.Next(0, 10) < 6 ? 0 : random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var code = (BasisCode)random.Next(1, 18);
            DateOnly? first = random.Next(0, 3) == 0 ? null : DateOnly.FromDayNumber(policy.PolicyYearStart.DayNumber - random.Next(-200, 3000));
            categories = categories.With(code, first);
        }

        var history = (EnrollmentHistory)random.Next(0, 3);
        var gap = history == EnrollmentHistory.Interrupted ? random.Next(1, 6) : 0;
        var earliest = policy.Window.FirstDayInclusive ?? policy.Window.LastDayInclusive.AddDays(-120);
        var lower = Math.Max(earliest.DayNumber, birth.DayNumber);
        var paid = DateOnly.FromDayNumber(random.Next(lower, policy.PolicyYearLastDay.DayNumber + 1));
        var township = policy.Townships.Count > 0 && random.Next(0, 2) == 0 ? random.Next(0, policy.Townships.Count) : TownshipRef.None;
        return new QuoteRequest(id, categories, history, gap, paid, township);
    }

    [Theory]
    [MemberData(nameof(Campaigns))]
    public void Invariants_hold_for_generated_residents(string campaignId)
    {
        var policy = CampaignCase.Policy(campaignId);
        var random = new Random(campaignId.Length * 7919);
        var quoted = 0;
        var subsidised = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var request = Generate(random, policy);
            var quote = policy.Quote(request);
            quote.IsSuccess.ShouldBeTrue($"{request.Citizen} paid {request.PaidOn}: {quote.Error.ToEnglish()}");
            quoted++;
            var context = $"{campaignId} {request.Citizen} paid {request.PaidOn}";

            quote.Subsidy.ShouldBeLessThanOrEqualTo(policy.IndividualContribution, context);
            quote.Subsidy.ShouldBeGreaterThanOrEqualTo(0m, context);
            (quote.CountyShare + quote.TownshipShare).ShouldBe(quote.Subsidy, context);
            quote.CoverageStart.ShouldBeGreaterThanOrEqualTo(policy.PolicyYearStart, context);
            Math.Round(quote.Subsidy, 2).ShouldBe(quote.Subsidy, context);
            quote.Late.ShouldBe(!policy.Window.Contains(request.PaidOn), context);
            if (quote.AmountKind == AmountKind.FullCost)
            {
                quote.Amount.ShouldBe(policy.IndividualContribution + policy.FiscalSubsidy, context);
                quote.HasSubsidy.ShouldBeFalse(context);
            }

            if (!quote.HasSubsidy)
            {
                quote.Subsidy.ShouldBe(0m, context);
                quote.Payable.ShouldBe(quote.Amount, context);
                continue;
            }

            subsidised++;
            quote.Payable.ShouldBe(quote.Mode == SubsidyMode.Direct ? quote.Amount - quote.Subsidy : quote.Amount, context);
            quote.Explanation.AsSpan().ToArray().ShouldContain(r => r.Code == ReasonCode.SubsidyGranted, context);
        }

        quoted.ShouldBe(20_000);
        subsidised.ShouldBeGreaterThan(500); // the generator is not degenerate
    }

    [Theory]
    [MemberData(nameof(Campaigns))]
    public void The_winner_is_the_largest_eligible_subsidy_listed_first_on_ties(string campaignId)
    {
        var policy = CampaignCase.Policy(campaignId);
        var random = new Random(campaignId.Length * 104729);
        for (var i = 0; i < 5_000; i++)
        {
            var request = Generate(random, policy);
            var quote = policy.Quote(request);
            if (quote.AmountKind == AmountKind.FullCost)
            {
                continue;
            }

            // Brute force over the rules in policy order.
            var best = policy.Subsidies
                .Where(r => r.Evaluate(request.Categories, request.Citizen.BirthDate) == SubsidyEligibility.Eligible)
                .OrderByDescending(r => r.Amount).ThenBy(r => r.Index).FirstOrDefault();
            quote.SubsidyRule.ShouldBe(best?.Index ?? -1);
        }
    }

    [Fact]
    public void Quoting_allocates_nothing()
    {
        var policies = PolicyCatalog.CampaignIds.Select(CampaignCase.Policy).ToArray();
        var random = new Random(42);
        var requests = policies.Select(p => Enumerable.Range(0, 1000).Select(_ => Generate(random, p)).ToArray()).ToArray();
        var sink = 0m;
        for (var warm = 0; warm < 2; warm++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var p = 0; p < policies.Length; p++)
            {
                foreach (var request in requests[p])
                {
                    policies[p].Quote(request, out var quote);
                    sink += quote.Payable;
                }
            }

            if (warm == 1)
            {
                (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
            }
        }

        sink.ShouldBeGreaterThan(0m);
    }
}
