using Enrollment.Cli.Generate;
using Enrollment.Domain.Policies;
using Npgsql;

namespace Enrollment.Cli.Seed;

/// <summary>The database ids of a tenant's skeleton: tenant, villages (by layout index), campaigns by code.</summary>
internal sealed record TenantIds(int TenantId, long[] VillageIds, IReadOnlyDictionary<string, long> CampaignIds);

/// <summary>
/// Creates what a tenant's population stands on, idempotently (only what is missing is inserted): the tenant,
/// its jurisdiction tree (county → townships → 管区 → demo villages), the campaigns with their policy JSON and
/// phases, and the quotas — the documents' tables, and demo quotas labelled 示例 where a document gives none.
/// </summary>
internal static class TenantSkeleton
{
    public static async Task<TenantIds> EnsureAsync(NpgsqlConnection connection, CountyLayout layout, int demoScale, CancellationToken ct)
    {
        var tenant = layout.Tenant;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Sql.ExecuteAsync(connection, """
            INSERT INTO tenants (code, name, region_code) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING
            """, ct, tenant.Code, tenant.Name, tenant.RegionCode);
        var tenantId = (int)(await Sql.ScalarAsync(connection, "SELECT id FROM tenants WHERE code = $1", ct, tenant.Code))!;

        var countyId = await Sql.ScalarAsync(connection, "SELECT id FROM jurisdictions WHERE tenant_id = $1 AND parent_id IS NULL", ct, tenantId)
            ?? await Sql.ScalarAsync(connection, """
                INSERT INTO jurisdictions (tenant_id, level, name, admin_code, path) VALUES ($1, 'county', $2, $3, '') RETURNING id
                """, ct, tenantId, tenant.County, tenant.RegionCode);
        var townshipIds = new long[layout.Townships.Count];
        var groupingIds = new Dictionary<(int, int), long>();
        foreach (var township in layout.Townships)
        {
            townshipIds[township.Index] = await EnsureChildAsync(connection, tenantId, (long)countyId!, "township", township.Name, township.Order, ct);
            for (var g = 0; g < township.Groupings.Count; g++)
            {
                groupingIds[(township.Index, g)] = await EnsureChildAsync(
                    connection, tenantId, townshipIds[township.Index], "grouping", township.Groupings[g], g + 1, ct);
            }
        }

        // The documents name no villages: every village here is generated, so it is labelled 示例 (is_demo).
        var parents = layout.Villages.Select(v => v.GroupingIndex is { } g ? groupingIds[(v.TownshipIndex, g)] : townshipIds[v.TownshipIndex]).ToArray();
        await Sql.ExecuteAsync(connection, """
            INSERT INTO jurisdictions (tenant_id, parent_id, level, name, display_order, path, is_demo)
            SELECT $1, p, 'village', n, o, '', true FROM unnest($2::bigint[], $3::text[], $4::integer[]) AS v(p, n, o)
            ON CONFLICT (tenant_id, parent_id, name) DO NOTHING
            """, ct, tenantId, parents, layout.Villages.Select(v => v.Name).ToArray(), layout.Villages.Select(v => v.Order).ToArray());
        var byParentAndName = new Dictionary<(long, string), long>();
        await using (var read = new NpgsqlCommand("SELECT parent_id, name, id FROM jurisdictions WHERE tenant_id = $1 AND level = 'village'", connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                byParentAndName[(reader.GetInt64(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        var villageIds = layout.Villages.Select(v => byParentAndName[(parents[v.Index], v.Name)]).ToArray();
        var campaignIds = new Dictionary<string, long>();
        foreach (var campaign in DemoCampaigns.For(tenant.Code))
        {
            var township = campaign.Township is null ? null : (long?)townshipIds[layout.Townships.Single(t => t.Name == campaign.Township).Index];
            campaignIds[campaign.Code] = await CampaignSeeder.EnsureAsync(connection, tenantId, campaign, township, ct);
        }

        await QuotaSeeder.EnsureAsync(connection, tenantId, layout, townshipIds, villageIds, campaignIds, demoScale, ct);
        await transaction.CommitAsync(ct);
        return new TenantIds(tenantId, villageIds, campaignIds);
    }

    private static async Task<long> EnsureChildAsync(NpgsqlConnection connection, int tenantId, long parentId, string level, string name, int order, CancellationToken ct) =>
        (long)(await Sql.ScalarAsync(connection, "SELECT id FROM jurisdictions WHERE tenant_id = $1 AND parent_id = $2 AND name = $3", ct, tenantId, parentId, name)
               ?? await Sql.ScalarAsync(connection, """
                   INSERT INTO jurisdictions (tenant_id, parent_id, level, name, display_order, path) VALUES ($1, $2, $3, $4, $5, '') RETURNING id
                   """, ct, tenantId, parentId, level, name, order))!;
}
