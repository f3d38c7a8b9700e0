using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.ResidentLists;
using Enrollment.Web.Tests.Campaigns;

namespace Enrollment.Web.Tests.Search;

/// <summary>
/// 名册: a village's and a township's list of people with the current campaign's standing and amount due, their
/// pages and their Excel export, each only within the user's scope.
/// </summary>
public sealed class RosterTests(DemoApp app) : IClassFixture<DemoApp>
{
    private Task<long> BaogouAsync() => app.ScalarAsync<long>("""
        SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = 'tengzhou' AND j.level = 'township' AND j.name = '鲍沟镇'
        """);

    private Task<long> CountAsync(string villageCondition, long id) =>
        app.ScalarAsync<long>($"SELECT count(*) FROM residents r JOIN jurisdictions v ON v.id = r.village_id WHERE {villageCondition}", id);

    [Fact]
    public async Task A_villages_list_shows_its_people_with_their_standing_and_amount_due()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        await using var session = await app.SessionAsync("tz-baogou-cun");
        var lists = session.Get<RosterQueries>();

        var header = (await lists.HeaderAsync(RosterLevel.Village, village)).ShouldNotBeNull();
        var page = await lists.PageAsync(RosterLevel.Village, village, new GridRequest(0, 200));

        header.Name.ShouldStartWith("鲍沟镇 ");
        header.Campaign.ShouldNotBeNull();
        page.Total.ShouldBe((int)await CountAsync("v.id = $1", village));
        page.Items.Count.ShouldBe(Math.Min(200, page.Total));
        // Standing and amount as the enrollment of the current (open) campaign records them.
        var paid = page.Items.First(r => r.Standing == CampaignStanding.Paid);
        paid.Payable.ShouldBe(await app.ScalarAsync<decimal>("""
            SELECT e.quote_payable FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
            WHERE e.resident_id = $1 AND c.status = 'open' ORDER BY c.policy_year DESC LIMIT 1
            """, paid.Id));
        page.Items.Where(r => r.Standing == CampaignStanding.NotEnrolled).ShouldAllBe(r => r.Payable == null);
        page.Items.ShouldAllBe(r => r.MaskedCitizenId.Contains("********"));
    }

    [Fact]
    public async Task A_townships_list_runs_village_by_village_in_official_order_across_pages()
    {
        var township = await BaogouAsync();
        await using var session = await app.SessionAsync("tz-baogou");
        var lists = session.Get<RosterQueries>();
        var header = (await lists.HeaderAsync(RosterLevel.Township, township)).ShouldNotBeNull();
        var expected = await app.ScalarAsync<string>("""
            SELECT string_agg(v.name, '|' ORDER BY v.display_order, v.name) FROM jurisdictions v JOIN jurisdictions t ON v.path LIKE t.path || '%'
            WHERE t.id = $1 AND v.level = 'village'
            """, township);
        header.Villages.Select(v => v.Name).ShouldBe(expected.Split('|'));

        // Every page, one after another: all the township's people once each, villages never interleaved.
        List<PersonRow> all = [];
        for (var n = 0; ; n++)
        {
            var page = await lists.PageAsync(RosterLevel.Township, township, new GridRequest(n, 37));
            page.Total.ShouldBe((int)await CountAsync("v.path LIKE (SELECT path FROM jurisdictions WHERE id = $1) || '%'", township));
            if (page.Items.Count == 0)
            {
                break;
            }
            all.AddRange(page.Items);
        }
        all.Count.ShouldBe((int)await CountAsync("v.path LIKE (SELECT path FROM jurisdictions WHERE id = $1) || '%'", township));
        all.Select(r => r.Id).Distinct().Count().ShouldBe(all.Count);
        all.Select(r => r.Village).Distinct().ShouldBe(header.Villages.Select(v => v.Name).Where(v => all.Any(r => r.Village == v)));
    }

    [Fact]
    public async Task Lists_outside_the_users_scope_are_not_found()
    {
        var township = await BaogouAsync();
        var otherVillage = await app.VillageOfAsync("鲍沟镇", last: true);
        var binhuVillage = await app.VillageOfAsync("滨湖镇");

        await using (var collector = await app.SessionAsync("tz-baogou-cun"))
        {
            var lists = collector.Get<RosterQueries>();
            (await lists.HeaderAsync(RosterLevel.Township, township)).ShouldBeNull();
            (await lists.HeaderAsync(RosterLevel.Village, otherVillage)).ShouldBeNull();
            (await lists.PageAsync(RosterLevel.Village, otherVillage, new GridRequest(0, 20))).Items.ShouldBeEmpty();
            (await lists.PlacesAsync()).ShouldHaveSingleItem().Id.ShouldBe(await app.VillageOfAsync("鲍沟镇"));
        }
        await using (var binhu = await app.SessionAsync("tz-binhu"))
        {
            var lists = binhu.Get<RosterQueries>();
            (await lists.HeaderAsync(RosterLevel.Township, township)).ShouldBeNull();
            (await lists.HeaderAsync(RosterLevel.Village, otherVillage)).ShouldBeNull();
            (await lists.HeaderAsync(RosterLevel.Village, binhuVillage)).ShouldNotBeNull();
            // A township's id given as a village (and the reverse) is no list either.
            (await lists.HeaderAsync(RosterLevel.Village, township)).ShouldBeNull();
            (await lists.HeaderAsync(RosterLevel.Township, binhuVillage)).ShouldBeNull();
        }
    }

    [Fact]
    public async Task A_townships_export_holds_every_person_masked_with_standing_and_amount()
    {
        var township = await BaogouAsync();
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou");

        var response = await client.GetAsync($"/rosters/townships/{township}/residents.xlsx", HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldBe("鲍沟镇-参保人员名册.xlsx");
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).Select(e => e.Description).ShouldBeEmpty();
        var rows = QuotaExportTests.Sheets(workbook)["参保人员名册"];
        rows[1][0].ShouldStartWith("鲍沟镇 参保人员名册（");
        rows[2].ShouldBe(["序号", "镇街", "村（社区）", "户号", "姓名", "性别", "身份证号码", "联系电话", "人员状态", "本期参保", "应缴（元）"]);
        var people = rows.Skip(3).ToList();
        people.Count.ShouldBe((int)await CountAsync("v.path LIKE (SELECT path FROM jurisdictions WHERE id = $1) || '%'", township));
        people.Select(r => r[1]).Distinct().ShouldBe(["鲍沟镇"]);
        // No full number anywhere: the eight birth-date digits are masked in every row.
        people.ShouldAllBe(r => r[6].Length == 18 && r[6].Substring(6, 8) == "********");
        // One person checked cell by cell against the database.
        var first = people[0];
        var id = await app.ScalarAsync<long>("""
            SELECT r.id FROM residents r JOIN households h ON h.id = r.household_id
            WHERE h.household_number = $1 AND r.name = $2 ORDER BY r.id LIMIT 1
            """, first[3], first[4]);
        var citizenId = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", id);
        first[6].ShouldBe(citizenId[..6] + "********" + citizenId[14..]);
        var payable = await app.ScalarAsync<decimal?>("""
            SELECT e.quote_payable FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
            WHERE e.resident_id = $1 AND c.status = 'open' AND e.status <> 'cancelled' ORDER BY c.policy_year DESC LIMIT 1
            """, id);
        (first[10].Length == 0 ? (decimal?)null : decimal.Parse(first[10], CultureInfo.InvariantCulture)).ShouldBe(payable);
        people.Where(r => r[9] == "已缴费").ShouldAllBe(r => r[10].Length > 0);
    }

    [Theory]
    [InlineData("tz-baogou-cun", "township")]
    [InlineData("tz-binhu", "township")]
    [InlineData("tz-binhu", "village")]
    [InlineData("pb-admin", "village")]
    [InlineData("tz-finance", "village")]
    public async Task Exports_outside_the_users_scope_or_role_are_not_found(string login, string level)
    {
        var id = level == "township" ? await BaogouAsync() : await app.VillageOfAsync("鲍沟镇");
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);

        (await client.GetAsync($"/rosters/{level}s/{id}/residents.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_village_collector_exports_their_own_village()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, "tz-baogou-cun");

        var response = await client.GetAsync($"/rosters/villages/{village}/residents.xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        QuotaExportTests.Sheets(workbook)["参保人员名册"].Skip(3).Count().ShouldBe((int)await CountAsync("v.id = $1", village));
    }
}
