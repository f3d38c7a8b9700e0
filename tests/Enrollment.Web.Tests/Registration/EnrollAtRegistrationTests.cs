using Enrollment.Domain.Residents;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Registration;

namespace Enrollment.Web.Tests.Registration;

/// <summary>
/// Registering enrols at once: the resident gets their enrollment in the open campaign (tengzhou-2025 in the demo)
/// with its quote for the business date, in the registration's transaction, whoever registers them.
/// </summary>
public sealed class EnrollAtRegistrationTests(DemoApp app) : IClassFixture<DemoApp>
{
    /// <summary>An unused number of someone born on <paramref name="birth"/> (yyyyMMdd) in 滕州.</summary>
    private async Task<string> UnusedIdAsync(string birth)
    {
        for (var sequence = 101; ; sequence += 2)
        {
            var first17 = $"370481{birth}{sequence:D3}";
            var id = first17 + CitizenId.ComputeCheckCharacter(first17);
            if (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id) == 0)
            {
                return id;
            }
        }
    }

    private async Task<long> RegisterAsAsync(string login, string citizenId, string name, long village)
    {
        await using var session = await app.SessionAsync(login);
        var result = await session.Get<RegistrationCommands>().RegisterAsync(RegistrationTests.Form(citizenId, name, village));
        result.Saved.ShouldBeTrue(string.Join("；", result.Errors.Values));
        return result.ResidentId!.Value;
    }

    private Task<string> EnrollmentAsync(long residentId) => app.ScalarAsync<string>("""
        SELECT e.status || '|' || e.history || '|' || e.gap_years || '|' || e.quote_payable || '|' || e.quote_subsidy || '|'
               || e.quote_coverage_start || '|' || e.quote_late || '|' || (e.quote_policy_version = (
                   SELECT max(v.version) FROM campaign_policy_versions v WHERE v.tenant_id = c.tenant_id AND v.campaign_id = c.id))
        FROM enrollments e JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
        WHERE e.resident_id = $1 AND c.code = 'tengzhou-2025'
        """, residentId);

    [Fact]
    public async Task A_clerk_registers_an_adult_and_the_open_campaign_charges_the_full_contribution_at_once()
    {
        var residentId = await RegisterAsAsync("tz-baogou", await UnusedIdAsync("19850615"), "即时参保", await app.VillageOfAsync("鲍沟镇"));

        // First time in 2025, registered on 2024-11-20 inside the collection window: 400.00 due, covered from 1 January.
        (await EnrollmentAsync(residentId)).ShouldBe("registered|first_time|0|400.00|0.00|2025-01-01|false|true");
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM enrollments e JOIN user_accounts u ON u.id = e.registered_by_user_id
            WHERE e.resident_id = $1 AND u.login = 'tz-baogou'
            """, residentId)).ShouldBe(1);
        // The raw insert has its own audit row, and the quote its re-quote summary.
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM audit_log WHERE actor = 'tz-baogou' AND entity = 'enrollments' AND action = 'insert'
              AND entity_key->>'registration' = 'true' AND (after->>'first_time')::int = 1
              AND occurred_at >= (SELECT created_at FROM residents WHERE id = $1)
            """, residentId)).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_village_collector_gets_the_same_quote_as_the_township_clerk_for_the_same_person()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var byClerk = await RegisterAsAsync("tz-baogou", await UnusedIdAsync("19500301"), "镇办登记", village);
        var byCollector = await RegisterAsAsync("tz-baogou-cun", await UnusedIdAsync("19500301"), "村级登记", village);

        // The collector's own scope holds no township, yet the quote knows the township the person lives in: the
        // county and township shares come out as for the clerk.
        const string Quote = """
            SELECT e.quote_payable || '|' || e.quote_subsidy || '|' || coalesce(e.quote_basis, '-') || '|' || e.quote_county_share
                   || '|' || e.quote_township_share || '|' || e.quote_coverage_start
            FROM enrollments e JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            WHERE e.resident_id = $1 AND c.code = 'tengzhou-2025'
            """;
        var clerkQuote = await app.ScalarAsync<string>(Quote, byClerk);
        clerkQuote.ShouldNotBeNull();
        (await app.ScalarAsync<string>(Quote, byCollector)).ShouldBe(clerkQuote);
        (await EnrollmentAsync(byCollector)).ShouldStartWith("registered|first_time|0|");
    }
}
