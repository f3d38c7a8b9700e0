using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Enrollment.LoadGen;

internal sealed record Check(string Name, bool Passed, string Detail);

/// <summary>
/// After the run, in the database (as the schema owner, past row-level security): every accepted request is stored
/// once with the payment id it was answered with, nothing else of the run is stored, no enrollment was paid twice,
/// and the rolled-up progress equals a recount from the enrollments and their payments.
/// </summary>
internal static class DatabaseChecks
{
    private const string RunPayments = """
        SELECT p.channel_code, p.reference, r.citizen_id, p.id, p.amount, p.state, p.enrollment_id
        FROM payments p
        JOIN residents r ON r.tenant_id = p.tenant_id AND r.id = p.resident_id
        WHERE p.tenant_id = (SELECT id FROM tenants WHERE code = $1) AND p.reference LIKE $2
        """;

    private const string PaidTwice = """
        SELECT count(*) FROM (SELECT p.enrollment_id FROM payments p
                              WHERE p.tenant_id = (SELECT id FROM tenants WHERE code = $1) AND p.enrollment_id = ANY($2)
                                AND p.state <> 'reversed'
                              GROUP BY 1 HAVING count(*) > 1) x
        """;

    // Per campaign, township, village and payment day: the deltas' sums against a recount of the paid enrollments.
    private const string Rollup = """
        WITH t AS (SELECT id FROM tenants WHERE code = $1),
        deltas AS (
            SELECT campaign_id, township_id, village_id, paid_on, sum(paid) AS paid, sum(amount) AS amount
            FROM progress_deltas WHERE tenant_id = (SELECT id FROM t)
            GROUP BY 1, 2, 3, 4 HAVING sum(paid) <> 0 OR sum(amount) <> 0),
        recount AS (
            SELECT e.campaign_id, NULLIF(split_part(v.path, '/', 3), '')::bigint AS township_id, r.village_id, e.paid_on,
                   count(*) AS paid, sum(e.paid_amount) AS amount
            FROM enrollments e
            JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
            JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
            WHERE e.tenant_id = (SELECT id FROM t) AND enrollment_is_paid(e.status)
            GROUP BY 1, 2, 3, 4)
        SELECT count(*) FILTER (WHERE d.paid IS DISTINCT FROM c.paid OR d.amount IS DISTINCT FROM c.amount),
               coalesce(sum(d.paid), 0), coalesce(sum(c.paid), 0)
        FROM deltas d FULL JOIN recount c USING (campaign_id, township_id, village_id, paid_on)
        """;

    // The enrollment's stored paid state against its payments: paid exactly when a confirmed payment counts, for its amount.
    private const string StateAgainstPayments = """
        SELECT count(*) FILTER (WHERE enrollment_is_paid(e.status) IS DISTINCT FROM (p.id IS NOT NULL)
                                   OR (p.id IS NOT NULL AND (e.paid_amount IS DISTINCT FROM p.amount OR e.paid_on IS DISTINCT FROM p.paid_on))),
               count(*) FILTER (WHERE enrollment_is_paid(e.status))
        FROM enrollments e
        JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
        LEFT JOIN payments p ON p.tenant_id = e.tenant_id AND p.enrollment_id = e.id AND p.state = 'confirmed'
        WHERE e.tenant_id = (SELECT id FROM tenants WHERE code = $1) AND c.code = $2
        """;

