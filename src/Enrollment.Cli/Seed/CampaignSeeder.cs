using System.Text.Json.Nodes;
using Enrollment.Domain.Policies;
using Npgsql;

namespace Enrollment.Cli.Seed;

/// <summary>Inserts a campaign with its policy (version 1) and phases, unless the tenant already has its code.</summary>
internal static class CampaignSeeder
{
    public static async Task<long> EnsureAsync(NpgsqlConnection connection, int tenantId, CampaignSeed seed, long? jurisdictionId, CancellationToken ct)
    {
        if (await Sql.ScalarAsync(connection, "SELECT id FROM campaigns WHERE tenant_id = $1 AND code = $2", ct, tenantId, seed.Code) is long existing)
        {
            return existing;
        }

        var policy = PolicyLoader.Load(seed.PolicyJson).Policy
                     ?? throw new InvalidOperationException($"the policy of {seed.Code} does not validate");
        var name = JsonNode.Parse(seed.PolicyJson)!["name"]!.GetValue<string>();
        var window = policy.Window;
        // Stamped on the demo's own calendar, not the machine's: the app shows these times beside the versions its
        // users save on the business date, and version 1 must not look newer than version 2.
        var createdAt = DemoCampaigns.CreatedAt(policy.PolicyYear);
        var id = (long)(await Sql.ScalarAsync(connection, """
            INSERT INTO campaigns (tenant_id, code, name, policy_year, jurisdiction_id, status, window_start, window_end, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, ct, tenantId, seed.Code, name, policy.PolicyYear, jurisdictionId, seed.Status, window.FirstDayInclusive, window.LastDayInclusive,
            createdAt))!;
        var reason = seed.IsDemoPolicy
            ? "示例：演示数据，由下一年度政策模板前推一年生成"
            : "初始政策：随产品发布的政策模板（依据政策文件）";
        await Sql.ExecuteAsync(connection, """
            INSERT INTO campaign_policy_versions (tenant_id, campaign_id, version, document, created_at, reason)
            VALUES ($1, $2, 1, $3::jsonb, $4, $5)
            """, ct, tenantId, id, seed.PolicyJson, createdAt, reason);
        for (var p = 0; p < window.Phases.Count; p++)
        {
            var phase = window.Phases[p];
            await Sql.ExecuteAsync(connection, """
                INSERT INTO campaign_phases (tenant_id, campaign_id, ordinal, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6)
                """, ct, tenantId, id, p + 1, phase.Name, phase.FirstDayInclusive, phase.LastDayInclusive);
        }

        return id;
    }
}
