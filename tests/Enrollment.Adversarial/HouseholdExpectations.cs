using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Residents;

namespace Enrollment.Adversarial;

/// <summary>
/// The household page's and the resident page's changes: allowed calls stop at a rule (nothing written), refused
/// calls carry a real change, so a missing scope check would write and be caught.
/// </summary>
public static partial class HandlerExpectations
{
    private static bool Registers(Actor a, Person r) => Can(a, Operation.RegisterResidents) && InScope(a, r.TenantId, r.Path);

    private static bool Registers(Actor a, Place v) => Can(a, Operation.RegisterResidents) && InScope(a, v.TenantId, v.Path);

    /// <summary>The world's household of each village (a missing id for the village that does not exist).</summary>
    private static IEnumerable<(Place Village, long Household)> Households(HandlerWorld w) =>
        w.Villages.Select(v => (v, w.Households.GetValueOrDefault(v.Id, HandlerWorld.Missing)));

    private static Task<long> MemberOfAsync(HandlerWorld w, long household) => w.App.ScalarAsync<long>(
        "SELECT r.id FROM residents r JOIN households h ON h.tenant_id = r.tenant_id AND h.id = r.household_id WHERE h.id = $1 ORDER BY r.id = h.head_resident_id, r.id LIMIT 1",
        household);

    private static Task<long> NeighbourOfAsync(HandlerWorld w, long household) => w.App.ScalarAsync<long>(
        "SELECT h.id FROM households h JOIN households x ON x.tenant_id = h.tenant_id AND x.village_id = h.village_id WHERE x.id = $1 AND h.id <> x.id ORDER BY h.id DESC LIMIT 1",
        household);

    private static Func<object?, Task<string?>> StoppedByARule => That<HouseholdChange>(c => c.Found && c.Refusal is not null);

    private static IEnumerable<HandlerProbe> HouseholdDetails(Actor a, HandlerWorld w) => Households(w).Select(h =>
        new HandlerProbe(h.Village.Label, Can(a, Operation.ReadResidents) && InScope(a, h.Village.TenantId, h.Village.Path),
            s => Box(s.Get<HouseholdQueries>().DetailAsync(h.Household)))
        {
            Check = That<HouseholdDetail>(d => d.Id == h.Household && d.Members.Count > 0),
        });

    private static IEnumerable<HandlerProbe> HouseholdOptions(Actor a, HandlerWorld w) => Households(w).Select(h =>
        new HandlerProbe(h.Village.Label, Registers(a, h.Village), s => Box(s.Get<HouseholdQueries>().OptionsAsync(h.Household)))
        {
            Check = That<IReadOnlyList<HouseholdOption>>(o => o.All(x => x.Id != h.Household)),
        });

    private static IEnumerable<HandlerProbe> RelationChanges(Actor a, HandlerWorld w) => w.Residents.Select(r => Registers(a, r)
        // Allowed: 本人, which only a change of head gives; refused: a real change.
        ? new HandlerProbe(r.Label, true, s => Box(s.Get<HouseholdCommands>().ChangeRelationAsync(new() { ResidentId = r.Id, Relation = RelationToHead.Self })))
        {
            Check = StoppedByARule,
        }
        : new HandlerProbe(r.Label, false, s => Box(s.Get<HouseholdCommands>().ChangeRelationAsync(new() { ResidentId = r.Id, Relation = RelationToHead.Other }))));

    private static IEnumerable<HandlerProbe> HeadChanges(Actor a, HandlerWorld w) => Households(w).Select(h => new HandlerProbe(
        h.Village.Label, Registers(a, h.Village), async s =>
        {
            var member = await MemberOfAsync(w, h.Household);
            // Allowed: no relation for the old head; refused: everything a change of head needs.
            return await s.Get<HouseholdCommands>().MakeHeadAsync(new()
            {
                HouseholdId = h.Household, NewHeadId = member, OldHeadRelation = Registers(a, h.Village) ? null : RelationToHead.Spouse,
            });
        })
    {
        Check = StoppedByARule,
    });

