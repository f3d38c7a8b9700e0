using Enrollment.Domain.Residents;

namespace Enrollment.Testing.Web;

/// <summary>Places, people and fresh numbers of the demo data, found by SQL for tests to act on.</summary>
public static class DemoData
{
    /// <summary>
    /// A valid 滕州 (370481) number registered nowhere yet, the same for the same seed; born 1950–2009, or in the
    /// <paramref name="years"/> from <paramref name="bornFrom"/> (an adult who pays the full contribution, say).
    /// </summary>
    public static async Task<string> FreshIdAsync(this DemoApp app, int seed, DateOnly? bornFrom = null, int years = 60)
    {
        var random = new Random(seed);
        while (true)
        {
            var birth = (bornFrom ?? new DateOnly(1950, 1, 1)).AddDays(random.Next(0, 365 * years));
            var first17 = $"370481{birth:yyyyMMdd}{random.Next(0, 1000):D3}";
            var id = first17 + CitizenId.ComputeCheckCharacter(first17);
            if (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id) == 0)
            {
                return id;
            }
        }
    }

    /// <summary>The first (or last) village of a 滕州 township in official order.</summary>
    public static Task<long> VillageOfAsync(this DemoApp app, string township, bool last = false) =>
        app.ScalarAsync<long>($"""
            SELECT v.id FROM jurisdictions v
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants tn ON tn.id = t.tenant_id
            WHERE tn.code = 'tengzhou' AND t.level = 'township' AND t.name = $1 AND v.level = 'village'
            ORDER BY v.display_order {(last ? "DESC" : "ASC")}, v.id {(last ? "DESC" : "ASC")} LIMIT 1
            """, township);

    /// <summary>The n-th resident (by id) of a 滕州 township, so tests in one class never share one.</summary>
    public static Task<long> NthResidentOfAsync(this DemoApp app, string township, int n) =>
        app.ScalarAsync<long>("""
            SELECT r.id FROM residents r
            JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants tn ON tn.id = t.tenant_id
            WHERE tn.code = 'tengzhou' AND t.level = 'township' AND t.name = $1
            ORDER BY r.id OFFSET $2 LIMIT 1
            """, township, n);
}
