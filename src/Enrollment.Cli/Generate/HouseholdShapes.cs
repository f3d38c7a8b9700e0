using Enrollment.Domain.Residents;

namespace Enrollment.Cli.Generate;

/// <summary>A household member before identity is assigned: relation, sex and age in full years.</summary>
internal readonly record struct MemberSketch(FamilyRelation Relation, Sex Sex, int Age);

/// <summary>
/// Household compositions of a rural Chinese county: elderly couples and widows living alone, couples with
/// children, three generations with left-behind grandchildren (留守儿童) whose parents work away. Ages are
/// drawn so that children are 20–35 years younger than their parents, spouses are close in age, and the
/// population's pyramid is the rural one (many aged 50–70, fewer children and young adults, ~11 % aged 70+).
/// </summary>
internal static class HouseholdShapes
{
    // Head-of-household age by five-year band from 20–24 to 90–94.
    private static readonly double[] HeadBandCumulative =
        SeededRandom.Cumulative([0.6, 2.0, 4.5, 6.0, 6.5, 8.5, 10.5, 11.0, 10.0, 9.5, 7.5, 5.5, 3.5, 1.6, 0.5]);

    /// <summary>Fills <paramref name="members"/> (head first) and returns the count (1–6).</summary>
    public static int Sketch(SeededRandom random, Span<MemberSketch> members)
    {
        var headAge = 20 + (random.PickWeighted(HeadBandCumulative) * 5) + random.Next(5);
        var headSex = random.Chance(headAge >= 75 ? 0.55 : 0.85) ? Sex.Male : Sex.Female;
        var count = 0;
        members[count++] = new MemberSketch(FamilyRelation.Self, headSex, headAge);

        var married = random.Chance(headAge switch { < 30 => 0.7, < 70 => 0.9, < 80 => 0.65, _ => 0.4 });
        if (married)
        {
            var spouseAge = Math.Max(20, headAge + (headSex == Sex.Male ? -random.Between(0, 5) : random.Between(0, 5)));
            members[count++] = new MemberSketch(FamilyRelation.Spouse, Other(headSex), spouseAge);
        }

        // Parents of a younger head living in the household.
        if (headAge < 50 && random.Chance(0.3))
        {
            var fatherAge = headAge + random.Between(22, 32);
            if (fatherAge < 95)
            {
                members[count++] = new MemberSketch(FamilyRelation.Parent, Sex.Male, fatherAge);
            }

            if (random.Chance(0.7))
            {
                members[count++] = new MemberSketch(FamilyRelation.Parent, Sex.Female, Math.Min(fatherAge - random.Between(0, 4), 95));
            }
        }

        // Children still registered in the household; older heads keep fewer of them.
        var children = headAge switch
        {
            < 28 => random.Chance(0.5) ? 1 : 0,
            < 55 => random.Chance(0.12) ? 0 : random.Chance(0.55) ? 1 : 2,
            < 70 => random.Chance(0.45) ? 0 : 1,
            _ => random.Chance(0.8) ? 0 : 1,
        };
        var eldestChildAge = -1;
        for (var c = 0; c < children && count < SyntheticHousehold.MaxMembers; c++)
        {
            var childAge = headAge - random.Between(22, 34) - (c * random.Between(2, 6));
            if (childAge < 0)
            {
                break;
            }

            eldestChildAge = Math.Max(eldestChildAge, childAge);
            members[count++] = new MemberSketch(FamilyRelation.Child, RandomSex(random), childAge);
        }

        // A married adult child's spouse and the grandchildren they leave with the grandparents.
        if (eldestChildAge >= 23 && count < SyntheticHousehold.MaxMembers && random.Chance(0.35))
        {
            members[count++] = new MemberSketch(
                FamilyRelation.ChildInLaw, RandomSex(random), eldestChildAge + random.Between(-3, 3));
        }

        var grandchildren = headAge >= 48 ? random.Chance(headAge < 75 ? 0.4 : 0.15) ? random.Between(1, 2) : 0 : 0;
        for (var g = 0; g < grandchildren && count < SyntheticHousehold.MaxMembers; g++)
        {
            var youngestParentAge = eldestChildAge >= 20 ? eldestChildAge : headAge - 26;
            var age = youngestParentAge - random.Between(20, 30);
            if (age < 0)
            {
                age = random.Between(0, 3);
            }

            members[count++] = new MemberSketch(FamilyRelation.Grandchild, RandomSex(random), Math.Min(age, headAge - 38));
        }

        return count;
    }

    public static Sex Other(Sex sex) => sex == Sex.Male ? Sex.Female : Sex.Male;

    private static Sex RandomSex(SeededRandom random) => random.Chance(0.52) ? Sex.Male : Sex.Female;
}
