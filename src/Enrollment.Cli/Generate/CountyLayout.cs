using Enrollment.Cli.Seed;

namespace Enrollment.Cli.Generate;

/// <summary>A township of the layout with its share of the county's population (from the document's quota).</summary>
internal sealed record LayoutTownship(int Index, string Name, int Order, int Weight, IReadOnlyList<string> Groupings);

/// <summary>A demo village (示例: the documents name none) under a township and optionally a grouping (管区).</summary>
internal sealed record LayoutVillage(int Index, int TownshipIndex, int? GroupingIndex, string Name, int Order, double Weight);

/// <summary>
/// The jurisdiction tree a county's synthetic population lives in. Townships come from the documents; villages
/// are generated from the tenant code alone, so every load of a tenant (demo or full size) uses the same villages.
/// Villages are sized like Shandong's (about 1,500 people each), so their number follows the township's quota.
/// </summary>
internal sealed class CountyLayout
{
    private const int PeoplePerVillage = 1_500;
    private const int VillagesWithoutQuota = 30;

    private CountyLayout(TenantSeed tenant, IReadOnlyList<LayoutTownship> townships, IReadOnlyList<LayoutVillage> villages)
    {
        Tenant = tenant;
        Townships = townships;
        Villages = villages;
        VillageCumulativeWeights = SeededRandom.Cumulative([.. villages.Select(v => v.Weight)]);
    }

    public TenantSeed Tenant { get; }

    public IReadOnlyList<LayoutTownship> Townships { get; }

    public IReadOnlyList<LayoutVillage> Villages { get; }

    /// <summary>For drawing a household's village in proportion to population.</summary>
    public double[] VillageCumulativeWeights { get; }

    public static CountyLayout For(string tenantCode) => For(JurisdictionCatalog.Get(tenantCode));

    public static CountyLayout For(TenantSeed tenant)
    {
        var random = new SeededRandom(SeededRandom.Derive(tenant.Code, 0x1A70));
        var quotas = (tenant.QuotaTables.Count > 0 ? tenant.QuotaTables[0] : null)?.Rows.ToDictionary(r => r.Township, r => r.Quota)
                     ?? new Dictionary<string, int>();
        var townships = tenant.Townships
            .OrderBy(t => t.Order)
            .Select((t, i) => new LayoutTownship(
                i, t.Name, t.Order, quotas.GetValueOrDefault(t.Name, VillagesWithoutQuota * PeoplePerVillage),
                [.. (t.Groupings ?? []).OrderBy(g => g.Order).Select(g => g.Name)]))
            .ToList();

        var villages = new List<LayoutVillage>();
        foreach (var township in townships)
        {
            var count = Math.Clamp((int)Math.Round(township.Weight / (double)PeoplePerVillage), 5, 90);
            var names = new HashSet<string>(StringComparer.Ordinal);
            var shares = Enumerable.Range(0, count).Select(_ => 0.5 + random.NextDouble()).ToArray();
            var total = shares.Sum();
            var isSubdistrict = township.Name.EndsWith("街道", StringComparison.Ordinal);
            for (var v = 0; v < count; v++)
            {
                string name;
                do
                {
                    name = VillageNames.Next(random, isSubdistrict);
                }
                while (!names.Add(name));

                int? grouping = township.Groupings.Count == 0 ? null : v * township.Groupings.Count / count;
                villages.Add(new LayoutVillage(
                    villages.Count, township.Index, grouping, name, v + 1, township.Weight * shares[v] / total));
            }
        }

        return new CountyLayout(tenant, townships, villages);
    }
}
