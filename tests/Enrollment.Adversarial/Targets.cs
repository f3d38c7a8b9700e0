using Enrollment.Testing.Web;

namespace Enrollment.Adversarial;

/// <summary>A record an address names, with where it lives: its county and, below that, its place in the tree.</summary>
public sealed record Target(string Label, string Value, int TenantId, string? Path, string? Role = null);

/// <summary>
/// Records of every kind the routes take, spread over two counties and, in 滕州, over two townships and two villages
/// of one township — so every actor meets ids of their own subtree, a sibling's and another county's.
/// </summary>
public sealed class Targets
{
    public required List<Target> Residents { get; init; }
    public required List<Target> Users { get; init; }
    public required List<Target> Campaigns { get; init; }
    public required List<Target> Townships { get; init; }

    /// <summary>The villages of the residents above (the lists of people name villages).</summary>
    public required List<Target> Villages { get; init; }

    /// <summary>The households of the residents above, placed in their village.</summary>
    public required List<Target> Households { get; init; }

    public static async Task<Targets> LoadAsync(DemoApp app)
    {
        async Task<Target> Resident(string label, string tenant, string? township, bool lastVillage)
        {
            var id = await app.ScalarAsync<long>($"""
                SELECT r.id FROM residents r JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
                JOIN tenants tn ON tn.id = r.tenant_id
                WHERE tn.code = $1 AND ($2 = '' OR EXISTS (SELECT 1 FROM jurisdictions t WHERE t.tenant_id = v.tenant_id AND t.level = 'township'
                                                       AND t.name = $2 AND v.path LIKE t.path || '%'))
                ORDER BY v.display_order {(lastVillage ? "DESC" : "ASC")}, v.id {(lastVillage ? "DESC" : "ASC")}, r.id LIMIT 1
                """, tenant, township ?? "");
            return await PlacedAsync(app, label, id, "FROM residents r JOIN jurisdictions p ON p.tenant_id = r.tenant_id AND p.id = r.village_id WHERE r.id = $1");
        }

        async Task<Target> User(string login)
        {
            var id = await app.ScalarAsync<long>("SELECT id FROM user_accounts WHERE login = $1", login);
            var placed = await PlacedAsync(app, "user " + login, id,
                "FROM user_accounts r LEFT JOIN jurisdictions p ON p.tenant_id = r.tenant_id AND p.id = r.jurisdiction_id WHERE r.id = $1");
            return placed with { Role = await app.ScalarAsync<string>("SELECT role FROM user_accounts WHERE id = $1", id) };
        }

        async Task<Target> Township(string tenant, string name)
        {
            var id = await app.ScalarAsync<long>("""
                SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = $1 AND j.level = 'township' AND j.name = $2
                """, tenant, name);
            return await PlacedAsync(app, "township " + name, id, "FROM jurisdictions r JOIN jurisdictions p ON p.id = r.id WHERE r.id = $1");
        }

        async Task<Target> VillageOf(Target resident)
        {
            var id = await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", long.Parse(resident.Value, System.Globalization.CultureInfo.InvariantCulture));
            return await PlacedAsync(app, "village of the " + resident.Label, id, "FROM jurisdictions r JOIN jurisdictions p ON p.id = r.id WHERE r.id = $1");
        }

        async Task<Target> HouseholdOf(Target resident)
        {
            var id = await app.ScalarAsync<long>("SELECT household_id FROM residents WHERE id = $1", long.Parse(resident.Value, System.Globalization.CultureInfo.InvariantCulture));
            return await PlacedAsync(app, "household of the " + resident.Label, id, "FROM households r JOIN jurisdictions p ON p.tenant_id = r.tenant_id AND p.id = r.village_id WHERE r.id = $1");
        }

        async Task<Target> Campaign(string code) =>
            new("campaign " + code, code, await app.ScalarAsync<int>("SELECT tenant_id FROM campaigns WHERE code = $1", code), null);

        var pubeiTownship = await app.ScalarAsync<string>("""
            SELECT j.name FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = 'pubei' AND j.level = 'township' ORDER BY j.display_order LIMIT 1
            """);
        List<Target> residents =
        [
            await Resident("resident of 鲍沟镇's first village", "tengzhou", "鲍沟镇", lastVillage: false),
            await Resident("resident of 鲍沟镇's last village", "tengzhou", "鲍沟镇", lastVillage: true),
            await Resident("resident of 滨湖镇", "tengzhou", "滨湖镇", lastVillage: false),
            await Resident("resident of 浦北", "pubei", null, lastVillage: false),
        ];
        List<Target> villages = [];
        List<Target> households = [];
        foreach (var resident in residents)
        {
            villages.Add(await VillageOf(resident));
            households.Add(await HouseholdOf(resident));
        }
        return new Targets
        {
            Residents = [.. residents, new Target("a resident id that does not exist", "999999999", 0, null)],
            Villages = [.. villages, new Target("a village id that does not exist", "999999999", 0, null)],
            Households = [.. households, new Target("a household id that does not exist", "999999999", 0, null)],
            Users = [await User("tz-baogou"), await User("tz-binhu"), await User("tz-admin"), await User("pb-admin"), await User("admin")],
            Campaigns = [await Campaign("tengzhou-2025"), await Campaign("pubei-2020"), new Target("a campaign code that does not exist", "no-such-campaign", 0, null)],
            Townships = [await Township("tengzhou", "鲍沟镇"), await Township("tengzhou", "滨湖镇"), await Township("pubei", pubeiTownship)],
        };
    }

    /// <summary>The record's county (0 for none) and jurisdiction path, from a FROM clause naming it r and its place p.</summary>
    private static async Task<Target> PlacedAsync(DemoApp app, string label, long id, string from) => new(
        label, id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        await app.ScalarAsync<int>("SELECT coalesce(r.tenant_id, 0) " + from, id),
        await app.ScalarAsync<string?>("SELECT p.path " + from, id));
}
