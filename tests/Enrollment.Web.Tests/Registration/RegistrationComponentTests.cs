using Bunit;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Web.Tests.Registration;

/// <summary>The registration page rendered with bUnit on the demo data: what the clerk sees as they type and save.</summary>
public sealed class RegistrationComponentTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task TypeAsync(IRenderedComponent<IComponent> page, string selector, string text)
    {
        // The form appears once its lists are loaded.
        page.WaitForElement(selector, Wait);
        await page.InvokeAsync(() => page.Find(selector).Input(text));
    }

    private static async Task SubmitAsync(IRenderedComponent<IComponent> page)
    {
        page.WaitForElement("form", Wait);
        await page.InvokeAsync(() => page.Find("form").Submit());
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Theory]
    [InlineData("37048119900101001A", "身份证号码第18位“A”不是数字")]
    [InlineData("370481199001010010370481199001010010", "身份证号码应为18位（或15位旧号码），实际为36位")]
    public async Task An_invalid_number_is_explained_once_as_typed_and_again_once_after_saving(string typed, string message)
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = session.RenderInLayout<RegisterResidentPage>();

        await TypeAsync(page, "#citizen-id", typed);

        page.WaitForAssertion(() => page.Find("[data-testid=id-error]").TextContent.ShouldBe(message), Wait);
        Occurrences(page.Markup, message).ShouldBe(1);
        await SubmitAsync(page);
        page.WaitForAssertion(() => page.Markup.ShouldContain("请输入姓名。"), Wait);
        Occurrences(page.Markup, message).ShouldBe(1);
        page.Find("[data-testid=id-error]").TextContent.ShouldBe(message);
    }

    [Fact]
    public async Task A_valid_number_shows_its_birth_date_and_sex_after_a_pause()
    {
        var id = await app.FreshIdAsync(21);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = session.RenderInLayout<RegisterResidentPage>();

        await TypeAsync(page, "#citizen-id", id);

        page.WaitForAssertion(() => page.Find("[data-testid=id-derived]").TextContent
            .ShouldContain($"出生日期 {id.Substring(6, 4)}-{id.Substring(10, 2)}-{id.Substring(12, 2)}"), Wait);
        page.Find("[data-testid=id-derived]").TextContent.ShouldContain((id[16] - '0') % 2 == 1 ? "性别 男" : "性别 女");
    }

    [Fact]
    public async Task A_number_in_the_clerks_township_links_to_that_resident()
    {
        var residentId = await app.NthResidentOfAsync("鲍沟镇", 3);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = session.RenderInLayout<RegisterResidentPage>();

        await TypeAsync(page, "#citizen-id", id);

        page.WaitForAssertion(() => page.Find("[data-testid=existing-resident]").GetAttribute("href").ShouldBe($"/residents/{residentId}"), Wait);
    }

    [Fact]
    public async Task Another_townships_number_is_told_to_a_collector_without_the_township_and_the_reason_typed_is_the_one_requested()
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", 7);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var name = await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", residentId);
        var village = await app.ScalarAsync<string>("SELECT v.name FROM residents r JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id WHERE r.id = $1", residentId);
        // The village collector's one village is chosen for them: the request goes there.
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou-cun");
        var page = session.RenderInLayout<RegisterResidentPage>();

        await TypeAsync(page, "#citizen-id", id);
        page.WaitForAssertion(() => page.Find("[data-testid=id-duplicate]").TextContent.ShouldContain("该身份证号码已在本县其他镇（街道）登记。"), Wait);
        await TypeAsync(page, "#transfer-reason", "已迁入本村居住");
        // The field reports the same number again as it loses focus: nothing beside it is reset.
        await TypeAsync(page, "#citizen-id", id);
        await page.InvokeAsync(() => page.Find("[data-testid=request-transfer]").Click());

        page.WaitForAssertion(() => page.Markup.ShouldContain("已提交转移申请，待原所在镇（街道）或县医保局审批。"), Wait);
        page.Markup.ShouldNotContain("滨湖镇");
        page.Markup.ShouldNotContain(name);
        page.Markup.ShouldNotContain(village);
        page.Markup.ShouldNotContain($"/residents/{residentId}");
        (await app.ScalarAsync<string>("SELECT reason FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId)).ShouldBe("已迁入本村居住");
        (await app.ScalarAsync<long>("SELECT to_village_id FROM transfer_requests WHERE resident_id = $1 AND status = 'pending'", residentId))
            .ShouldBe(await app.VillageOfAsync("鲍沟镇"));
    }

    [Fact]
    public async Task Saving_a_number_another_township_holds_registers_nothing_and_requests_nothing()
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", 8);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou-cun");
        var page = session.RenderInLayout<RegisterResidentPage>();
        await TypeAsync(page, "#citizen-id", id);
        page.WaitForElement("#transfer-reason", Wait);
        await TypeAsync(page, "#transfer-reason", "已迁入");

        // Enter in the reason submits the registration form: it says what to do instead.
        await SubmitAsync(page);

        page.WaitForAssertion(() => page.Markup.ShouldContain("不能再次登记；如该人员已迁入本辖区，请填写转入理由后点击“申请转入”。"), Wait);
        (await app.ScalarAsync<long>("SELECT count(*) FROM transfer_requests WHERE resident_id = $1", residentId)).ShouldBe(0);
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id)).ShouldBe(1);
    }

    [Fact]
    public async Task County_staff_choose_a_village_under_its_township()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-staff");
        var page = session.RenderInLayout<RegisterResidentPage>();
        page.WaitForElement("#village", Wait);

        await page.InvokeAsync(() => page.Find("div.mud-input-control:has(#village)").MouseDown());

        page.WaitForAssertion(() => page.FindAll("[data-testid=village-township]").ShouldNotBeEmpty(), Wait);
        // The select keeps a hidden copy of its items besides the open list: each township counts once.
        var townships = page.FindAll("[data-testid=village-township]").Select(t => t.TextContent.Trim()).Distinct().ToList();
        townships.Count.ShouldBe(21);
        townships[0].ShouldBe("鲍沟镇");
        townships[1].ShouldBe("滨湖镇");
    }

    [Fact]
    public async Task Another_countys_number_says_only_that_it_may_not_be_registered_twice()
    {
        var id = await app.FreshIdAsync(22);
        await using (var pubei = await app.SessionAsync("pb-admin"))
        {
            var village = await app.ScalarAsync<long>("SELECT v.id FROM jurisdictions v JOIN tenants t ON t.id = v.tenant_id WHERE t.code = 'pubei' AND v.level = 'village' ORDER BY v.id LIMIT 1");
            (await pubei.Get<RegistrationCommands>().RegisterAsync(RegistrationTests.Form(id, "浦北人", village))).Saved.ShouldBeTrue();
        }
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = session.RenderInLayout<RegisterResidentPage>();

        await TypeAsync(page, "#citizen-id", id);

        page.WaitForAssertion(() => page.Find("[data-testid=id-duplicate]").TextContent.Trim().ShouldBe("该身份证号码已在其他县（市）参保登记，不得重复参保。"), Wait);
        page.Markup.ShouldNotContain("浦北");
        page.Markup.ShouldNotContain("申请转入");
    }

    [Fact]
    public async Task Saving_an_empty_form_says_what_each_field_needs_and_stores_nothing()
    {
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM residents");
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = session.RenderInLayout<RegisterResidentPage>();

        await SubmitAsync(page);

        page.WaitForAssertion(() => page.Find("[data-testid=id-error]").TextContent.ShouldBe("请输入身份证号码。"), Wait);
        page.Markup.ShouldContain("请输入姓名。");
        page.Markup.ShouldContain("请选择所在村（社区）。");
        page.Markup.ShouldContain("新建家庭户请填写家庭住址。");
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents")).ShouldBe(before);
    }

    [Fact]
    public async Task Fields_are_checked_as_they_are_typed()
    {
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou");
        var page = session.RenderInLayout<RegisterResidentPage>();

        await TypeAsync(page, "#phone", "139");
        page.Markup.ShouldNotContain("请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。");
        await TypeAsync(page, "#phone", "239");
        page.WaitForAssertion(() => page.Markup.ShouldContain("请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。"), Wait);
        await TypeAsync(page, "#name", "王");
        await TypeAsync(page, "#name", "");
        page.WaitForAssertion(() => page.Markup.ShouldContain("请输入姓名。"), Wait);
    }

    [Fact]
    public async Task A_village_collector_registers_a_new_resident_and_lands_on_their_page()
    {
        var id = await app.FreshIdAsync(23);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou-cun");
        var navigation = session.Context.Services.GetRequiredService<NavigationManager>();
        var page = session.RenderInLayout<RegisterResidentPage>();

        await TypeAsync(page, "#citizen-id", id);
        await TypeAsync(page, "#name", "张新登");
        await TypeAsync(page, "#address", "幸福路8号");
        await SubmitAsync(page);

        page.WaitForAssertion(() => navigation.Uri.ShouldMatch(@"/residents/\d+$", page.Markup), Wait);
        var residentId = await app.ScalarAsync<long>("SELECT id FROM residents WHERE citizen_id = $1", id);
        navigation.Uri.ShouldEndWith($"/residents/{residentId}");
        (await app.ScalarAsync<string>("SELECT name || '|' || village_id FROM residents WHERE id = $1", residentId))
            .ShouldBe($"张新登|{await app.VillageOfAsync("鲍沟镇")}");
    }

    [Fact]
    public async Task A_save_refused_because_another_county_registered_the_number_a_moment_before_says_so()
    {
        var id = await app.FreshIdAsync(24);
        await using var session = await ComponentSession.StartAsync(app, "tz-baogou-cun");
        var page = session.RenderInLayout<RegisterResidentPage>();
        await TypeAsync(page, "#citizen-id", id);
        await TypeAsync(page, "#name", "同时登记");
        await TypeAsync(page, "#address", "幸福路9号");
        page.WaitForAssertion(() => page.Find("[data-testid=id-derived]"), Wait);

        await using (await OtherCountyRace.ArmAsync(app, id))
        {
            await SubmitAsync(page);
            page.WaitForAssertion(() => page.Find("[data-testid=id-duplicate]").TextContent.Trim().ShouldBe("该身份证号码已在其他县（市）参保登记，不得重复参保。"), Wait);
        }
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", id)).ShouldBe(0);
    }
}
