using Enrollment.Cli.Generate;
using Enrollment.Domain.Policies;

namespace Enrollment.Cli.Tests.Generate;

/// <summary>Small synthetic counties materialised once (records copied out of the generator's reused buffer).</summary>
internal static class SmallCounty
{
    private static readonly Lazy<Generated> Tengzhou = new(() => Make(new PopulationSettings("tengzhou", 30_000, 0.9, 42, "tengzhou-2025")));

    public static Generated Tengzhou2025 => Tengzhou.Value;

    public static Generated Make(PopulationSettings settings)
    {
        var generator = new PopulationGenerator(
            CountyLayout.For(settings.TenantCode), PolicyCatalog.Compile(settings.CampaignCode), settings,
            PriorYearPolicy.Compile(settings.CampaignCode));
        var households = new List<(int Village, SyntheticResident[] Members)>();
        foreach (var household in generator.Households())
        {
            households.Add((household.VillageIndex, household.Residents.ToArray()));
        }

        return new Generated(generator, households);
    }

    internal sealed record Generated(PopulationGenerator Generator, IReadOnlyList<(int Village, SyntheticResident[] Members)> Households)
    {
        public IEnumerable<SyntheticResident> Residents => Households.SelectMany(h => h.Members);
    }
}
