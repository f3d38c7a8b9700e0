using Enrollment.Cli.Generate;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Tests.Generate;

public sealed class PopulationGeneratorTests
{
    private static SmallCounty.Generated County => SmallCounty.Tengzhou2025;

    [Fact]
    public void Makes_exactly_the_residents_asked_for()
    {
        County.Residents.Count().ShouldBe(30_000);
        County.Residents.Select(r => r.Number).ShouldBe(Enumerable.Range(1, 30_000).Select(n => (long)n));
    }

    [Fact]
    public void Every_citizen_id_is_valid_unique_and_of_the_county()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resident in County.Residents)
        {
            var text = resident.CitizenId.ToString();
            CitizenId.TryParse(text, out var parsed, out _).ShouldBeTrue(text);
            parsed.RegionCode.ShouldBe(370481);
            ids.Add(text).ShouldBeTrue($"duplicate {text}");
            resident.Name.Length.ShouldBeInRange(2, 3);
        }
    }

    [Fact]
    public void Households_have_one_head_first_and_consistent_ages_and_relations()
    {
        var reference = County.Generator.ReferenceDate;
        foreach (var (village, members) in County.Households)
        {
            members.Length.ShouldBeInRange(1, 6);
            members[0].Relation.ShouldBe(FamilyRelation.Self);
            members.Count(m => m.Relation == FamilyRelation.Self).ShouldBe(1);
            members.Count(m => m.Relation == FamilyRelation.Spouse).ShouldBeLessThanOrEqualTo(1);
            members.ShouldAllBe(m => m.VillageIndex == village && m.HouseholdNumber == members[0].HouseholdNumber);
            var head = members[0].CitizenId;
            foreach (var member in members.Skip(1))
            {
                var years = (head.BirthDate.DayNumber - member.CitizenId.BirthDate.DayNumber) / 365.25;
                switch (member.Relation)
                {
                    case FamilyRelation.Spouse:
                        member.CitizenId.Sex.ShouldNotBe(head.Sex);
                        Math.Abs(years).ShouldBeLessThan(7);
                        break;
                    case FamilyRelation.Child:
                    case FamilyRelation.ChildInLaw:
                        years.ShouldBeLessThan(-17, "a child is born at least 18 years after the head");
                        break;
                    case FamilyRelation.Parent:
                        years.ShouldBeGreaterThan(17, "a parent is born at least 18 years before the head");
                        break;
                    case FamilyRelation.Grandchild:
                        years.ShouldBeLessThan(-36, "a grandchild is two generations younger");
                        break;
                    case FamilyRelation.Self:
                        throw new ShouldAssertException("a second head");
                }

                member.CitizenId.BirthDate.ShouldBeLessThanOrEqualTo(reference);
            }
        }
    }

    [Fact]
    public void The_age_pyramid_is_a_rural_one()
    {
        var reference = County.Generator.ReferenceDate;
        var ages = County.Residents.Select(r => (reference.DayNumber - r.CitizenId.BirthDate.DayNumber) / 365.25).ToList();
        double Share(Func<double, bool> band) => ages.Count(band) / (double)ages.Count;
        Share(a => a >= 70).ShouldBeInRange(0.09, 0.14);
        Share(a => a is >= 50 and < 70).ShouldBeInRange(0.25, 0.40);
        Share(a => a < 18).ShouldBeInRange(0.10, 0.22);
        ages.Max().ShouldBeLessThan(100);
    }

    [Fact]
    public void Categories_come_at_plausible_rates_and_only_from_the_policy()
    {
        var residents = County.Residents.ToList();
        double Share(BasisCode code) => residents.Count(r => r.Categories.Contains(code)) / (double)residents.Count;
        Share(BasisCode.Dibao).ShouldBeInRange(0.02, 0.045);
        Share(BasisCode.Tekun).ShouldBeInRange(0.0005, 0.01);
        Share(BasisCode.SevereDisability).ShouldBeInRange(0.006, 0.015);
        Share(BasisCode.FamilyPlanning).ShouldBeGreaterThan(0.005);

        var known = County.Generator.Policy.Subsidies.Select(s => s.Basis).ToHashSet();
        foreach (var code in BasisCodes.All.Where(c => !known.Contains(c)))
        {
            Share(code).ShouldBe(0, $"{code} is not in tengzhou-2025");
        }

        foreach (var resident in residents.Where(r => !r.Categories.IsEmpty))
        {
            BasisCodes.All.Where(resident.Categories.Contains)
                .ShouldAllBe(c => HasFirstCertifiedDate(resident.Categories, c));
        }
    }

    [Fact]
    public void Most_residents_continue_from_last_year_and_the_rest_are_new_or_back_after_a_gap()
    {
        var residents = County.Residents.ToList();
        var continuing = residents.Count(r => r.History == EnrollmentHistory.Continuing) / (double)residents.Count;
        continuing.ShouldBeInRange(0.93, 0.97);
        residents.ShouldContain(r => r.History == EnrollmentHistory.FirstTime);
        residents.ShouldContain(r => r.History == EnrollmentHistory.Interrupted && r.GapYears >= 2);
        residents.ShouldAllBe(r => EnrollmentHistories.Check(r.History, r.GapYears).Code == Domain.Errors.DomainErrorCode.None);
    }

    [Fact]
    public void A_few_adults_are_excluded_and_never_pay()
    {
        var excluded = County.Residents.Where(r => r.Exclusion != ExclusionKind.None).ToList();
        (excluded.Count / 30_000.0).ShouldBeInRange(0.005, 0.02);
        excluded.ShouldAllBe(r => r.PaidOn == null);
        excluded.Select(r => r.Exclusion).Distinct().Count().ShouldBeGreaterThan(4);
    }

    private static bool HasFirstCertifiedDate(CertifiedCategories categories, BasisCode code) =>
        categories.TryGetFirstCertified(code, out _);
}