    public static async Task<List<Check>> RunAsync(LoadOptions options, LoadRun run, HttpClient http, CancellationToken ct)
    {
        // The pool's connections may predate a database restart (a fault): start from new ones, and wait for it to be up.
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CheckAsync(options, run, http, ct);
            }
            catch (NpgsqlException e) when (attempt < 10 && (e.IsTransient || e is PostgresException { SqlState: "57P01" or "57P03" }))
            {
                Console.WriteLine($"checks: database not ready ({e.Message}); again in 3 s");
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(3000, ct);
            }
        }
    }

    private static async Task<List<Check>> CheckAsync(LoadOptions options, LoadRun run, HttpClient http, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(options.Database);
        await db.OpenAsync(ct);
        var stored = new Dictionary<(string, string, string), (long Id, decimal Amount, string State, long Enrollment)>();
        var rows = 0;
        await using (var reader = await Command(db, RunPayments, options.Tenant, options.RunId + "-%").ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows++;
                stored[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] =
                    (reader.GetInt64(3), reader.GetDecimal(4), reader.GetString(5), reader.GetInt64(6));
            }
        }

        var checks = new List<Check>();
        var accepted = run.AcceptedRequests.GroupBy(a => a.Payment.Key).ToDictionary(g => g.Key, g => g.First());
        var lost = accepted.Values.Where(a => !stored.TryGetValue(a.Payment.Key, out var s) || s.Id != a.PaymentId
            || s.Amount != a.Payment.Amount || s.State != "confirmed").ToList();
        checks.Add(new("lost = 0 (every 2xx stored, with the answered id and amount, confirmed)", lost.Count == 0,
            $"{accepted.Count:N0} accepted, {lost.Count} lost{Examples(lost.Select(l => l.Payment.Reference))}"));

        var paidTwice = (long)(await Command(db, PaidTwice, options.Tenant, stored.Values.Select(s => s.Enrollment).Distinct().ToArray()).ExecuteScalarAsync(ct))!;
        var refundDue = stored.Values.Count(s => s.State == "refund_due");
        var sameKey = rows - stored.Count;
        checks.Add(new("doubled = 0 (one payment per (channel, reference, ID) and per enrollment)", sameKey == 0 && paidTwice == 0 && refundDue == 0,
            $"{rows:N0} payments of this run; {sameKey} under a key already paid; {paidTwice} enrollments with more than one unreversed payment; {refundDue} refund_due"));

        var sentKeys = run.Sent.Select(s => s.Payment.Key).ToHashSet();
        var answeredWithError = run.Sent.Where(s => s.Kind != Kind.Conflict && s.Outcomes.All(o => !o.Success && !o.GaveUp))
            .Where(s => stored.ContainsKey(s.Payment.Key)).ToList();
        var stray = stored.Keys.Where(k => !sentKeys.Contains(k)).ToList();
        checks.Add(new("nothing stored on an error answer, nothing stored that was not sent", answeredWithError.Count == 0 && stray.Count == 0,
            $"{answeredWithError.Count} stored despite an error answer{Examples(answeredWithError.Select(s => s.Payment.Reference))}; {stray.Count} unknown"));

        var unanswered = run.Sent.Where(s => s.Outcomes.All(o => o.GaveUp)).ToList();
        var unansweredStored = unanswered.Count(s => stored.ContainsKey(s.Payment.Key));
        checks.Add(new("every request answered (none given up after the retry time)", unanswered.Count == 0,
            $"{unanswered.Count} without an answer, of which {unansweredStored} stored"));

        await using (var reader = await Command(db, Rollup, options.Tenant).ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            var (groups, deltas, recount) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            checks.Add(new("rolled-up progress = recount (per campaign, township, village, payment day)", groups == 0,
                $"{groups} groups differ; paid in deltas {deltas:N0}, recounted {recount:N0} (all campaigns)"));
        }
        long paidInCampaign;
        await using (var reader = await Command(db, StateAgainstPayments, options.Tenant, options.Campaign).ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            paidInCampaign = reader.GetInt64(1);
            checks.Add(new("enrollments' paid state = their confirmed payments", reader.GetInt64(0) == 0,
                $"{reader.GetInt64(0)} enrollments disagree; {paidInCampaign:N0} paid in {options.Campaign}"));
        }
        checks.Add(await ProgressApiAsync(options, http, paidInCampaign, ct));
        return checks;
    }

    /// <summary>The progress API (rolled up) against the recount, when the key may read progress.</summary>
    private static async Task<Check> ProgressApiAsync(LoadOptions options, HttpClient http, long recount, CancellationToken ct)
    {
        const string name = "progress API total = recount";
        using var response = await http.GetAsync(new Uri(options.BaseUrl, $"/api/v1/campaigns/{Uri.EscapeDataString(options.Campaign)}/progress"), ct);
        if ((int)response.StatusCode == 403)
        {
            return new(name, true, "skipped: the key lacks progress:read");
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        if (!response.IsSuccessStatusCode)
        {
            return new(name, false, $"{(int)response.StatusCode} {json.RootElement}");
        }
        var paid = json.RootElement.GetProperty("total").GetProperty("paid").GetInt64();
        return new(name, paid == recount, string.Create(CultureInfo.InvariantCulture, $"API {paid:N0}, recount {recount:N0}"));
    }

    private static NpgsqlCommand Command(NpgsqlConnection db, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static string Examples(IEnumerable<string> references)
    {
        var first = references.Take(5).ToList();
        return first.Count == 0 ? "" : $" (e.g. {string.Join(", ", first)})";
    }
}
