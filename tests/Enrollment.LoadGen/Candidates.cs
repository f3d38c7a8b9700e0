using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Enrollment.LoadGen;

/// <summary>An unpaid resident and what they owe on the payment date (asked of the dues endpoint, as a channel would).</summary>
internal sealed record Candidate(string IdNumber, string Name, decimal Due);

/// <summary>Picks unpaid residents of the campaign from the database, then asks the API what each owes.</summary>
internal static class Candidates
{
    private const string Unpaid = """
        SELECT r.citizen_id, r.name
        FROM enrollments e
        JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
        JOIN tenants t ON t.id = e.tenant_id
        JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
        WHERE t.code = $1 AND c.code = $2 AND e.status = 'registered'
          AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id)
        ORDER BY hashint8(e.id + $3)
        LIMIT $4
        """;

    public static async Task<List<Candidate>> PrepareAsync(LoadOptions options, HttpClient http, CancellationToken ct)
    {
        var picked = new List<(string Id, string Name)>();
        await using (var db = new NpgsqlConnection(options.Database))
        {
            await db.OpenAsync(ct);
            await using var command = new NpgsqlCommand(Unpaid, db)
            {
                Parameters =
                {
                    new() { Value = options.Tenant }, new() { Value = options.Campaign }, new() { Value = (long)options.Seed },
                    new() { Value = options.ResidentsToPrepare },
                },
                CommandTimeout = 300,
            };
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                picked.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var ready = new ConcurrentBag<Candidate>();
        var standings = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var paidOn = options.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(picked, new ParallelOptions { MaxDegreeOfParallelism = options.Clients, CancellationToken = ct }, async (p, token) =>
        {
            var uri = new Uri(options.BaseUrl, $"/api/v1/campaigns/{Uri.EscapeDataString(options.Campaign)}/dues/{p.Id}?paid_on={paidOn}");
            for (var attempt = 1; ; attempt++)
            {
                using var response = await http.GetAsync(uri, token);
                var text = await response.Content.ReadAsStringAsync(token);
                if ((int)response.StatusCode is 503 or 429 && attempt < 20)
                {
                    await Task.Delay(500, token);
                    continue;
                }
                using var json = JsonDocument.Parse(text);
                var standing = response.IsSuccessStatusCode ? json.RootElement.GetProperty("status").GetString()! : $"{(int)response.StatusCode} {json.RootElement.GetProperty("code").GetString()}";
                standings.AddOrUpdate(standing, 1, (_, n) => n + 1);
                if (standing == "unpaid")
                {
                    ready.Add(new Candidate(p.Id, p.Name, decimal.Parse(json.RootElement.GetProperty("payable").GetString()!, CultureInfo.InvariantCulture)));
                }
                return;
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prepared {ready.Count:N0} unpaid residents of {picked.Count:N0} picked in {clock.Elapsed.TotalSeconds:F1} s ({picked.Count / clock.Elapsed.TotalSeconds:F0} dues/s): {string.Join(", ", standings.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}"));
        // The bag's order is scrambled already; shuffle anyway so the run does not follow the dues' finishing order.
        var list = ready.ToList();
        new Random(options.Seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
