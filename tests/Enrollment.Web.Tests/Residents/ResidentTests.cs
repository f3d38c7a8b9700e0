using System.Net;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Residents;

namespace Enrollment.Web.Tests.Residents;

/// <summary>
/// The resident page's reads as each demo user: the number masked and the birth date left out, the audited reveal of
/// both, and a resident outside the scope (another township, another county, or none at all) not found alike.
/// </summary>
public sealed class ResidentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private Task<string> NumberOfAsync(long residentId) => app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);

    private Task<long> ViewsAsync(long residentId) =>
        app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'view' AND entity = 'residents' AND (entity_key->>'id')::bigint = $1", residentId);

    [Fact]
    public async Task The_detail_shows_the_number_masked_and_no_birth_date()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var number = await NumberOfAsync(residentId);
        var views = await ViewsAsync(residentId);
        await using var session = await app.SessionAsync("tz-baogou");

        var detail = (await session.Get<ResidentQueries>().DetailAsync(residentId)).ShouldNotBeNull();

        detail.MaskedCitizenId.ShouldBe(number[..6] + "********" + number[14..]);
        detail.Name.ShouldBe(await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId));
        detail.Jurisdictions.ShouldContain("鲍沟镇");
        // Nothing the page is given spells the eight hidden digits.
        detail.ToString().ShouldNotContain(number.Substring(6, 8));
        detail.ToString().ShouldNotContain($"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}");
        // Reading the page is not a view of the full number.
        (await ViewsAsync(residentId)).ShouldBe(views);
    }

    [Fact]
    public async Task A_village_collector_sees_the_townships_name_above_their_village()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        await using var session = await app.SessionAsync("tz-baogou-cun");

        var detail = (await session.Get<ResidentQueries>().DetailAsync(residentId)).ShouldNotBeNull();

        detail.Jurisdictions[0].ShouldBe("鲍沟镇");
        detail.Jurisdictions.ShouldNotContain("?");
    }

    [Fact]
    public async Task Revealing_a_full_ID_number_is_logged_with_who_saw_it()
    {
        var residentId = await app.NthResidentOfAsync("鲍沟镇", 2);
        var number = await NumberOfAsync(residentId);
        var userId = await app.ScalarAsync<long>("SELECT id FROM user_accounts WHERE login = 'tz-baogou'");
        const string byTheClerk =
            "SELECT count(*) FROM audit_log WHERE action = 'view' AND actor = 'tz-baogou' AND actor_user_id = $2 AND entity = 'residents' AND (entity_key->>'id')::bigint = $1 AND after->>'viewed' = 'citizen_id'";
        var before = await app.ScalarAsync<long>(byTheClerk, residentId, userId);
        await using var session = await app.SessionAsync("tz-baogou");

        var revealed = (await session.Get<ResidentQueries>().RevealAsync(residentId)).ShouldNotBeNull();

        revealed.CitizenId.ShouldBe(number);
        revealed.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(number.Substring(6, 8));
        (await app.ScalarAsync<long>(byTheClerk, residentId, userId)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_resident_outside_the_scope_is_not_found_like_a_missing_one_and_no_view_is_logged()
    {
        var binhu = await app.NthResidentOfAsync("滨湖镇", 1);
        var otherVillage = await app.ResidentOfAsync("鲍沟镇", lastVillage: true);
        var pubei = await app.ScalarAsync<long>("SELECT r.id FROM residents r JOIN tenants t ON t.id = r.tenant_id WHERE t.code = 'pubei' ORDER BY r.id LIMIT 1");
        var views = (await ViewsAsync(binhu), await ViewsAsync(otherVillage), await ViewsAsync(pubei));

        foreach (var (login, id) in new[] { ("tz-baogou", binhu), ("tz-baogou", 999_999_999L), ("tz-baogou-cun", otherVillage), ("tz-admin", pubei), ("pb-admin", binhu) })
        {
            await using var session = await app.SessionAsync(login);
            var queries = session.Get<ResidentQueries>();
            (await queries.DetailAsync(id)).ShouldBeNull($"{login} reads {id}");
            (await queries.RevealAsync(id)).ShouldBeNull($"{login} reveals {id}");
        }
        (await ViewsAsync(binhu), await ViewsAsync(otherVillage), await ViewsAsync(pubei)).ShouldBe(views);
    }

    [Theory]
    [InlineData("tz-finance")]
    [InlineData("admin")]
    public async Task Roles_that_may_not_read_residents_are_refused(string login)
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇");
        var views = await ViewsAsync(residentId);
        await using var session = await app.SessionAsync(login);
        var queries = session.Get<ResidentQueries>();

        await Should.ThrowAsync<OperationRefusedException>(() => queries.DetailAsync(residentId));
        await Should.ThrowAsync<OperationRefusedException>(() => queries.RevealAsync(residentId));
        (await ViewsAsync(residentId)).ShouldBe(views);
    }

    [Fact]
    public async Task The_prerendered_page_is_found_in_scope_masked_and_404_outside_it()
    {
        var own = await app.NthResidentOfAsync("鲍沟镇", 4);
        var number = await NumberOfAsync(own);
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        var page = await client.GetAsync($"/residents/{own}");
        var html = await page.Content.ReadAsStringAsync();

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain(number[..6] + "********" + number[14..]);
        html.ShouldNotContain(number);
        html.ShouldNotContain(number.Substring(6, 8));
        html.ShouldNotContain($"{number.Substring(6, 4)}-{number.Substring(10, 2)}-{number.Substring(12, 2)}");
        foreach (var id in new[] { await app.NthResidentOfAsync("滨湖镇", 4), 999_999_999L })
        {
            var missing = await client.GetAsync($"/residents/{id}");
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await missing.Content.ReadAsStringAsync()).ShouldContain("页面不存在");
        }
        var finance = app.NewClient();
        await DemoApp.SignInAsync(finance, "tz-finance");
        (await finance.GetAsync($"/residents/{own}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
