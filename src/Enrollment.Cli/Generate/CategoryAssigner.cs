using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Generate;

/// <summary>
/// Certifies synthetic residents in the categories of docs/rules.md §3 at plausible rates, using only codes the
/// campaign's policy subsidises. Household-wide lists (低保, 监测户, 脱贫户) certify every member; individual ones
/// (特困, 重度残疾, 优抚, 孤儿) one person. First-certified dates spread over the years before the campaign, so
/// cut-offs such as 小雪's 2016-01-22 for 计生 fall on both sides.
/// </summary>
internal sealed class CategoryAssigner
{
    // Household lists, mutually exclusive: (code, share of households).
    private static readonly (BasisCode Code, double Share)[] HouseholdLists =
    [
        (BasisCode.Dibao, 0.030), (BasisCode.Monitored, 0.010), (BasisCode.DibaoEdge, 0.006), (BasisCode.Relapsed, 0.001),
        (BasisCode.Poverty, 0.020), (BasisCode.PovertySupported, 0.040), (BasisCode.PovertyExit2014To2015, 0.015),
        (BasisCode.PovertyAlleviated2016To2017, 0.025),
    ];

    private static readonly DateOnly EarliestCertification = new(2012, 1, 1);

    private readonly uint _known;
    private readonly int _certificationDays;

    public CategoryAssigner(CompiledPolicy policy, DateOnly latestCertification)
    {
        foreach (var rule in policy.Subsidies)
        {
            if (!rule.Basis.IsAgeBand())
            {
                _known |= 1u << (int)rule.Basis;
            }
        }

        _certificationDays = latestCertification.DayNumber - EarliestCertification.DayNumber;
    }

    public bool Knows(BasisCode code) => (_known & (1u << (int)code)) != 0;

    public void Assign(SeededRandom random, Span<SyntheticResident> members, ReadOnlySpan<MemberSketch> sketches)
    {
        var u = random.NextDouble();
        foreach (var (code, share) in HouseholdLists)
        {
            if (!Knows(code))
            {
                continue;
            }

            if (u < share)
            {
                var date = CertifiedOn(random);
                for (var i = 0; i < members.Length; i++)
                {
                    Certify(ref members[i], code, date);
                }

                break;
            }

            u -= share;
        }

        AssignFamilyPlanning(random, members, sketches);
        for (var i = 0; i < members.Length; i++)
        {
            AssignIndividual(random, ref members[i], sketches[i], members.Length);
        }
    }

    // 独女户 / 双女户: a couple whose only children are one or two daughters.
    private void AssignFamilyPlanning(SeededRandom random, Span<SyntheticResident> members, ReadOnlySpan<MemberSketch> sketches)
    {
        var daughters = 0;
        var sons = 0;
        foreach (var sketch in sketches)
        {
            if (sketch.Relation == FamilyRelation.Child)
            {
                _ = sketch.Sex == Domain.Residents.Sex.Female ? daughters++ : sons++;
            }
        }

        if (!Knows(BasisCode.FamilyPlanning) || sons > 0 || daughters is 0 or > 2 || !random.Chance(0.15))
        {
            return;
        }

        var date = CertifiedOn(random);
        for (var i = 0; i < members.Length; i++)
        {
            if (sketches[i].Relation is FamilyRelation.Self or FamilyRelation.Spouse or FamilyRelation.Child)
            {
                Certify(ref members[i], BasisCode.FamilyPlanning, date);
            }
        }
    }

    private void AssignIndividual(SeededRandom random, ref SyntheticResident resident, MemberSketch sketch, int householdSize)
    {
        if (random.Chance(0.010))
        {
            Certify(ref resident, BasisCode.SevereDisability, CertifiedOn(random));
        }

        if (householdSize == 1 && sketch.Age >= 60 && random.Chance(0.15))
        {
            var code = Knows(BasisCode.Tekun) ? BasisCode.Tekun : BasisCode.Wubao;
            Certify(ref resident, code, CertifiedOn(random));
        }

        if (sketch.Sex == Domain.Residents.Sex.Male && sketch.Age >= 55 && random.Chance(0.015))
        {
            Certify(ref resident, BasisCode.Entitled, CertifiedOn(random));
        }

        if (sketch.Age < 18 && sketch.Relation == FamilyRelation.Grandchild && random.Chance(0.02))
        {
            var pick = random.Next(3);
            var code = pick == 0 ? BasisCode.Orphan : pick == 1 ? BasisCode.DeFactoOrphan : BasisCode.DistressedChild;
            Certify(ref resident, code, CertifiedOn(random));
        }
    }

    private DateOnly CertifiedOn(SeededRandom random) =>
        EarliestCertification.AddDays(random.Next(Math.Max(1, _certificationDays)));

    private void Certify(ref SyntheticResident resident, BasisCode code, DateOnly firstCertified)
    {
        if (Knows(code))
        {
            resident.Categories.TryAdd(code, firstCertified, out _);
        }
    }
}
