using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.ResidentLists;
using Enrollment.Web.Features.Search;

namespace Enrollment.Web.Tests.Search;

/// <summary>
/// 查找人员 on the demo data, through the handler as the page calls it: each kind of text, the 15-digit upgrade, the
/// user's scope (never a person outside it), the filters, paging and the cap on a common name.
/// </summary>
public sealed class SearchTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly GridRequest FirstPage = new(0, 25);

    private sealed record Person(long Id, string CitizenId, string Name, string? Phone, string? Household, long VillageId);

    /// <summary>A 鲍沟镇 resident of the first village, born in the 1900s (so a 15-digit number exists), with a household and a phone.</summary>
    private async Task<Person> PersonAsync(bool lastVillage = false)
    {
        var village = await app.VillageOfAsync("鲍沟镇", lastVillage);
        var id = await app.ScalarAsync<long>("""
            SELECT r.id FROM residents r JOIN households h ON h.id = r.household_id
            WHERE r.village_id = $1 AND r.phone IS NOT NULL AND substr(r.citizen_id, 7, 2) = '19' ORDER BY r.id LIMIT 1
            """, village);
        return new Person(
            id,
            await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", id),
            await app.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", id),
            await app.ScalarAsync<string>("SELECT phone FROM residents WHERE id = $1", id),
            await app.ScalarAsync<string>("SELECT h.household_number FROM residents r JOIN households h ON h.id = r.household_id WHERE r.id = $1", id),
            village);
    }

    private async Task<SearchResult> SearchAsync(string login, string text, SearchFilter? filter = null, GridRequest? page = null)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<SearchQueries>().SearchAsync(text, filter ?? new SearchFilter(), page ?? FirstPage);
    }

    [Fact]
    public async Task An_ID_number_finds_the_one_person_shown_masked()
    {
        var person = await PersonAsync();

        var result = await SearchAsync("tz-baogou", person.CitizenId);

        result.Kind.ShouldBe(SearchKind.CitizenId);
        var row = result.Page.Items.ShouldHaveSingleItem();
        row.Id.ShouldBe(person.Id);
        row.MaskedCitizenId.ShouldBe(person.CitizenId[..6] + "********" + person.CitizenId[14..]);
        row.ToString().ShouldNotContain(person.CitizenId.Substring(6, 8));
        row.Township.ShouldBe("鲍沟镇");
    }

    [Fact]
    public async Task A_15_digit_legacy_number_is_upgraded_and_found()
    {
        var person = await PersonAsync();
        var legacy = string.Concat(person.CitizenId.AsSpan(0, 6), person.CitizenId.AsSpan(8, 9));

        var result = await SearchAsync("tz-baogou", legacy);

        result.Kind.ShouldBe(SearchKind.CitizenId);
        result.Page.Items.ShouldHaveSingleItem().Id.ShouldBe(person.Id);
    }

    [Fact]
    public async Task A_lower_case_x_is_read_as_the_check_character()
    {
        var id = await app.ScalarAsync<long>("""
            SELECT r.id FROM residents r JOIN tenants t ON t.id = r.tenant_id WHERE t.code = 'tengzhou' AND r.citizen_id LIKE '%X' ORDER BY r.id LIMIT 1
            """);
        var number = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", id);

        var result = await SearchAsync("tz-staff", number.ToLowerInvariant());

        result.Page.Items.ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public async Task A_name_or_its_first_characters_finds_people_in_name_order()
    {
        var person = await PersonAsync();

        var full = await SearchAsync("tz-baogou", person.Name, new SearchFilter(person.VillageId));
        full.Kind.ShouldBe(SearchKind.NamePrefix);
        full.Page.Items.Select(r => r.Id).ShouldContain(person.Id);

        var surname = person.Name[..1];
        var prefix = await SearchAsync("tz-baogou", surname);
        prefix.Page.Items.ShouldNotBeEmpty();
        prefix.Page.Items.ShouldAllBe(r => r.Name.StartsWith(surname, StringComparison.Ordinal));
        prefix.Page.Items.Select(r => r.Name).ShouldBe(prefix.Page.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
        prefix.Page.Total.ShouldBe(await app.ScalarAsync<int>("""
            SELECT count(*)::int FROM residents r JOIN jurisdictions v ON v.id = r.village_id JOIN jurisdictions t ON v.path LIKE t.path || '%'
            WHERE t.level = 'township' AND t.name = '鲍沟镇' AND r.name LIKE $1 || '%'
            """, person.Name[..1]));
    }

    [Fact]
    public async Task A_household_number_finds_every_member_of_the_household()
    {
        var person = await PersonAsync();
        var members = await app.ScalarAsync<long>("SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id WHERE h.household_number = $1", person.Household!);

        var result = await SearchAsync("tz-baogou", person.Household!.ToLowerInvariant());

        result.Kind.ShouldBe(SearchKind.Household);
        result.Page.Total.ShouldBe((int)members);
        result.Page.Items.Select(r => r.Id).ShouldContain(person.Id);
        result.Page.Items.ShouldAllBe(r => r.HouseholdNumber == person.Household);
    }

    [Fact]
    public async Task A_phone_number_finds_who_left_it_however_it_is_spaced()
    {
        var person = await PersonAsync();
        var spaced = $"{person.Phone![..3]} {person.Phone[3..7]} {person.Phone[7..]}";

        var result = await SearchAsync("tz-baogou", spaced);

        result.Kind.ShouldBe(SearchKind.PhoneOrHousehold);
        result.Page.Items.Select(r => r.Id).ShouldContain(person.Id);
        result.Page.Items.ShouldAllBe(r => r.Phone == person.Phone);
    }

    [Fact]
    public async Task A_binhu_clerk_never_finds_a_baogou_person()
    {
        var person = await PersonAsync();

        (await SearchAsync("tz-binhu", person.CitizenId)).Page.Items.ShouldBeEmpty();
        (await SearchAsync("tz-binhu", person.Name, new SearchFilter(person.VillageId))).Page.Items.ShouldBeEmpty();
        (await SearchAsync("tz-binhu", person.Household!)).Page.Items.ShouldBeEmpty();
        var byName = await SearchAsync("tz-binhu", person.Name[..1]);
        byName.Page.Items.ShouldNotBeEmpty();
        byName.Page.Items.ShouldAllBe(r => r.Township == "滨湖镇");
        // Another county's administrator neither.
        (await SearchAsync("pb-admin", person.CitizenId)).Page.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_village_collector_finds_only_people_of_their_village()
    {
        var own = await PersonAsync();
        var other = await PersonAsync(lastVillage: true);

        (await SearchAsync("tz-baogou-cun", own.CitizenId)).Page.Items.ShouldHaveSingleItem().Id.ShouldBe(own.Id);
        (await SearchAsync("tz-baogou-cun", other.CitizenId)).Page.Items.ShouldBeEmpty();
        var byName = await SearchAsync("tz-baogou-cun", other.Name[..1]);
        byName.Page.Items.Select(r => r.Id).ShouldNotContain(other.Id);
        var villageName = await app.ScalarAsync<string>("SELECT name FROM jurisdictions WHERE id = $1", own.VillageId);
        byName.Page.Items.ShouldAllBe(r => r.Village == villageName);
    }

    [Fact]
    public async Task Filters_narrow_by_village_standing_and_status()
    {
        var person = await PersonAsync();
        var surname = person.Name[..1];

        var village = await SearchAsync("tz-baogou", surname, new SearchFilter(VillageId: person.VillageId));
        var villageName = await app.ScalarAsync<string>("SELECT name FROM jurisdictions WHERE id = $1", person.VillageId);
        village.Page.Items.ShouldNotBeEmpty();
        village.Page.Items.ShouldAllBe(r => r.Village == villageName);

        foreach (var standing in Enum.GetValues<CampaignStanding>())
        {
            var result = await SearchAsync("tz-baogou", surname, new SearchFilter(Standing: standing), new GridRequest(0, 200));
            result.Page.Items.ShouldAllBe(r => r.Standing == standing);
        }
        var paid = await SearchAsync("tz-baogou", surname, new SearchFilter(Standing: CampaignStanding.Paid), new GridRequest(0, 200));
        paid.Page.Items.ShouldNotBeEmpty();
        paid.Page.Items.ShouldAllBe(r => r.Payable != null);

        var active = await SearchAsync("tz-baogou", surname, new SearchFilter(Status: ResidentStatus.Active));
        active.Page.Items.ShouldAllBe(r => r.Status == ResidentStatus.Active);
        var deceased = await SearchAsync("tz-baogou", surname, new SearchFilter(Status: ResidentStatus.Deceased));
        deceased.Page.Items.ShouldAllBe(r => r.Status == ResidentStatus.Deceased);
        (active.Page.Total + deceased.Page.Total).ShouldBeLessThanOrEqualTo((await SearchAsync("tz-baogou", surname)).Page.Total);
    }

    [Fact]
    public async Task Pages_follow_one_another_without_repeating_anyone()
    {
        var surname = (await PersonAsync()).Name[..1];

        var first = await SearchAsync("tz-staff", surname, page: new GridRequest(0, 10));
        var second = await SearchAsync("tz-staff", surname, page: new GridRequest(1, 10));

        first.Page.Total.ShouldBeGreaterThan(10);
        first.Page.Items.Count.ShouldBe(10);
        second.Page.Items.Select(r => r.Id).Intersect(first.Page.Items.Select(r => r.Id)).ShouldBeEmpty();
        string.CompareOrdinal(first.Page.Items[^1].Name, second.Page.Items[0].Name).ShouldBeLessThanOrEqualTo(0);
    }

    [Fact]
    public async Task More_than_a_thousand_matches_are_capped_not_counted()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        // 1,005 people whose names start 测试 (no surname of the demo data does).
        var values = string.Join(",\n", Enumerable.Range(0, SearchQueries.Cap + 5).Select(i =>
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(i);
            var number = CitizenIds.For(birth, 801);
            return $"((SELECT tenant_id FROM jurisdictions WHERE id = {village}), '{number}', '测试{(char)('甲' + i % 50)}', 'male', '{birth:yyyy-MM-dd}', {village}, 'local')";
        }));
        await app.ScalarAsync<int>($"INSERT INTO residents (tenant_id, citizen_id, name, sex, birth_date, village_id, hukou_type) VALUES {values}");

        var result = await SearchAsync("tz-baogou", "测试");

        result.Capped.ShouldBeTrue();
        result.Page.Total.ShouldBe(SearchQueries.Cap);
        result.Page.Items.Count.ShouldBe(25);
        (await SearchAsync("tz-baogou", "测试", page: new GridRequest(39, 25))).Page.Items.Count.ShouldBe(25);
        (await SearchAsync("tz-baogou", "测试", page: new GridRequest(40, 25))).Page.Items.ShouldBeEmpty();
        (await SearchAsync("tz-baogou", "测试甲")).Capped.ShouldBeFalse();
    }

    [Theory]
    [InlineData("", "请输入")]
    [InlineData("37048119900101001", "身份证")]
    [InlineData("王@", "姓名")]
    [InlineData("<script>", "无法识别")]
    public async Task Text_that_cannot_be_searched_for_is_answered_in_Chinese(string text, string says)
    {
        var result = await SearchAsync("tz-baogou", text);

        result.Problem.ShouldNotBeNull().ShouldContain(says);
        result.Page.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Users_who_may_not_read_residents_cannot_search()
    {
        await using var session = await app.SessionAsync("tz-finance");

        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<SearchQueries>().SearchAsync("王", new SearchFilter(), FirstPage));
    }
}
