using System.Net;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Registration;

/// <summary>登记参保人员 on the demo data: the ID check as typed, saving, and the duplicate rule's one exception.</summary>
public sealed class RegistrationTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task A_township_clerk_registers_a_new_resident_and_lands_on_their_page()
    {
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var id = await clerk.FreshIdAsync(1);
        var village = await RegistrationClient.VillageOfAsync(app, "鲍沟镇");

        var response = await clerk.RegisterAsync(id, "王登记", village);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var residentId = await app.ScalarAsync<long>("SELECT id FROM residents WHERE citizen_id = $1", id);
        response.Headers.Location!.AbsolutePath().ShouldBe($"/residents/{residentId}");
        var page = RegistrationClient.Parse(await clerk.Http.GetStringAsync($"/residents/{residentId}"));
        page.QuerySelector("[data-testid=resident-name]")!.TextContent.ShouldBe("王登记");
        (await app.ScalarAsync<DateOnly>("SELECT birth_date FROM residents WHERE id = $1", residentId))
            .ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(id.Substring(6, 8));
        // A new household, headed by the resident; both audited with who did it.
        (await app.ScalarAsync<long>("""
            SELECT count(*) FROM households h JOIN residents r ON r.tenant_id = h.tenant_id AND r.household_id = h.id
            WHERE r.id = $1 AND h.head_resident_id = r.id AND r.relation_to_head = 'self' AND h.address = '测试地址1号'
            """, residentId)).ShouldBe(1);
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'tz-baogou' AND entity = 'residents' AND action = 'insert' AND (entity_key->>'id')::bigint = $1",
            residentId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_valid_unregistered_number_shows_the_birth_date_and_sex_it_holds()
    {
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var id = await clerk.FreshIdAsync(2);

        var html = RegistrationClient.Parse(await clerk.CheckIdAsync(id));

        var derived = html.QuerySelector("[data-testid=id-derived]")!.TextContent;
        derived.ShouldContain($"出生日期 {id.Substring(6, 4)}-{id.Substring(10, 2)}-{id.Substring(12, 2)}");
        derived.ShouldContain((id[16] - '0') % 2 == 1 ? "性别 男" : "性别 女");
    }

    [Theory]
    [InlineData("12345", "身份证号码应为18位（或15位旧号码），实际为5位")]
    [InlineData("37048119900101001A", "身份证号码第18位“A”不是数字")]
    [InlineData("370481199002300010", "身份证号码中的出生日期 1990-02-30 不存在")]
    [InlineData("３70481199001010010", "身份证号码第1位是全角数字")]
    public async Task An_invalid_number_is_explained_in_Chinese_as_typed(string typed, string message)
    {
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");

        var html = RegistrationClient.Parse(await clerk.CheckIdAsync(typed));

        html.QuerySelector("[data-testid=id-error]")!.TextContent.ShouldContain(message);
    }

    [Fact]
    public async Task A_wrong_check_character_and_a_birth_after_today_are_errors()
    {
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var valid = await clerk.FreshIdAsync(3);
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');
        RegistrationClient.Parse(await clerk.CheckIdAsync(wrong)).QuerySelector("[data-testid=id-error]")!.TextContent
            .ShouldContain($"身份证号码校验码错误：按前17位应为“{valid[17]}”");

        // The demo's business date is 2024-11-20.
        var future = "37048120250101001";
        future += Enrollment.Domain.Residents.CitizenId.ComputeCheckCharacter(future);
        RegistrationClient.Parse(await clerk.CheckIdAsync(future)).QuerySelector("[data-testid=id-error]")!.TextContent
            .ShouldBe("出生日期 2025-01-01 晚于今天 2024-11-20");
        var village = await RegistrationClient.VillageOfAsync(app, "鲍沟镇");
        var refused = await clerk.RegisterAsync(future, "未出生", village);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("晚于今天");
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", future)).ShouldBe(0);
    }

    [Fact]
    public async Task A_number_already_in_the_clerks_township_links_to_that_resident()
    {
        var residentId = await RegistrationClient.NthResidentOfAsync(app, "鲍沟镇", 3);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");

        var html = RegistrationClient.Parse(await clerk.CheckIdAsync(id));

        html.QuerySelector("[data-testid=existing-resident]")!.GetAttribute("href").ShouldBe($"/residents/{residentId}");
    }

    [Fact]
    public async Task A_number_registered_in_another_township_tells_only_that_townships_name()
    {
        var residentId = await RegistrationClient.NthResidentOfAsync(app, "滨湖镇", 5);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        var village = await app.ScalarAsync<string>("SELECT v.name FROM residents r JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id WHERE r.id = $1", residentId);
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");

        var fragment = await clerk.CheckIdAsync(id);

        RegistrationClient.Parse(fragment).QuerySelector("[data-testid=id-duplicate]")!.TextContent.ShouldContain("该身份证号码已在本县滨湖镇登记");
        fragment.ShouldNotContain(name);
        fragment.ShouldNotContain(village);
        fragment.ShouldNotContain($"/residents/{residentId}");
        RegistrationClient.Parse(fragment).QuerySelector("[data-testid=request-transfer]")!.TextContent.ShouldBe("申请转入");

        // Saving it anyway is refused with the same words.
        var refused = await clerk.RegisterAsync(id, "重复登记", await RegistrationClient.VillageOfAsync(app, "鲍沟镇"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("该身份证号码已在本县滨湖镇登记");
        page.ShouldNotContain(name);
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_village_collector_is_told_only_that_another_village_of_the_township_holds_it()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇", lastVillage: true);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        var collector = await RegistrationClient.SignInAsync(app, "tz-baogou-cun");

        var fragment = await collector.CheckIdAsync(id);

        fragment.ShouldContain("该身份证号码已在本镇其他村（社区）登记");
        fragment.ShouldNotContain(name);
    }

    [Fact]
    public async Task A_number_registered_by_another_county_is_refused_and_nothing_else_is_told()
    {
        var pubei = await RegistrationClient.SignInAsync(app, "pb-admin");
        var id = await pubei.FreshIdAsync(4);
        var pubeiVillage = await app.ScalarAsync<long>("""
            SELECT v.id FROM jurisdictions v JOIN tenants t ON t.id = v.tenant_id
            WHERE t.code = 'pubei' AND v.level = 'village' ORDER BY v.display_order, v.id LIMIT 1
            """);
        (await pubei.RegisterAsync(id, "浦北人", pubeiVillage)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var fragment = await clerk.CheckIdAsync(id);

        RegistrationClient.Parse(fragment).QuerySelector("[data-testid=id-duplicate]")!.TextContent.Trim()
            .ShouldBe("该身份证号码已在其他县（市）参保登记，不得重复参保");
        fragment.ShouldNotContain("浦北");
        fragment.ShouldNotContain("申请转入");
        var refused = await clerk.RegisterAsync(id, "再登记", await RegistrationClient.VillageOfAsync(app, "鲍沟镇"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_village_outside_the_users_subtree_is_refused()
    {
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var id = await clerk.FreshIdAsync(5);

        var refused = await clerk.RegisterAsync(id, "越界", await RegistrationClient.VillageOfAsync(app, "滨湖镇"));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("请选择本辖区内的村（社区）。");
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id)).ShouldBe(0);
    }

    [Fact]
    public async Task The_village_list_holds_only_the_users_subtree_in_official_order()
    {
        var clerk = await RegistrationClient.SignInAsync(app, "tz-baogou");
        var page = RegistrationClient.Parse(await clerk.Http.GetStringAsync("/residents/register"));

        var groups = page.QuerySelectorAll("#village optgroup").Select(g => g.GetAttribute("label")).ToList();
        groups.ShouldBe(["鲍沟镇"]);
        var first = page.QuerySelector("#village optgroup option")!.GetAttribute("value");
        first.ShouldBe((await RegistrationClient.VillageOfAsync(app, "鲍沟镇")).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var staff = await RegistrationClient.SignInAsync(app, "tz-staff");
        var county = RegistrationClient.Parse(await staff.Http.GetStringAsync("/residents/register"));
        var townships = county.QuerySelectorAll("#village optgroup").Select(g => g.GetAttribute("label")).ToList();
        townships[0].ShouldBe("鲍沟镇");
        townships[1].ShouldBe("滨湖镇");
    }

    [Fact]
    public async Task The_registration_page_is_404_for_roles_without_residents()
    {
        var finance = app.NewClient();
        await DemoApp.SignInAsync(finance, "tz-finance");
        (await finance.GetAsync("/residents/register")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
