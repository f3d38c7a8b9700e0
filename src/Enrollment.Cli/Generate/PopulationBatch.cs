namespace Enrollment.Cli.Generate;

/// <summary>A block of households copied out of the generator, shared read-only by the table writers.</summary>
internal sealed class PopulationBatch
{
    public const int Households = 4_096;

    public readonly List<(long Number, int Village, int HouseNumber, long HeadNumber)> HouseholdRows = new(Households);
    public readonly List<SyntheticResident> Residents = new(Households * 4);

    public static IEnumerable<PopulationBatch> From(PopulationGenerator generator)
    {
        var batch = new PopulationBatch();
        foreach (var household in generator.Households())
        {
            batch.HouseholdRows.Add((household.Number, household.VillageIndex, household.HouseNumber, household.HeadNumber));
            foreach (var resident in household.Residents)
            {
                batch.Residents.Add(resident);
            }

            if (batch.HouseholdRows.Count == Households)
            {
                yield return batch;
                batch = new PopulationBatch();
            }
        }

        if (batch.HouseholdRows.Count > 0)
        {
            yield return batch;
        }
    }
}
