using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Registration;

namespace Enrollment.Web.Tests.Registration;

/// <summary>
/// 登记参保人员 through the page's own commands, as each demo user: the number as it is typed, saving, the places a
/// clerk may register in, and the duplicate rule's one exception (another township of the county is named).
/// </summary>
public sealed class RegistrationTests(DemoApp app) : IClassFixture<DemoApp>
{
    internal static RegisterForm Form(string citizenId, string name, long villageId, string address = "测试地址1号", string? phone = "13912345678") => new()
    {
        CitizenId = citizenId, Name = name, VillageId = villageId, HouseholdId = 0, Address = address, Phone = phone, HukouType = "local",
    };

    private async Task<RegistrationResult> RegisterAsAsync(string login, RegisterForm form)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<RegistrationCommands>().RegisterAsync(form);
    }

    private async Task<IdCheck> CheckAsAsync(string login, string citizenId)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<RegistrationCommands>().CheckIdAsync(citizenId);
    }

    private Task<long> CountAsync(string citizenId) => app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", citizenId);

    [Fact]
    public async Task A_township_clerk_registers_a_new_resident_in_a_new_household_they_head()
    {
        var id = await app.FreshIdAsync(1);
        var village = await app.VillageOfAsync("鲍沟镇");

        var result = await RegisterAsAsync("tz-baogou", Form(id, "王登记", village));

        result.Saved.ShouldBeTrue(string.Join("；", result.Errors.Values));
        var residentId = await app.ScalarAsync<long>("SELECT id FROM residents WHERE citizen_id = $1", id);
        result.ResidentId.ShouldBe(residentId);
        (await app.ScalarAsync<string>("SELECT name || '|' || village_id || '|' || phone || '|' || hukou_type FROM residents WHERE id = $1", residentId))
            .ShouldBe($"王登记|{village}|13912345678|local");
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
    public async Task Joining_a_household_of_the_village_needs_the_relation_to_its_head()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        await using var session = await app.SessionAsync("tz-baogou");
        var commands = session.Get<RegistrationCommands>();
        var household = (await commands.HouseholdsAsync(village))[0];
        var form = Form(await app.FreshIdAsync(11), "李入户", village, address: "");
        form.HouseholdId = household.Id;

        var refused = await commands.RegisterAsync(form);
        refused.Errors[nameof(RegisterForm.Relation)].ShouldBe("加入已有家庭户请选择与户主关系。");
        refused.Errors.ContainsKey(nameof(RegisterForm.Address)).ShouldBeFalse();
        (await CountAsync(form.CitizenId)).ShouldBe(0);

        form.Relation = Data.Entities.RelationToHead.Child;
        var saved = await commands.RegisterAsync(form);

        saved.Saved.ShouldBeTrue(string.Join("；", saved.Errors.Values));
        (await app.ScalarAsync<string>("SELECT household_id || ':' || relation_to_head FROM residents WHERE id = $1", saved.ResidentId!.Value))
            .ShouldBe($"{household.Id}:child");
    }

    [Fact]
    public async Task A_valid_unregistered_number_holds_its_birth_date_and_sex()
    {
        var id = await app.FreshIdAsync(2);

        var check = await CheckAsAsync("tz-baogou", id);

        check.Kind.ShouldBe(IdCheckKind.Available);
        check.CanRegister.ShouldBeTrue();
        check.Id.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(id.Substring(6, 8));
        check.Id.Sex.ShouldBe((id[16] - '0') % 2 == 1 ? Domain.Residents.Sex.Male : Domain.Residents.Sex.Female);
    }

    [Theory]
    [InlineData("12345", "身份证号码应为18位（或15位旧号码），实际为5位")]
    [InlineData("37048119900101001A", "身份证号码第18位“A”不是数字")]
    [InlineData("370481199002300010", "身份证号码中的出生日期 1990-02-30 不存在")]
    [InlineData("３70481199001010010", "身份证号码第1位是全角数字")]
    [InlineData("3704811990010100101234567890", "身份证号码应为18位（或15位旧号码），实际为28位")]
    public async Task An_invalid_number_is_explained_in_Chinese(string typed, string message)
    {
        var check = await CheckAsAsync("tz-baogou", typed);

        check.Kind.ShouldBe(IdCheckKind.Invalid);
        check.Message.ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public async Task A_wrong_check_character_and_a_birth_after_today_are_errors_and_nothing_is_saved()
    {
        var valid = await app.FreshIdAsync(3);
        (await CheckAsAsync("tz-baogou", CitizenIds.WithWrongCheck(valid))).Message.ShouldNotBeNull()
            .ShouldContain($"身份证号码校验码错误：按前17位应为“{valid[17]}”");

        // The demo's business date is 2024-11-20.
        var future = CitizenIds.For(new DateOnly(2025, 1, 1), 1);
        (await CheckAsAsync("tz-baogou", future)).Message.ShouldBe("出生日期 2025-01-01 晚于今天 2024-11-20");
        var refused = await RegisterAsAsync("tz-baogou", Form(future, "未出生", await app.VillageOfAsync("鲍沟镇")));

        refused.Saved.ShouldBeFalse();
        refused.Errors[nameof(RegisterForm.CitizenId)].ShouldBe("出生日期 2025-01-01 晚于今天 2024-11-20");
        (await CountAsync(future)).ShouldBe(0);
    }

    [Fact]
    public async Task Every_field_is_checked_before_anything_is_saved()
    {
        var refused = await RegisterAsAsync("tz-baogou", new RegisterForm { CitizenId = "", Name = " ", Phone = "2391234567", HukouType = "" });

        refused.Saved.ShouldBeFalse();
        refused.Errors.ShouldBe(new Dictionary<string, string>
        {
            [nameof(RegisterForm.CitizenId)] = "请输入身份证号码。",
            [nameof(RegisterForm.Name)] = "请输入姓名。",
            [nameof(RegisterForm.VillageId)] = "请选择所在村（社区）。",
            [nameof(RegisterForm.Address)] = "新建家庭户请填写家庭住址。",
            [nameof(RegisterForm.Phone)] = "请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。",
            [nameof(RegisterForm.HukouType)] = "请选择户籍类型。",
        }, ignoreOrder: true);
        var tooLong = Form(await app.FreshIdAsync(12), new string('王', 51), await app.VillageOfAsync("鲍沟镇"), address: new string('路', 201));
        tooLong.HukouType = "no-such-type";
        var refusedLong = await RegisterAsAsync("tz-baogou", tooLong);
        refusedLong.Errors[nameof(RegisterForm.Name)].ShouldBe("姓名不能超过 50 个字符（现有 51 个）。");
        refusedLong.Errors[nameof(RegisterForm.Address)].ShouldBe("家庭住址不能超过 200 个字符（现有 201 个）。");
        refusedLong.Errors[nameof(RegisterForm.HukouType)].ShouldBe("请选择户籍类型。");
        (await CountAsync(tooLong.CitizenId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_number_already_in_the_clerks_township_points_to_that_resident()
    {
        var residentId = await app.NthResidentOfAsync("鲍沟镇", 3);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);

        var check = await CheckAsAsync("tz-baogou", id);

        check.Kind.ShouldBe(IdCheckKind.InScope);
        check.ResidentId.ShouldBe(residentId);
        IdCheckText.Refusal(check).ShouldBe("该身份证号码已在本辖区登记。");
    }

    [Fact]
    public async Task A_number_registered_in_another_township_tells_only_that_townships_name()
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", 5);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);

        var check = await CheckAsAsync("tz-baogou", id);

        check.ShouldBe(new IdCheck(IdCheckKind.OtherTownship, Domain.Residents.CitizenId.Parse(id), TownshipName: "滨湖镇"));
        check.CanRequestTransfer.ShouldBeTrue();
        IdCheckText.Refusal(check).ShouldBe("该身份证号码已在本县滨湖镇登记。");

        // Saving it anyway is refused with the same answer, and nothing else about the person.
        var refused = await RegisterAsAsync("tz-baogou", Form(id, "重复登记", await app.VillageOfAsync("鲍沟镇")));
        refused.Saved.ShouldBeFalse();
        refused.Check.ShouldBe(check);
        refused.Errors.ShouldBeEmpty();
        (await CountAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_village_collector_is_told_only_that_another_village_of_the_township_holds_it()
    {
        var residentId = await app.ResidentOfAsync("鲍沟镇", lastVillage: true);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);

        var check = await CheckAsAsync("tz-baogou-cun", id);

        check.ShouldBe(new IdCheck(IdCheckKind.OtherVillageOfOwnTownship, Domain.Residents.CitizenId.Parse(id)));
        IdCheckText.Refusal(check).ShouldBe("该身份证号码已在本镇其他村（社区）登记。");
    }

    [Fact]
    public async Task A_village_collector_is_not_told_which_township_holds_a_number_but_may_still_ask_for_the_transfer()
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", 6);
        var id = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);

        var check = await CheckAsAsync("tz-baogou-cun", id);

        check.ShouldBe(new IdCheck(IdCheckKind.OtherTownship, Domain.Residents.CitizenId.Parse(id)));
        check.CanRequestTransfer.ShouldBeTrue();
        IdCheckText.Refusal(check).ShouldBe("该身份证号码已在本县其他镇（街道）登记。");
    }

    [Fact]
    public async Task A_number_registered_by_another_county_is_refused_and_nothing_else_is_told()
    {
        var id = await app.FreshIdAsync(4);
        var pubeiVillage = await app.ScalarAsync<long>("""
            SELECT v.id FROM jurisdictions v JOIN tenants t ON t.id = v.tenant_id
            WHERE t.code = 'pubei' AND v.level = 'village' ORDER BY v.display_order, v.id LIMIT 1
            """);
        (await RegisterAsAsync("pb-admin", Form(id, "浦北人", pubeiVillage))).Saved.ShouldBeTrue();

        var check = await CheckAsAsync("tz-baogou", id);
        var refused = await RegisterAsAsync("tz-baogou", Form(id, "再登记", await app.VillageOfAsync("鲍沟镇")));

        check.ShouldBe(new IdCheck(IdCheckKind.OtherTenant, Domain.Residents.CitizenId.Parse(id)));
        check.CanRequestTransfer.ShouldBeFalse();
        IdCheckText.Refusal(check).ShouldBe("该身份证号码已在其他县（市）参保登记，不得重复参保。");
        refused.Saved.ShouldBeFalse();
        refused.Check.Kind.ShouldBe(IdCheckKind.OtherTenant);
        (await CountAsync(id)).ShouldBe(1);
    }

    [Fact]
    public async Task Another_county_registering_the_number_a_moment_before_the_save_is_refused_with_its_reason()
    {
        var id = await app.FreshIdAsync(6);
        await using var race = await OtherCountyRace.ArmAsync(app, id);

        var refused = await RegisterAsAsync("tz-baogou", Form(id, "同时登记", await app.VillageOfAsync("鲍沟镇")));

        refused.Saved.ShouldBeFalse();
        refused.Check.Kind.ShouldBe(IdCheckKind.OtherTenant);
        IdCheckText.Refusal(refused.Check).ShouldBe("该身份证号码已在其他县（市）参保登记，不得重复参保。");
        (await CountAsync(id)).ShouldBe(0);
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'residents' AND after->>'name' = '同时登记'")).ShouldBe(0);
    }

    [Fact]
    public async Task A_number_from_outside_the_county_may_be_registered_with_a_warning_and_an_impossible_province_may_not()
    {
        const string Born = "19800101";
        var elsewhere = "320311" + Born + "123";
        elsewhere += Domain.Residents.CitizenId.ComputeCheckCharacter(elsewhere);
        var check = await CheckAsAsync("tz-baogou", elsewhere);
        check.Kind.ShouldBe(IdCheckKind.Available);
        check.RegionWarning.ShouldBe("身份证号码的地区代码 320311 不是本县（370481），请核对号码；外地出生的居民可照常登记。");
        (await CheckAsAsync("tz-baogou", await app.FreshIdAsync(21))).RegionWarning.ShouldBeNull();

        var nowhere = "999999" + Born + "123";
        nowhere += Domain.Residents.CitizenId.ComputeCheckCharacter(nowhere);
        var refused = await RegisterAsAsync("tz-baogou", Form(nowhere, "无效地区", await app.VillageOfAsync("鲍沟镇")));
        refused.Saved.ShouldBeFalse();
        refused.Errors[nameof(RegisterForm.CitizenId)].ShouldContain("前两位“99”不是有效的省级行政区划代码");
        (await CountAsync(nowhere)).ShouldBe(0);
    }

    [Fact]
    public async Task A_village_or_household_outside_the_users_subtree_is_refused()
    {
        var id = await app.FreshIdAsync(5);
        var binhu = await app.VillageOfAsync("滨湖镇");

        var outside = await RegisterAsAsync("tz-baogou", Form(id, "越界", binhu));

        outside.Errors[nameof(RegisterForm.VillageId)].ShouldBe("请选择本辖区内的村（社区）。");
        await using (var session = await app.SessionAsync("tz-baogou"))
        {
            (await session.Get<RegistrationCommands>().HouseholdsAsync(binhu)).ShouldBeEmpty();
        }
        var binhuHousehold = await app.ScalarAsync<long>("SELECT id FROM households WHERE village_id = $1 ORDER BY id LIMIT 1", binhu);
        var joining = Form(id, "越界入户", await app.VillageOfAsync("鲍沟镇"), address: "");
        joining.HouseholdId = binhuHousehold;
        joining.Relation = Data.Entities.RelationToHead.Spouse;
        (await RegisterAsAsync("tz-baogou", joining)).Errors[nameof(RegisterForm.HouseholdId)].ShouldBe("请选择所选村（社区）的家庭户。");
        (await CountAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task The_village_list_holds_only_the_users_subtree_in_official_order()
    {
        await using var clerk = await app.SessionAsync("tz-baogou");
        var own = (await clerk.Get<RegistrationCommands>().ListsAsync()).Villages;
        own.Select(g => g.Township).ShouldBe(["鲍沟镇"]);
        own[0].Villages[0].Id.ShouldBe(await app.VillageOfAsync("鲍沟镇"));
        own[0].Villages[^1].Id.ShouldBe(await app.VillageOfAsync("鲍沟镇", last: true));

        await using var staff = await app.SessionAsync("tz-staff");
        var county = (await staff.Get<RegistrationCommands>().ListsAsync()).Villages;
        county[0].Township.ShouldBe("鲍沟镇");
        county[1].Township.ShouldBe("滨湖镇");

        await using var collector = await app.SessionAsync("tz-baogou-cun");
        var village = (await collector.Get<RegistrationCommands>().ListsAsync()).Villages;
        village.Single().Villages.Single().Id.ShouldBe(await app.VillageOfAsync("鲍沟镇"));
    }

    [Theory]
    [InlineData("tz-finance")]
    [InlineData("admin")]
    public async Task Roles_without_registration_are_refused_by_every_command_and_the_page_is_404(string login)
    {
        await using var session = await app.SessionAsync(login);
        var commands = session.Get<RegistrationCommands>();
        var village = await app.VillageOfAsync("鲍沟镇");

        await Should.ThrowAsync<OperationRefusedException>(() => commands.ListsAsync());
        await Should.ThrowAsync<OperationRefusedException>(() => commands.HouseholdsAsync(village));
        await Should.ThrowAsync<OperationRefusedException>(() => commands.CheckIdAsync("11010519491231002X"));
        var form = Form(await app.FreshIdAsync(7), "无权", village);
        await Should.ThrowAsync<OperationRefusedException>(() => commands.RegisterAsync(form));
        var client = app.NewClient();
        await DemoApp.SignInAsync(client, login);
        (await client.GetAsync("/residents/register")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }
}
