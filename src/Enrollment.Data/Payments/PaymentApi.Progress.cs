using Enrollment.Data.Entities;
using Npgsql;

namespace Enrollment.Data.Payments;

public sealed partial class PaymentApi
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    // Townships in official order with their quota and the sums of their progress deltas: a few hundred rows of the
    // rollup, whatever the county's size. The county's quota is its own row when one was set, else the townships'.
    private const string ReadProgress = """
        WITH c AS (SELECT id FROM campaigns WHERE code = $1),
        sums AS (
            SELECT d.township_id, sum(d.paid)::integer AS paid, sum(d.paid) FILTER (WHERE d.paid_on = $2)::integer AS today,
                   sum(d.amount) AS amount
            FROM progress_deltas d WHERE d.campaign_id = (SELECT id FROM c)
            GROUP BY d.township_id)
        SELECT 0 AS kind, t.name, t.display_order, q.target, coalesce(s.paid, 0), coalesce(s.today, 0), coalesce(s.amount, 0)
        FROM jurisdictions t
        LEFT JOIN quotas q ON q.tenant_id = t.tenant_id AND q.jurisdiction_id = t.id AND q.campaign_id = (SELECT id FROM c)
        LEFT JOIN sums s ON s.township_id = t.id
        WHERE t.level = 'township' AND EXISTS (SELECT 1 FROM c)
        UNION ALL
        SELECT 1, '', 0, (SELECT q.target FROM quotas q JOIN jurisdictions j ON j.tenant_id = q.tenant_id AND j.id = q.jurisdiction_id
                          WHERE q.campaign_id = c.id AND j.level = 'county'),
               coalesce((SELECT sum(paid) FROM sums), 0)::integer, coalesce((SELECT sum(today) FROM sums), 0)::integer,
               coalesce((SELECT sum(amount) FROM sums), 0)
        FROM c
        ORDER BY 1, 3, 2
        """;

    /// <summary>GET …/progress: as of the request (the rollup is written in every payment's transaction: nothing cached).</summary>
    public async Task<(ApiCaller? Caller, ApiResult<ProgressAnswer> Result)> ProgressAsync(
        byte[] keyHash, string campaign, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        ApiCaller? caller;
        var townships = new List<ProgressLine>();
        ProgressLine? total = null;
        await using (var batch = new NpgsqlBatch(connection))
        {
            ApiConnection.AddAuthentication(batch, keyHash);
            batch.BatchCommands.Add(Command(ReadProgress, campaign, today));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            caller = await ApiConnection.ReadCallerAsync(reader, ct);
            while (caller is not null && await reader.ReadAsync(ct))
            {
                int? quota = reader.IsDBNull(3) ? null : reader.GetInt32(3);
                var line = new ProgressLine(reader.GetString(1), townships.Count + 1, quota, reader.GetInt32(4), null, reader.GetInt32(5), reader.GetDecimal(6));
                if (reader.GetInt32(0) == 0)
                {
                    townships.Add(line with { Rate = Rate(line.Paid, quota) });
                }
                else
                {
                    total = line;
                }
            }
        }
        if (caller is null)
        {
            return (null, ApiProblem.Unauthorized());
        }
        ApiResult<ProgressAnswer> result;
        if (!caller.Has(ApiScopes.ProgressRead))
        {
            result = ApiProblem.Scope(ApiScopes.ProgressRead);
        }
        else if (total is null)
        {
            result = ApiChecks.UnknownCampaign(campaign);
        }
        else
        {
            var quota = total.Quota ?? (townships.Any(t => t.Quota is not null) ? townships.Sum(t => t.Quota ?? 0) : null);
            result = new ProgressAnswer(campaign, now.ToOffset(ChinaStandardTime),
                total with { Name = "", Order = 0, Quota = quota, Rate = Rate(total.Paid, quota) }, townships);
        }
        await ApiConnection.AuditAsync(connection, caller, "progress.read", result.Problem?.Code ?? "ok", now, ct);
        return (caller, result);
    }

    private static decimal? Rate(int paid, int? quota) => quota is > 0 ? Math.Round((decimal)paid / quota.Value, 4, MidpointRounding.AwayFromZero) : null;
}