    private static IEnumerable<HandlerProbe> MemberMoves(Actor a, HandlerWorld w) => w.Residents.Select(r => new HandlerProbe(
        r.Label, Registers(a, r), async s =>
        {
            var household = await w.App.ScalarAsync<long>("SELECT coalesce(household_id, 0) FROM residents WHERE id = $1", r.Id);
            // Allowed: into the household they are in; refused: into a neighbour of the same village.
            var target = Registers(a, r) ? household : await NeighbourOfAsync(w, household);
            return await s.Get<HouseholdCommands>().MoveAsync(new() { ResidentId = r.Id, TargetHouseholdId = target, Relation = RelationToHead.Other });
        })
    {
        Check = StoppedByARule,
    });

    private static IEnumerable<HandlerProbe> Splits(Actor a, HandlerWorld w) => Households(w).Select(h => new HandlerProbe(
        h.Village.Label, Registers(a, h.Village), async s =>
        {
            var member = await MemberOfAsync(w, h.Household);
            // Allowed: nobody chosen; refused: a member leaving as the head of a new household.
            return await s.Get<HouseholdCommands>().SplitAsync(new()
            {
                HouseholdId = h.Household, NewHeadId = member, Members = Registers(a, h.Village) ? [] : [new() { ResidentId = member }],
            });
        })
    {
        Check = StoppedByARule,
    });

    private static IEnumerable<HandlerProbe> Merges(Actor a, HandlerWorld w) => Households(w).Select(h => new HandlerProbe(
        h.Village.Label, Registers(a, h.Village), async s =>
        {
            if (Registers(a, h.Village))
            {
                return await s.Get<HouseholdCommands>().MergeAsync(new() { HouseholdId = h.Household, OtherHouseholdId = h.Household });
            }
            // Refused: a neighbour with a relation for each of its members.
            var other = await NeighbourOfAsync(w, h.Household);
            var members = await w.App.ScalarAsync<long[]>("SELECT array_agg(id) FROM residents WHERE household_id = $1", other) ?? [];
            return await s.Get<HouseholdCommands>().MergeAsync(new()
            {
                HouseholdId = h.Household, OtherHouseholdId = other,
                Members = [.. members.Select(m => new MemberRelation { ResidentId = m, Relation = RelationToHead.Other })],
            });
        })
    {
        Check = StoppedByARule,
    });

    private static IEnumerable<HandlerProbe> LifeEvents(Actor a, HandlerWorld w) => w.Residents.Select(r => new HandlerProbe(
        r.Label, Registers(a, r), s => Box(s.Get<LifeEventCommands>().RecordAsync(r.Id, new LifeEventForm
        {
            // Allowed: a date after today (the business date is 2024-11-20); refused: a complete record of a death.
            Kind = LifeEventKind.Death, OccurredOn = Registers(a, r) ? BusinessDate.AddDays(1) : BusinessDate, Evidence = "对抗测试证明",
        })))
    {
        Check = That<LifeEventResult>(x => x.Found && !x.Recorded),
    });

    private static IEnumerable<HandlerProbe> ResidentEdits(Actor a, HandlerWorld w) => w.Residents.Select(r =>
        new HandlerProbe(r.Label, Registers(a, r), s => Box(s.Get<ResidentEditCommands>().EditAsync(r.Id)))
        {
            Check = That<ResidentEditView>(v => v.Form.ResidentId == r.Id && v.Form.Name == r.Name),
        });

    private static IEnumerable<HandlerProbe> ResidentSaves(Actor a, HandlerWorld w) => w.Residents.Select(r => new HandlerProbe(
        r.Label, Registers(a, r), async s =>
        {
            // The stored row versions, so a refused call would save; allowed: a blank name, which the rules refuse.
            var versions = await w.App.ScalarAsync<string?>(
                "SELECT r.xmin::text || '|' || coalesce(h.xmin::text, '') FROM residents r LEFT JOIN households h ON h.id = r.household_id WHERE r.id = $1", r.Id);
            var parts = (versions ?? "0|").Split('|');
            return await s.Get<ResidentEditCommands>().SaveAsync(new ResidentEditForm
            {
                ResidentId = r.Id, Name = Registers(a, r) ? " " : "对抗测试改名", HukouType = "local", Address = "对抗测试地址",
                ResidentVersion = uint.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                HouseholdVersion = parts[1].Length > 0 ? uint.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : null,
            });
        })
    {
        Check = That<ResidentEditResult>(x => x.Found && !x.Saved && x.Errors.Count > 0),
    });
}
