using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Households;

namespace Enrollment.Web.Tests.Households;

/// <summary>
/// The household page's reads and changes through its own query and commands, as the demo's clerks: every rule
/// (one head, nobody left headless, an emptied household removed, across townships a transfer) and every refusal,
/// with what is stored and audited.
/// </summary>
public sealed class HouseholdTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Clerk = "tz-baogou";

    private async Task<HouseholdChange> AsAsync(string login, Func<HouseholdCommands, Task<HouseholdChange>> change)
    {
        await using var session = await app.SessionAsync(login);
        return await change(session.Get<HouseholdCommands>());
    }

    private Task<HouseholdChange> AsClerkAsync(Func<HouseholdCommands, Task<HouseholdChange>> change) => AsAsync(Clerk, change);

    private Task<long> AuditsAsync(string entity, long id, string action = "update") => app.ScalarAsync<long>(
        "SELECT count(*) FROM audit_log WHERE actor = 'tz-baogou' AND entity = $1 AND action = $3 AND (entity_key->>'id')::bigint = $2",
        entity, id, action);

    [Fact]
    public async Task The_page_shows_the_head_first_and_each_members_standing_in_the_open_campaign()
    {
        var household = await app.HouseholdAsync("鲍沟镇", 3, 0);
        await using var session = await app.SessionAsync(Clerk);

        var detail = (await session.Get<HouseholdQueries>().DetailAsync(household)).ShouldNotBeNull();

        detail.Members[0].IsHead.ShouldBeTrue();
        detail.Members[0].Relation.ShouldBe(RelationToHead.Self);
        detail.Members.Count.ShouldBe((int)await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE household_id = $1", household));
        detail.Jurisdictions.ShouldContain("鲍沟镇");
        detail.Members.ShouldAllBe(m => m.Campaigns.Count == 1 && m.MaskedCitizenId.Contains("********"));
        foreach (var member in detail.Members)
        {
            var paid = await app.ScalarAsync<long>("""
                SELECT count(*) FROM payments p JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
                JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id AND c.code = 'tengzhou-2025'
                WHERE e.resident_id = $1 AND p.state = 'confirmed'
                """, member.Id);
            (member.Campaigns[0].Status == MemberCampaignStatus.Paid).ShouldBe(paid > 0);
            member.Campaigns[0].Payable.ShouldBe(await app.ScalarAsync<decimal?>(
                "SELECT e.quote_payable FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id AND c.code = 'tengzhou-2025' WHERE e.resident_id = $1",
                member.Id));
        }
    }

    [Fact]
    public async Task A_clerk_of_another_township_can_neither_open_nor_change_the_household()
    {
        var (household, members) = await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 2);
        var (head, other) = (members[0], members[1]);
        await using var session = await app.SessionAsync("tz-binhu");

        (await session.Get<HouseholdQueries>().DetailAsync(household)).ShouldBeNull();
        (await session.Get<HouseholdQueries>().OptionsAsync(household)).ShouldBeEmpty();
        var commands = session.Get<HouseholdCommands>();
        (await commands.MakeHeadAsync(new HeadChangeForm { HouseholdId = household, NewHeadId = other, OldHeadRelation = RelationToHead.Spouse }))
            .ShouldBe(HouseholdChange.NotFound);
        (await commands.ChangeRelationAsync(new RelationChangeForm { ResidentId = other, Relation = RelationToHead.Other })).ShouldBe(HouseholdChange.NotFound);
        (await commands.SplitAsync(new SplitForm { HouseholdId = household, NewHeadId = other, Members = [new() { ResidentId = other }] }))
            .ShouldBe(HouseholdChange.NotFound);

        (await app.HeadOfAsync(household)).ShouldBe(head);
        (await app.HouseholdOfAsync(other)).ShouldBe(household);
    }

    [Fact]
    public async Task A_members_relation_changes_but_never_to_self_and_never_the_heads()
    {
        var (household, members) = await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 2);
        var (head, member) = (members[0], members[1]);

        (await AsClerkAsync(c => c.ChangeRelationAsync(new() { ResidentId = member, Relation = RelationToHead.Self })))
            .Refusal.ShouldBe(HouseholdText.ChooseRelation);
        (await AsClerkAsync(c => c.ChangeRelationAsync(new() { ResidentId = head, Relation = RelationToHead.Spouse })))
            .Refusal.ShouldBe(HouseholdText.HeadKeepsSelf);
        (await AsClerkAsync(c => c.ChangeRelationAsync(new() { ResidentId = member, Relation = (RelationToHead)99 })))
            .Refusal.ShouldBe(HouseholdText.ChooseRelation);
        var audits = await AuditsAsync("residents", member);

        var changed = await AsClerkAsync(c => c.ChangeRelationAsync(new() { ResidentId = member, Relation = RelationToHead.Grandchild }));

        changed.Ok.ShouldBeTrue(changed.Refusal);
        (await app.RelationOfAsync(member)).ShouldBe("grandchild");
        (await app.RelationOfAsync(head)).ShouldBe("self");
        (await AuditsAsync("residents", member)).ShouldBe(audits + 1);
    }

    [Fact]
    public async Task Making_another_member_head_gives_the_old_head_the_chosen_relation_and_keeps_one_head()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var (household, members) = await app.NewHouseholdAsync(Clerk, village, 3);
        var (head, member) = (members[0], members[1]);
        var outsider = (await app.NewHouseholdAsync(Clerk, village, 2)).Members[1];

        (await AsClerkAsync(c => c.MakeHeadAsync(new() { HouseholdId = household, NewHeadId = outsider, OldHeadRelation = RelationToHead.Spouse })))
            .Refusal.ShouldBe(HouseholdText.NotAMember);
        (await AsClerkAsync(c => c.MakeHeadAsync(new() { HouseholdId = household, NewHeadId = head, OldHeadRelation = RelationToHead.Spouse })))
            .Refusal.ShouldBe(HouseholdText.AlreadyHead);
        (await AsClerkAsync(c => c.MakeHeadAsync(new() { HouseholdId = household, NewHeadId = member, OldHeadRelation = RelationToHead.Self })))
            .Refusal.ShouldBe(HouseholdText.ChooseRelation);
        (await AsClerkAsync(c => c.MakeHeadAsync(new() { HouseholdId = household, NewHeadId = member, OldHeadRelation = null })))
            .Refusal.ShouldBe(HouseholdText.ChooseRelation);
        (await app.HeadOfAsync(household)).ShouldBe(head);
        var audits = await AuditsAsync("households", household);

        var made = await AsClerkAsync(c => c.MakeHeadAsync(new() { HouseholdId = household, NewHeadId = member, OldHeadRelation = RelationToHead.Parent }));

        made.Ok.ShouldBeTrue(made.Refusal);
        (await app.HeadOfAsync(household)).ShouldBe(member);
        (await app.RelationOfAsync(member)).ShouldBe("self");
        (await app.RelationOfAsync(head)).ShouldBe("parent");
        (await app.SelvesAsync(household)).ShouldBe(1);
        (await AuditsAsync("households", household)).ShouldBe(audits + 1);
    }

    [Fact]
    public async Task The_database_refuses_a_second_self_in_a_household_at_commit()
    {
        var member = (await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 2)).Members[1];

        var refused = await Should.ThrowAsync<Npgsql.PostgresException>(() =>
            app.ScalarAsync<object>("UPDATE residents SET relation_to_head = 'self' WHERE id = $1", member));

        refused.ConstraintName.ShouldBe("residents_one_head_per_household");
    }

    [Fact]
    public async Task A_member_moves_within_the_village_and_the_household_they_empty_is_removed()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var (household, members) = await app.NewHouseholdAsync(Clerk, village, 2);
        var (head, member) = (members[0], members[1]);
        var target = (await app.NewHouseholdAsync(Clerk, village, 1)).Household;

        (await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = head, TargetHouseholdId = target, Relation = RelationToHead.Other })))
            .Refusal.ShouldBe(HouseholdText.HeadCannotLeave);
        (await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = member, TargetHouseholdId = household, Relation = RelationToHead.Other })))
            .Refusal.ShouldBe(HouseholdText.SameHousehold);
        (await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = member, TargetHouseholdId = target, Relation = RelationToHead.Self })))
            .Refusal.ShouldBe(HouseholdText.ChooseRelation);

        var moved = await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = member, TargetHouseholdId = target, Relation = RelationToHead.Sibling }));
        moved.Ok.ShouldBeTrue(moved.Refusal);
        (await app.HouseholdOfAsync(member)).ShouldBe(target);
        (await app.RelationOfAsync(member)).ShouldBe("sibling");

        // The head is now alone: moving them empties the household, which is removed (audited).
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE household_id = $1", household)).ShouldBe(1);
        var last = await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = head, TargetHouseholdId = target, Relation = RelationToHead.Sibling }));
        last.Ok.ShouldBeTrue(last.Refusal);
        (await app.HouseholdExistsAsync(household)).ShouldBe(0);
        (await AuditsAsync("households", household, "delete")).ShouldBe(1);
        (await app.SelvesAsync(target)).ShouldBe(1);
    }

    [Fact]
    public async Task Across_villages_of_the_township_the_member_takes_the_new_village_across_townships_it_is_a_transfer()
    {
        var (household, members) = await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 2);
        var member = members[1];
        var otherVillage = (await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇", last: true), 1)).Household;
        var binhu = await app.HouseholdAsync("滨湖镇", 1, 0);

        // The clerk cannot see 滨湖镇, the county administrator can: both are told it is a transfer.
        (await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = member, TargetHouseholdId = binhu, Relation = RelationToHead.Other })))
            .Refusal.ShouldBe(HouseholdText.IsATransfer);
        (await AsAsync("tz-admin", c => c.MoveAsync(new() { ResidentId = member, TargetHouseholdId = binhu, Relation = RelationToHead.Other })))
            .Refusal.ShouldBe(HouseholdText.IsATransfer);
        (await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = member, TargetHouseholdId = 999_999_999, Relation = RelationToHead.Other })))
            .Refusal.ShouldBe(HouseholdText.TargetOutOfScope);
        (await app.HouseholdOfAsync(member)).ShouldBe(household);

        var moved = await AsClerkAsync(c => c.MoveAsync(new() { ResidentId = member, TargetHouseholdId = otherVillage, Relation = RelationToHead.Other }));

        moved.Ok.ShouldBeTrue(moved.Refusal);
        (await app.ScalarAsync<long>("SELECT village_id FROM residents WHERE id = $1", member))
            .ShouldBe(await app.ScalarAsync<long>("SELECT village_id FROM households WHERE id = $1", otherVillage));
    }

    [Fact]
    public async Task A_split_takes_chosen_members_into_a_new_household_headed_by_one_of_them()
    {
        var (household, members) = await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇"), 4);
        var (head, a, b) = (members[0], members[1], members[2]);

        (await AsClerkAsync(c => c.SplitAsync(new() { HouseholdId = household, NewHeadId = a }))).Refusal.ShouldBe(HouseholdText.SplitNeedsMembers);
        (await AsClerkAsync(c => c.SplitAsync(new() { HouseholdId = household, NewHeadId = head, Members = [new() { ResidentId = head }] })))
            .Refusal.ShouldBe(HouseholdText.HeadCannotLeave);
        (await AsClerkAsync(c => c.SplitAsync(new() { HouseholdId = household, NewHeadId = b, Members = [new() { ResidentId = a, Relation = RelationToHead.Spouse }] })))
            .Refusal.ShouldBe(HouseholdText.SplitHeadAmongMembers);
        (await AsClerkAsync(c => c.SplitAsync(new()
        {
            HouseholdId = household, NewHeadId = a, Members = [new() { ResidentId = a }, new() { ResidentId = b }],
        }))).Refusal.ShouldBe(HouseholdText.ChooseRelation);

        var split = await AsClerkAsync(c => c.SplitAsync(new()
        {
            HouseholdId = household, NewHeadId = a, Address = "分户新址8号",
            Members = [new() { ResidentId = a }, new() { ResidentId = b, Relation = RelationToHead.Spouse }],
        }));

        split.Ok.ShouldBeTrue(split.Refusal);
        var created = split.HouseholdId.ShouldNotBeNull();
        created.ShouldNotBe(household);
        (await app.HeadOfAsync(created)).ShouldBe(a);
        (await app.RelationOfAsync(a)).ShouldBe("self");
        (await app.RelationOfAsync(b)).ShouldBe("spouse");
        (await app.HouseholdOfAsync(b)).ShouldBe(created);
        (await app.ScalarAsync<string>("SELECT address FROM households WHERE id = $1", created)).ShouldBe("分户新址8号");
        (await app.HeadOfAsync(household)).ShouldBe(head);
        (await app.SelvesAsync(household)).ShouldBe(1);
        (await AuditsAsync("households", created, "insert")).ShouldBe(1);
    }

    [Fact]
    public async Task A_household_of_the_same_village_merges_in_and_is_removed()
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var household = (await app.NewHouseholdAsync(Clerk, village, 2)).Household;
        var (other, incoming) = await app.NewHouseholdAsync(Clerk, village, 3);
        var otherVillage = (await app.NewHouseholdAsync(Clerk, await app.VillageOfAsync("鲍沟镇", last: true), 1)).Household;

        (await AsClerkAsync(c => c.MergeAsync(new() { HouseholdId = household, OtherHouseholdId = otherVillage })))
            .Refusal.ShouldBe(HouseholdText.MergeOtherVillage);
        (await AsClerkAsync(c => c.MergeAsync(new() { HouseholdId = household, OtherHouseholdId = other, Members = [new() { ResidentId = incoming[0], Relation = RelationToHead.Child }] })))
            .Refusal.ShouldBe(HouseholdText.MergeRelations);
        (await AsClerkAsync(c => c.MergeAsync(new() { HouseholdId = household, OtherHouseholdId = household })))
            .Refusal.ShouldBe(HouseholdText.SameHousehold);

        var merged = await AsClerkAsync(c => c.MergeAsync(new()
        {
            HouseholdId = household, OtherHouseholdId = other,
            Members = [.. incoming.Select(id => new MemberRelation { ResidentId = id, Relation = RelationToHead.Child })],
        }));

        merged.Ok.ShouldBeTrue(merged.Refusal);
        (await app.HouseholdExistsAsync(other)).ShouldBe(0);
        foreach (var id in incoming)
        {
            (await app.HouseholdOfAsync(id)).ShouldBe(household);
            (await app.RelationOfAsync(id)).ShouldBe("child");
        }
        (await app.SelvesAsync(household)).ShouldBe(1);
        (await AuditsAsync("households", other, "delete")).ShouldBe(1);
    }
}
