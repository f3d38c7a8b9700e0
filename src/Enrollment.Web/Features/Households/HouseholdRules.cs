using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Households;

/// <summary>The rules of household changes, each answering the Chinese refusal or null.</summary>
internal static class HouseholdRules
{
    /// <summary>The deferred constraint of migration 0016: at most one member says 本人.</summary>
    public const string OneHeadConstraint = "residents_one_head_per_household";

    /// <summary>A relation from the list, and not 本人 (only the head is that, and only 更换户主 makes a head).</summary>
    public static string? Relation(RelationToHead? relation) =>
        relation is not { } r || !Enum.IsDefined(r) || r == RelationToHead.Self ? HouseholdText.ChooseRelation : null;

    public static string? Active(Resident member) => member.Status == ResidentStatus.Active ? null : HouseholdText.NotActive;

    public static TextResult Address(string? address) => TextInput.Read(address, "家庭住址", RegisterRules.AddressMax);

    /// <summary>The household (tracked) and all its members, whatever their status; null when outside the subtree.</summary>
    public static async Task<(Household? Household, List<Resident> Members)> WithMembersAsync(
        EnrollmentDbContext db, long householdId, CancellationToken cancellationToken)
    {
        var household = await db.Households.SingleOrDefaultAsync(h => h.Id == householdId, cancellationToken);
        return household is null ? (null, []) : (household, await db.Residents.Where(r => r.HouseholdId == household.Id).ToListAsync(cancellationToken));
    }

    public static bool IsOneHeadViolation(Exception e) =>
        (e as PostgresException ?? e.InnerException as PostgresException) is { ConstraintName: OneHeadConstraint };

    /// <summary>
    /// The household a member moves into (or that merges in): in the user's subtree and the same township. One of
    /// another township is a transfer (转移), said so even when it lies outside the subtree — that it is a household
    /// elsewhere in the county is all the answer tells.
    /// </summary>
    public static async Task<(Household? Target, string? Refusal)> TargetAsync(
        EnrollmentDbContext db, Household source, long targetId, CancellationToken cancellationToken)
    {
        if (targetId == source.Id)
        {
            return (null, HouseholdText.SameHousehold);
        }
        var sourcePath = source.Village?.Path
            ?? await db.Jurisdictions.Where(j => j.Id == source.VillageId).Select(j => j.Path).SingleAsync(cancellationToken);
        var target = await db.Households.Include(h => h.Village).SingleOrDefaultAsync(h => h.Id == targetId, cancellationToken);
        if (target is not null)
        {
            return HouseholdPlaces.SameTownship(sourcePath, target.Village!.Path) ? (target, null) : (null, HouseholdText.IsATransfer);
        }
        var elsewhere = await db.Households.IgnoreQueryFilters([QueryFilters.Jurisdiction])
            .Where(h => h.Id == targetId).Select(h => h.Village!.Path).SingleOrDefaultAsync(cancellationToken);
        return (null, elsewhere is not null && !HouseholdPlaces.SameTownship(sourcePath, elsewhere) ? HouseholdText.IsATransfer : HouseholdText.TargetOutOfScope);
    }

    /// <summary>The members a split takes along with their relations, or why it cannot be done.</summary>
    public static (List<(Resident Member, RelationToHead? Relation)> Leaving, string? Refusal) Split(
        SplitForm form, Household household, IReadOnlyList<Resident> members)
    {
        var chosen = form.Members.GroupBy(m => m.ResidentId).Select(g => g.Last()).ToList();
        if (chosen.Count == 0)
        {
            return ([], HouseholdText.SplitNeedsMembers);
        }
        var leaving = new List<(Resident, RelationToHead?)>();
        foreach (var choice in chosen)
        {
            if (members.SingleOrDefault(m => m.Id == choice.ResidentId) is not { } member)
            {
                return ([], HouseholdText.NotAMember);
            }
            var refusal = Active(member)
                ?? (member.Id == household.HeadResidentId ? HouseholdText.HeadCannotLeave : null)
                // The new head's relation is 本人 whatever was sent, but a value off the list is refused, not ignored.
                ?? (member.Id != form.NewHeadId ? Relation(choice.Relation)
                    : choice.Relation is { } r && !Enum.IsDefined(r) ? HouseholdText.ChooseRelation : null);
            if (refusal is not null)
            {
                return ([], refusal);
            }
            leaving.Add((member, choice.Relation));
        }
        if (leaving.Count >= members.Count)
        {
            return ([], HouseholdText.SplitNotEveryone);
        }
        return leaving.Any(l => l.Item1.Id == form.NewHeadId) ? (leaving, null) : ([], HouseholdText.SplitHeadAmongMembers);
    }
}
