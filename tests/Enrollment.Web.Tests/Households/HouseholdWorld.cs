using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Registration;

namespace Enrollment.Web.Tests.Households;

/// <summary>Households and members of the demo data for the household tests, found by SQL.</summary>
internal static class HouseholdWorld
{
    /// <summary>
    /// The n-th household (by id) of a 滕州 township whose members are all active and at least <paramref name="members"/>
    /// many, with one head who says 本人: tests of one class take different n so they never share a household.
    /// </summary>
    public static Task<long> HouseholdAsync(this DemoApp app, string township, int members, int n, bool lastVillage = false) =>
        app.ScalarAsync<long>($"""
            SELECT h.id FROM households h
            JOIN jurisdictions v ON v.tenant_id = h.tenant_id AND v.id = h.village_id
            JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%' AND t.level = 'township' AND t.name = $1
            JOIN tenants tn ON tn.id = h.tenant_id AND tn.code = 'tengzhou'
            WHERE (SELECT count(*) FROM residents r WHERE r.tenant_id = h.tenant_id AND r.household_id = h.id) >= $2
              AND NOT EXISTS (SELECT 1 FROM residents r WHERE r.tenant_id = h.tenant_id AND r.household_id = h.id AND r.status <> 'active')
              AND EXISTS (SELECT 1 FROM residents r WHERE r.tenant_id = h.tenant_id AND r.id = h.head_resident_id AND r.relation_to_head = 'self')
            ORDER BY v.display_order {(lastVillage ? "DESC" : "ASC")}, h.id OFFSET $3 LIMIT 1
            """, township, members, n);

    private static int seed = 40_000;

    /// <summary>
    /// A household of its own for one test, registered through the registration form as <paramref name="login"/>: a
    /// new household with its head, then members joining it as children. Returns the household and its members, head first.
    /// <paramref name="adults"/>: everyone born 1975–1994, so nobody's age earns a subsidy.
    /// </summary>
    public static async Task<(long Household, long[] Members)> NewHouseholdAsync(this DemoApp app, string login, long villageId, int members, bool adults = false)
    {
        await using var session = await app.SessionAsync(login);
        var commands = session.Get<RegistrationCommands>();
        var ids = new List<long>();
        long household = 0;
        for (var i = 0; i < members; i++)
        {
            var form = new RegisterForm
            {
                CitizenId = await app.FreshIdAsync(Interlocked.Increment(ref seed), adults ? new DateOnly(1975, 1, 1) : null, adults ? 20 : 60), Name = i == 0 ? "户主测试" : "成员测试", VillageId = villageId,
                HouseholdId = household, Address = i == 0 ? "户测试地址1号" : null, Relation = i == 0 ? null : RelationToHead.Child, HukouType = "local",
            };
            var result = await commands.RegisterAsync(form);
            result.Saved.ShouldBeTrue(string.Join("；", result.Errors.Values));
            ids.Add(result.ResidentId!.Value);
            household = i == 0 ? await app.HouseholdOfAsync(ids[0]) : household;
        }
        return (household, [.. ids]);
    }

    public static Task<long> HeadOfAsync(this DemoApp app, long householdId) =>
        app.ScalarAsync<long>("SELECT head_resident_id FROM households WHERE id = $1", householdId);

    /// <summary>The members other than the head, by id.</summary>
    public static async Task<List<long>> OthersOfAsync(this DemoApp app, long householdId)
    {
        var ids = await app.ScalarAsync<long[]>(
            "SELECT array_agg(r.id ORDER BY r.id) FROM residents r JOIN households h ON h.tenant_id = r.tenant_id AND h.id = r.household_id WHERE h.id = $1 AND r.id <> h.head_resident_id",
            householdId);
        return [.. ids ?? []];
    }

    public static Task<string> RelationOfAsync(this DemoApp app, long residentId) =>
        app.ScalarAsync<string>("SELECT relation_to_head FROM residents WHERE id = $1", residentId);

    public static Task<long> HouseholdOfAsync(this DemoApp app, long residentId) =>
        app.ScalarAsync<long>("SELECT household_id FROM residents WHERE id = $1", residentId);

    public static Task<long> SelvesAsync(this DemoApp app, long householdId) =>
        app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE household_id = $1 AND relation_to_head = 'self'", householdId);

    public static Task<long> HouseholdExistsAsync(this DemoApp app, long householdId) =>
        app.ScalarAsync<long>("SELECT count(*) FROM households WHERE id = $1", householdId);
}
