using Enrollment.Cli.Generate;
using Npgsql;

namespace Enrollment.Cli.Seed;

/// <summary>
/// Quotas (参保任务数): the documents' tables where they exist (滕州 2020, 浦北 2020); elsewhere demo quotas
/// scaled to the demo population and labelled 示例 (quotas.is_demo, and the reason of their history row). A
/// campaign run by a township (鲍沟 2022, 小雪 2020) gets its quotas per village, as 鲍沟's document does; others
/// per township.
/// </summary>
internal static class QuotaSeeder
{
    public const string DemoReason = "示例：文件未下达任务数，按演示数据规模生成";

    // Demo quotas sit a little under the population, as real ones do (some are insured elsewhere).
    private const double DemoCoverage = 0.97;

    /// <summary>
    /// When the seeded quotas are recorded as set: the start of the demo's business day, China time. The app's clock
    /// stands on that day too, so the seed's history rows and a person's later changes read on one clock.
    /// </summary>
    public static readonly DateTimeOffset SetAt = new DateTimeOffset(DemoCampaigns.BusinessDate.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    public static async Task EnsureAsync(
        NpgsqlConnection connection, int tenantId, CountyLayout layout, long[] townshipIds, long[] villageIds,
        IReadOnlyDictionary<string, long> campaignIds, int demoScale, CancellationToken ct)
    {
        var totalWeight = layout.Villages.Sum(v => v.Weight);
        foreach (var campaign in DemoCampaigns.For(layout.Tenant.Code))
        {
            var table = layout.Tenant.QuotaTables.FirstOrDefault(t => t.Campaign == campaign.Code);
            List<(long Jurisdiction, int Target)> rows;
            string reason;
            var isDemo = table is null;
            if (table is not null)
            {
                rows = [.. table.Rows.Select(r => (townshipIds[layout.Townships.Single(t => t.Name == r.Township).Index], r.Quota))];
                reason = $"文件下达：{table.Source}";
            }
            else if (campaign.Township is { } townshipName)
            {
                var township = layout.Townships.Single(t => t.Name == townshipName).Index;
                rows = [.. layout.Villages.Where(v => v.TownshipIndex == township)
                    .Select(v => (villageIds[v.Index], Demo(demoScale, v.Weight, totalWeight)))];
                reason = DemoReason;
            }
            else
            {
                rows = [.. layout.Townships.Select(t => (townshipIds[t.Index], Demo(demoScale, t.Weight, totalWeight)))];
                reason = DemoReason;
            }

            await Sql.ExecuteAsync(connection, """
                WITH inserted AS (
                    INSERT INTO quotas (tenant_id, campaign_id, jurisdiction_id, target, updated_at, is_demo)
                    SELECT $1, $2, j, t, $7, $6 FROM unnest($3::bigint[], $4::integer[]) AS q(j, t)
                    ON CONFLICT (tenant_id, campaign_id, jurisdiction_id) DO NOTHING
                    RETURNING id, target)
                INSERT INTO quota_changes (tenant_id, quota_id, previous_target, new_target, changed_at, reason)
                SELECT $1, id, NULL, target, $7, $5 FROM inserted
                """, ct, tenantId, campaignIds[campaign.Code], rows.Select(r => r.Jurisdiction).ToArray(),
                rows.Select(r => r.Target).ToArray(), reason, isDemo, SetAt);
        }
    }

    private static int Demo(int scale, double weight, double totalWeight) =>
        Math.Max(1, (int)Math.Round(scale * weight / totalWeight * DemoCoverage));
}
