using Enrollment.Cli.Generate;
using Enrollment.Data.Registry;
using Enrollment.Domain.Policies;
using Npgsql;

namespace Enrollment.Cli.Seed;

/// <summary>What the demo seed did for one tenant.</summary>
internal sealed record DemoTenantResult(string TenantCode, int TenantId, bool PopulationLoaded, IReadOnlyDictionary<string, long> Rows);

/// <summary>
/// The demo: 滕州市, 浦北县 and 曲阜市 with their jurisdictions, the five campaigns of the documents
/// and an accepted prior year, quotas, and a modest population per tenant — some of it paid, 滕州 2025 paid up
/// to the demo's business date 2024-11-20. Idempotent: what exists is kept, a tenant that already has residents
/// gets no second population. User accounts are not created here: the <c>accounts demo</c> command runs after this
/// (one demo user per role, scoped with the tenant and jurisdiction ids returned here).
/// </summary>
internal static class DemoSeeder
{
    public const ulong Seed = 20241120;

    /// <summary>Residents per tenant and the share paid by the business date.</summary>
    public static readonly IReadOnlyList<(string Tenant, int Residents, double PaidFraction)> Populations =
    [
        ("tengzhou", 6_000, 0.55),
        ("pubei", 3_000, 0.96),
        ("qufu", 2_000, 0.97),
    ];

    /// <summary>
    /// Seeds, then registers every demo tenant's residents in id_hash_registry under <paramref name="hasher"/>
    /// (the web app's key): the bulk load bypasses the DbContext that registers them on save. Reconciling is
    /// idempotent, so a tenant seeded earlier without the key is registered now.
    /// </summary>
    public static async Task<IReadOnlyList<DemoTenantResult>> SeedAsync(string connectionString, CitizenIdHasher? hasher, CancellationToken ct)
    {
        var results = new List<DemoTenantResult>();
        foreach (var (tenant, residents, paidFraction) in Populations)
        {
            var layout = CountyLayout.For(tenant);
            var campaign = PopulationSettings.CurrentCampaignOf(tenant);
            TenantIds ids;
            bool populated;
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                ids = await TenantSkeleton.EnsureAsync(connection, layout, residents, ct);
                populated = await Sql.ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM residents WHERE tenant_id = $1)", ct, ids.TenantId) is true;
            }

            if (populated)
            {
                results.Add(new DemoTenantResult(tenant, ids.TenantId, false, new Dictionary<string, long>()));
                continue;
            }

            var settings = new PopulationSettings(tenant, residents, paidFraction, Seed, campaign, DemoCampaigns.BusinessDate);
            var generator = new PopulationGenerator(layout, PolicyCatalog.Compile(campaign), settings, PriorYearPolicy.Compile(campaign));
            var report = await PopulationLoader.LoadAsync(connectionString, generator, ids, campaign, fast: false, ct);
            results.Add(new DemoTenantResult(tenant, ids.TenantId, true, report.Rows));
        }

        if (hasher is not null)
        {
            foreach (var result in results)
            {
                await RegistryKey.ReconcileAsync(connectionString, hasher, result.TenantId, offline: false, ct);
            }
        }

        if (results.Any(r => r.PopulationLoaded))
        {
            // Statistics for the freshly copied rows now, not when autovacuum gets round to it: without them the
            // first dashboard queries after the run command pick plans that take tens of seconds.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await Sql.ExecuteAsync(connection, "ANALYZE", ct);
        }

        return results;
    }
}
