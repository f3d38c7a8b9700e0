using Enrollment.Testing.Web;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Tests.Households;

namespace Enrollment.Web.Tests.Residents;

/// <summary>
/// 死亡 / 迁出 through the resident page's command: the person stays on record, an unpaid enrollment of the open
/// campaign is cancelled with the reason and a paid one kept, the registry releases the number, and every refusal.
/// The demo's business date is 2024-11-20.
/// </summary>
public sealed class LifeEventTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Clerk = "tz-baogou";

    private static readonly DateOnly Yesterday = new(2024, 11, 19);

    /// <summary>An active 鲍沟镇 resident enrolled in tengzhou-2025, paid (a confirmed, unreversed payment) or not; n-th by id.</summary>
    private Task<long> EnrolledAsync(bool paid, int n) => app.ScalarAsync<long>($"""
        SELECT r.id FROM residents r
        JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
        JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%' AND t.level = 'township' AND t.name = '鲍沟镇'
        JOIN enrollments e ON e.tenant_id = r.tenant_id AND e.resident_id = r.id AND e.status <> 'cancelled'
        JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id AND c.code = 'tengzhou-2025'
        WHERE r.status = 'active' AND {(paid ? "" : "NOT")} EXISTS (
            SELECT 1 FROM payments p WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id AND p.state = 'confirmed')
        ORDER BY r.id OFFSET $1 LIMIT 1
        """, n);

    private async Task<LifeEventResult> RecordAsync(string login, long residentId, LifeEventForm form)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<LifeEventCommands>().RecordAsync(residentId, form);
    }

    private Task<string> EnrollmentAsync(long residentId) => app.ScalarAsync<string>(
        "SELECT e.status || '|' || coalesce(e.cancel_reason, '') FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.code = 'tengzhou-2025' WHERE e.resident_id = $1",
        residentId);

    private Task<string> StatusAsync(long residentId) => app.ScalarAsync<string>(
        "SELECT status || '|' || coalesce(status_changed_on::text, '') || '|' || coalesce(status_evidence, '') FROM residents WHERE id = $1", residentId);

    [Fact]
    public async Task A_death_cancels_the_unpaid_enrollment_with_its_reason_and_keeps_the_person_on_record()
    {
        var resident = await EnrolledAsync(paid: false, 0);
        const string released = "SELECT count(*) FROM id_hash_registry WHERE released_at IS NOT NULL";
        var releasedBefore = await app.ScalarAsync<long>(released);

        var result = await RecordAsync(Clerk, resident, new LifeEventForm { Kind = LifeEventKind.Death, OccurredOn = Yesterday, Evidence = "死亡医学证明 No.123" });

        result.Recorded.ShouldBeTrue(string.Join("；", result.Errors.Values));
        result.Cancelled.Count.ShouldBe(1);
        result.KeptPaid.ShouldBeEmpty();
        (await StatusAsync(resident)).ShouldBe("deceased|2024-11-19|死亡医学证明 No.123");
        (await EnrollmentAsync(resident)).ShouldBe("cancelled|死亡（2024-11-19，证明材料：死亡医学证明 No.123）");
        (await app.ScalarAsync<long>(released)).ShouldBe(releasedBefore + 1);
        (await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'tz-baogou' AND action = 'update' AND entity IN ('residents', 'enrollments') AND (entity_key->>'id')::bigint IN ($1, (SELECT e.id FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.code = 'tengzhou-2025' WHERE e.resident_id = $1))",
            resident)).ShouldBe(2);
    }

    [Fact]
    public async Task Moving_out_keeps_a_paid_enrollment_and_says_so()
    {
        var resident = await EnrolledAsync(paid: true, 0);
        var before = await EnrollmentAsync(resident);

        var result = await RecordAsync(Clerk, resident, new LifeEventForm { Kind = LifeEventKind.MoveOut, OccurredOn = new DateOnly(2024, 11, 20), Evidence = "迁移证 鲁A2024-88" });

        result.Recorded.ShouldBeTrue(string.Join("；", result.Errors.Values));
        result.Cancelled.ShouldBeEmpty();
        result.KeptPaid.Count.ShouldBe(1);
        (await StatusAsync(resident)).ShouldBe("moved_out|2024-11-20|迁移证 鲁A2024-88");
        (await EnrollmentAsync(resident)).ShouldBe(before);
    }

    [Fact]
    public async Task A_future_date_a_missing_date_or_no_evidence_is_refused_and_nothing_changes()
    {
        var resident = await EnrolledAsync(paid: false, 1);
        var status = await StatusAsync(resident);
        var enrollment = await EnrollmentAsync(resident);

        var future = await RecordAsync(Clerk, resident, new LifeEventForm { Kind = LifeEventKind.Death, OccurredOn = new DateOnly(2024, 11, 21), Evidence = "证明" });
        var empty = await RecordAsync(Clerk, resident, new LifeEventForm { Kind = LifeEventKind.MoveOut, Evidence = "  " });
        var unknown = await RecordAsync(Clerk, resident, new LifeEventForm { Kind = (LifeEventKind)7, OccurredOn = Yesterday, Evidence = "证明" });

        future.Errors[nameof(LifeEventForm.OccurredOn)].ShouldBe("变动日期 2024-11-21 晚于今天 2024-11-20。");
        empty.Errors[nameof(LifeEventForm.OccurredOn)].ShouldBe("请填写变动日期。");
        empty.Errors[nameof(LifeEventForm.Evidence)].ShouldBe("请填写证明材料。");
        unknown.Errors[nameof(LifeEventForm.Kind)].ShouldBe("请选择变动类型（死亡或迁出）。");
        (await StatusAsync(resident)).ShouldBe(status);
        (await EnrollmentAsync(resident)).ShouldBe(enrollment);
    }

    [Fact]
    public async Task A_second_event_for_the_same_person_is_refused()
    {
        var resident = (await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 1)).Members[0];
        (await RecordAsync(Clerk, resident, new LifeEventForm { Kind = LifeEventKind.MoveOut, OccurredOn = Yesterday, Evidence = "迁移证" })).Recorded.ShouldBeTrue();

        var again = await RecordAsync(Clerk, resident, new LifeEventForm { Kind = LifeEventKind.Death, OccurredOn = Yesterday, Evidence = "死亡证明" });

        again.Errors[nameof(LifeEventForm.Kind)].ShouldBe("该人员已是“迁出”状态，不能再登记变动。");
        (await StatusAsync(resident)).ShouldBe("moved_out|2024-11-19|迁移证");
    }

    [Fact]
    public async Task The_heads_death_asks_for_a_new_head_and_another_township_cannot_record_anything()
    {
        var (household, members) = await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 2);
        var form = new LifeEventForm { Kind = LifeEventKind.Death, OccurredOn = Yesterday, Evidence = "死亡医学证明" };

        (await RecordAsync("tz-binhu", members[0], form)).ShouldBe(LifeEventResult.NotFound);
        (await StatusAsync(members[0])).ShouldStartWith("active|");

        var result = await RecordAsync(Clerk, members[0], form);

        result.HeadNeedsReplacing.ShouldBeTrue();
        await using var session = await app.SessionAsync(Clerk);
        var detail = (await session.Get<HouseholdQueries>().DetailAsync(household)).ShouldNotBeNull();
        detail.NeedsNewHead.ShouldBeTrue();
        // The deceased head hands over to the living member; the living become the only head.
        var made = await session.Get<HouseholdCommands>().MakeHeadAsync(new HeadChangeForm
        {
            HouseholdId = household, NewHeadId = members[1], OldHeadRelation = Data.Entities.RelationToHead.Parent,
        });
        made.Ok.ShouldBeTrue(made.Refusal);
        (await session.Get<HouseholdQueries>().DetailAsync(household)).ShouldNotBeNull().NeedsNewHead.ShouldBeFalse();
    }
}
