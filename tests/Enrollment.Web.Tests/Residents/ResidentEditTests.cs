using Enrollment.Testing.Web;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Tests.Households;

namespace Enrollment.Web.Tests.Residents;

/// <summary>
/// 修改人员信息 and its row version: two clerks editing the same person, the second told what changed field by field
/// and keeping what they typed; phone numbers checked by the one phone rule; another township sees nothing.
/// </summary>
public sealed class ResidentEditTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Clerk = "tz-baogou";

    private async Task<ResidentEditForm> OpenAsync(string login, long residentId)
    {
        await using var session = await app.SessionAsync(login);
        return (await session.Get<ResidentEditCommands>().EditAsync(residentId)).ShouldNotBeNull().Form;
    }

    private async Task<ResidentEditResult> SaveAsync(string login, ResidentEditForm form)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<ResidentEditCommands>().SaveAsync(form);
    }

    private Task<string> StoredAsync(long residentId) => app.ScalarAsync<string>(
        "SELECT r.name || '|' || coalesce(r.phone, '') || '|' || r.hukou_type || '|' || coalesce(h.address, '') FROM residents r LEFT JOIN households h ON h.id = r.household_id WHERE r.id = $1",
        residentId);

    private async Task<long> NewResidentAsync() => (await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 1)).Members[0];

    [Fact]
    public async Task The_second_clerk_is_told_what_changed_field_by_field_keeps_their_input_and_can_re_apply_it()
    {
        var resident = await NewResidentAsync();
        var first = await OpenAsync(Clerk, resident);
        var second = await OpenAsync("tz-admin", resident);

        first.Phone = "13800001111";
        first.Address = "新地址2号";
        (await SaveAsync(Clerk, first)).Saved.ShouldBeTrue();
        second.Name = "改名测试";
        second.Phone = "13900002222";

        var conflict = await SaveAsync("tz-admin", second);

        conflict.Saved.ShouldBeFalse();
        conflict.Errors.ShouldBeEmpty();
        conflict.Conflicts.ShouldBe([
            new EditConflict(nameof(ResidentEditForm.Phone), "联系电话", "13900002222", "13800001111"),
            new EditConflict(nameof(ResidentEditForm.Address), "家庭住址", "户测试地址1号", "新地址2号"),
        ]);
        (await StoredAsync(resident)).ShouldBe("户主测试|13800001111|local|新地址2号");
        // Nothing the second clerk typed is lost: the form still holds it, rebased on the stored version.
        second.Rebase(conflict.Stored.ShouldNotBeNull());
        second.Name.ShouldBe("改名测试");
        second.Address = "新地址2号";

        var reapplied = await SaveAsync("tz-admin", second);

        reapplied.Saved.ShouldBeTrue(string.Join("；", reapplied.Errors.Values));
        (await StoredAsync(resident)).ShouldBe("改名测试|13900002222|local|新地址2号");
    }

    [Fact]
    public async Task A_change_elsewhere_on_the_row_is_no_conflict_for_fields_nobody_else_touched()
    {
        var (household, members) = await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 2);
        var form = await OpenAsync(Clerk, members[1]);
        await using (var session = await app.SessionAsync(Clerk))
        {
            (await session.Get<HouseholdCommands>().ChangeRelationAsync(new RelationChangeForm { ResidentId = members[1], Relation = Data.Entities.RelationToHead.Sibling }))
                .Ok.ShouldBeTrue();
        }
        (await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM residents WHERE id = $1", members[1])).ShouldNotBe(form.ResidentVersion);
        form.Name = "不冲突";

        var saved = await SaveAsync(Clerk, form);

        saved.Saved.ShouldBeTrue(string.Join("；", saved.Errors.Values));
        (await StoredAsync(members[1])).ShouldStartWith("不冲突|");
        household.ShouldBePositive();
    }

    [Theory]
    [InlineData("0632-5512345", "0632-5512345")]
    [InlineData("139 1234 5678", "13912345678")]
    [InlineData("", "")]
    public async Task Phone_numbers_are_stored_in_their_normal_form(string typed, string stored)
    {
        var resident = await NewResidentAsync();
        var form = await OpenAsync(Clerk, resident);
        form.Phone = typed;

        var result = await SaveAsync(Clerk, form);

        result.Saved.ShouldBeTrue(string.Join("；", result.Errors.Values));
        (await app.ScalarAsync<string>("SELECT coalesce(phone, '') FROM residents WHERE id = $1", resident)).ShouldBe(stored);
    }

    [Fact]
    public async Task A_wrong_phone_a_blank_name_or_an_unknown_hukou_type_is_refused_and_nothing_changes()
    {
        var resident = await NewResidentAsync();
        var stored = await StoredAsync(resident);
        var form = await OpenAsync(Clerk, resident);
        form.Phone = "2391234567";
        form.Name = " ";
        form.HukouType = "nowhere";

        var result = await SaveAsync(Clerk, form);

        result.Errors[nameof(ResidentEditForm.Phone)].ShouldBe("请填写 11 位手机号码（1 开头），或带区号的座机号码（如 0632-5512345）。");
        result.Errors[nameof(ResidentEditForm.Name)].ShouldBe("请输入姓名。");
        result.Errors[nameof(ResidentEditForm.HukouType)].ShouldBe("请选择户籍类型。");
        (await StoredAsync(resident)).ShouldBe(stored);
    }

    [Fact]
    public async Task A_clerk_of_another_township_can_neither_open_nor_save_the_edit()
    {
        var resident = await NewResidentAsync();
        var form = await OpenAsync(Clerk, resident);
        form.Name = "越权改名";
        await using var session = await app.SessionAsync("tz-binhu");

        (await session.Get<ResidentEditCommands>().EditAsync(resident)).ShouldBeNull();
        (await session.Get<ResidentEditCommands>().SaveAsync(form)).ShouldBe(ResidentEditResult.NotFound);
        (await StoredAsync(resident)).ShouldStartWith("户主测试|");
    }
}
