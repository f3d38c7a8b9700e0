using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Tests.Households;

namespace Enrollment.Web.Tests.Security;

/// <summary>The walks of the household page's changes, the life events and the resident edit.</summary>
internal static partial class BadInputWalks
{
    private static Outcome HouseholdOutcome(object? answer) => answer switch
    {
        HouseholdChange { Ok: true } => Outcome.Stored,
        HouseholdChange { Found: false } => Outcome.NotFound,
        HouseholdChange change => Outcome.Refused(change.Refusal),
        _ => throw new InvalidOperationException("no change"),
    };

    /// <summary>A household of its own (head first), made anew after a call that wrote.</summary>
    private static Task<(long Household, long[] Members)> OwnHouseholdAsync(DemoApp app, Places p, WalkState state, string key, int members) =>
        state.KeepAsync(key, () => app.NewHouseholdAsync(Clerk, p.Village, members));

    private static IEnumerable<HandlerWalk> Households(DemoApp app, Places p)
    {
        Func<object?, string, Outcome> judge = (r, _) => HouseholdOutcome(r);
        IReadOnlyList<BadValue> Ids(string field) =>
            Is(field, "HouseholdId", "TargetHouseholdId", "OtherHouseholdId") ? p.ForeignHouseholds
            : Is(field, "ResidentId", "NewHeadId") ? p.ForeignResidents
            : [];
        HandlerWalk Walk(string method, Func<WalkState, Task<object?[]>> arguments) => new()
        {
            Service = typeof(HouseholdCommands), Method = method, Login = Clerk, Arguments = arguments, Judge = judge, Ids = Ids,
            // Within the township a member may move into a household of another village (the village follows the household).
            Accepts = (field, v) => Is(field, "TargetHouseholdId") && v.Value is long id && id == p.HouseholdOfOtherVillage,
        };
        yield return Walk(nameof(HouseholdCommands.ChangeRelationAsync), async s =>
            [new RelationChangeForm { ResidentId = (await OwnHouseholdAsync(app, p, s, "h", 2)).Members[1], Relation = RelationToHead.Spouse }]);
        yield return Walk(nameof(HouseholdCommands.MakeHeadAsync), async s => (await OwnHouseholdAsync(app, p, s, "h", 2)) is var (h, m)
            ? [new HeadChangeForm { HouseholdId = h, NewHeadId = m[1], OldHeadRelation = RelationToHead.Parent }] : []);
        yield return Walk(nameof(HouseholdCommands.MoveAsync), async s =>
            [new MoveForm
            {
                ResidentId = (await OwnHouseholdAsync(app, p, s, "h", 2)).Members[1],
                TargetHouseholdId = (await OwnHouseholdAsync(app, p, s, "target", 1)).Household, Relation = RelationToHead.Sibling,
            }]);
        yield return Walk(nameof(HouseholdCommands.SplitAsync), async s => (await OwnHouseholdAsync(app, p, s, "h", 3)) is var (h, m)
            ? [new SplitForm
            {
                HouseholdId = h, NewHeadId = m[1], Address = "分户地址1号",
                Members = [new MemberRelation { ResidentId = m[1] }, new MemberRelation { ResidentId = m[2], Relation = RelationToHead.Spouse }],
            }] : []);
        yield return Walk(nameof(HouseholdCommands.MergeAsync), async s =>
        {
            var (h, _) = await OwnHouseholdAsync(app, p, s, "h", 1);
            var (other, incoming) = await OwnHouseholdAsync(app, p, s, "other", 2);
            return [new MergeForm
            {
                HouseholdId = h, OtherHouseholdId = other,
                Members = [.. incoming.Select(id => new MemberRelation { ResidentId = id, Relation = RelationToHead.Child })],
            }];
        });
        yield return new HandlerWalk
        {
            Service = typeof(HouseholdQueries), Method = nameof(HouseholdQueries.DetailAsync), Login = Clerk,
            Arguments = _ => Task.FromResult<object?[]>([p.Household]), Ids = _ => p.ForeignHouseholds,
        };
        yield return new HandlerWalk
        {
            Service = typeof(HouseholdQueries), Method = nameof(HouseholdQueries.OptionsAsync), Login = Clerk,
            Arguments = _ => Task.FromResult<object?[]>([p.Household]), Ids = _ => p.ForeignHouseholds,
        };
    }

    private static IEnumerable<HandlerWalk> ResidentChanges(DemoApp app, Places p)
    {
        yield return new HandlerWalk
        {
            Service = typeof(LifeEventCommands), Method = nameof(LifeEventCommands.RecordAsync), Login = Clerk,
            Arguments = async s => [(await OwnHouseholdAsync(app, p, s, "h", 1)).Members[0],
                new LifeEventForm { Kind = LifeEventKind.Death, OccurredOn = new DateOnly(2024, 11, 19), Evidence = "死亡医学证明" }],
            Judge = (r, _) => r switch
            {
                LifeEventResult { Recorded: true } => Outcome.Stored,
                LifeEventResult { Found: false } => Outcome.NotFound,
                LifeEventResult x => Outcome.Refused(x.Errors.Values),
                _ => throw new InvalidOperationException("no result"),
            },
            Ids = field => Is(field, "residentId") ? p.ForeignResidents : [],
        };
        yield return new HandlerWalk
        {
            Service = typeof(ResidentEditCommands), Method = nameof(ResidentEditCommands.SaveAsync), Login = Clerk,
            Arguments = async s =>
            {
                var resident = (await OwnHouseholdAsync(app, p, s, "h", 1)).Members[0];
                await using var session = await app.SessionAsync(Clerk);
                var form = (await session.Get<ResidentEditCommands>().EditAsync(resident))!.Form;
                form.Name = "王测试改";
                form.Phone = "13912345678";
                return [form];
            },
            Judge = (r, _) => r switch
            {
                ResidentEditResult { Saved: true } => Outcome.Stored,
                ResidentEditResult { Found: false } => Outcome.NotFound,
                ResidentEditResult x => Outcome.Refused([.. x.Errors.Values, .. x.Conflicts.Count > 0 ? [ResidentEditText.Conflict] : Array.Empty<string>()]),
                _ => throw new InvalidOperationException("no result"),
            },
            // What the clerk started from (Loaded) and the versions are compared only to tell a conflict: a version
            // that moved while the values the clerk started from are still stored saves, and Loaded is never written.
            Accepts = (field, _) => Is(field, "ResidentVersion", "HouseholdVersion") || field.Contains(".Loaded", StringComparison.Ordinal),
            MustRefuse = (field, v) => Is(field, "Name") ? NotAName(v) : Is(field, "Phone") ? NotAMobile(v) : Is(field, "HukouType") && AnyText(v),
            Ids = field => Is(field, "ResidentId") ? p.ForeignResidents : [],
        };
        yield return new HandlerWalk
        {
            Service = typeof(ResidentEditCommands), Method = nameof(ResidentEditCommands.EditAsync), Login = Clerk,
            Arguments = _ => Task.FromResult<object?[]>([p.BinhuResident]), Ids = _ => p.ForeignResidents,
        };
    }
}
