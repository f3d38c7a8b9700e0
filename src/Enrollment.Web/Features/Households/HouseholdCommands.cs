using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Households;

/// <summary>
/// 家庭户变动: relation, head, moving a member, split and merge. Each call checks the permission table and works in a
/// context of its own acting for the user, so a household or member outside the subtree is not found. Every change
/// goes through the context (audited); the rules live in <see cref="HouseholdRules"/>. A household has exactly one
/// head at every commit (the database's deferred one-head constraint backs the rules), and a household a move or a
/// merge leaves empty is deleted (the audit log keeps its last state).
/// </summary>
public sealed class HouseholdCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<HouseholdChange> ChangeRelationAsync(RelationChangeForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var member = await db.Residents.Include(r => r.Household).SingleOrDefaultAsync(r => r.Id == form.ResidentId, cancellationToken);
        if (member?.Household is not { } household)
        {
            return HouseholdChange.NotFound;
        }
        var refusal = HouseholdRules.Relation(form.Relation)
            ?? (member.Id == household.HeadResidentId ? HouseholdText.HeadKeepsSelf : null)
            ?? HouseholdRules.Active(member);
        if (refusal is not null)
        {
            return HouseholdChange.Refused(refusal);
        }
        member.RelationToHead = form.Relation;
        return await SaveAsync(db, household.Id, cancellationToken);
    }

    public async Task<HouseholdChange> MakeHeadAsync(HeadChangeForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var (household, members) = await HouseholdRules.WithMembersAsync(db, form.HouseholdId, cancellationToken);
        if (household is null)
        {
            return HouseholdChange.NotFound;
        }
        var newHead = members.SingleOrDefault(m => m.Id == form.NewHeadId);
        var refusal = newHead is null ? HouseholdText.NotAMember
            : newHead.Id == household.HeadResidentId ? HouseholdText.AlreadyHead
            : HouseholdRules.Active(newHead) ?? HouseholdRules.Relation(form.OldHeadRelation);
        if (refusal is not null)
        {
            return HouseholdChange.Refused(refusal);
        }
        // Every other member who still says 本人 (an old head, or data loaded without a head) takes the chosen relation.
        foreach (var old in members.Where(m => m.Id != newHead!.Id && (m.Id == household.HeadResidentId || m.RelationToHead == RelationToHead.Self)))
        {
            old.RelationToHead = form.OldHeadRelation;
        }
        newHead!.RelationToHead = RelationToHead.Self;
        household.HeadResidentId = newHead.Id;
        return await SaveAsync(db, household.Id, cancellationToken);
    }

    public async Task<HouseholdChange> MoveAsync(MoveForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var member = await db.Residents.Include(r => r.Household).ThenInclude(h => h!.Village)
            .SingleOrDefaultAsync(r => r.Id == form.ResidentId, cancellationToken);
        if (member?.Household is not { } source)
        {
            return HouseholdChange.NotFound;
        }
        var (target, refusal) = await HouseholdRules.TargetAsync(db, source, form.TargetHouseholdId, cancellationToken);
        refusal ??= HouseholdRules.Relation(form.Relation) ?? HouseholdRules.Active(member);
        var others = await db.Residents.CountAsync(r => r.HouseholdId == source.Id && r.Id != member.Id, cancellationToken);
        if (refusal is null && member.Id == source.HeadResidentId && others > 0)
        {
            refusal = HouseholdText.HeadCannotLeave;
        }
        if (refusal is not null)
        {
            return HouseholdChange.Refused(refusal);
        }
        // Within the township the person's village follows the household: the township's open campaigns cover both
        // villages, so their enrollment stays as it is and only the village it counts for changes.
        member.Household = target;
        member.VillageId = target!.VillageId;
        member.RelationToHead = form.Relation;
        return await SaveAndRemoveEmptyAsync(db, target.Id, others == 0 ? source : null, cancellationToken);
    }

    public async Task<HouseholdChange> SplitAsync(SplitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var (household, members) = await HouseholdRules.WithMembersAsync(db, form.HouseholdId, cancellationToken);
        if (household is null)
        {
            return HouseholdChange.NotFound;
        }
        var (leaving, refusal) = HouseholdRules.Split(form, household, members);
        if (refusal is not null)
        {
            return HouseholdChange.Refused(refusal);
        }
        var address = HouseholdRules.Address(form.Address);
        if (address.Problem is not null)
        {
            return HouseholdChange.Refused(address.Problem);
        }
        var split = new Household { TenantId = household.TenantId, VillageId = household.VillageId, Address = address.Value ?? household.Address, HeadResidentId = form.NewHeadId, CreatedAt = clock.GetUtcNow() };
        foreach (var (member, relation) in leaving)
        {
            member.Household = split;
            member.RelationToHead = member.Id == form.NewHeadId ? RelationToHead.Self : relation;
        }
        db.Households.Add(split);
        var saved = await SaveAsync(db, 0, cancellationToken);
        return saved.Ok ? HouseholdChange.Done(split.Id) : saved;
    }

    public async Task<HouseholdChange> MergeAsync(MergeForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var household = await db.Households.Include(h => h.Village).SingleOrDefaultAsync(h => h.Id == form.HouseholdId, cancellationToken);
        if (household is null)
        {
            return HouseholdChange.NotFound;
        }
        var (other, refusal) = await HouseholdRules.TargetAsync(db, household, form.OtherHouseholdId, cancellationToken);
        if (refusal is null && other!.VillageId != household.VillageId)
        {
            refusal = HouseholdText.MergeOtherVillage;
        }
        if (refusal is not null)
        {
            return HouseholdChange.Refused(refusal);
        }
        var incoming = await db.Residents.Where(r => r.HouseholdId == other!.Id).ToListAsync(cancellationToken);
        var relations = form.Members.GroupBy(m => m.ResidentId).ToDictionary(g => g.Key, g => g.Last().Relation);
        if (incoming.Any(m => !relations.TryGetValue(m.Id, out var r) || HouseholdRules.Relation(r) is not null))
        {
            return HouseholdChange.Refused(HouseholdText.MergeRelations);
        }
        foreach (var member in incoming)
        {
            member.HouseholdId = household.Id;
            member.RelationToHead = relations[member.Id];
        }
        return await SaveAndRemoveEmptyAsync(db, household.Id, other, cancellationToken);
    }

    /// <summary>Saves the members' moves, then deletes the household they left empty, in one transaction.</summary>
    private static async Task<HouseholdChange> SaveAndRemoveEmptyAsync(
        EnrollmentDbContext db, long householdId, Household? emptied, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await SaveAsync(db, householdId, cancellationToken);
        if (saved.Ok && emptied is not null)
        {
            db.Households.Remove(emptied);
            saved = await SaveAsync(db, householdId, cancellationToken);
        }
        if (!saved.Ok)
        {
            return saved;
        }
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e) when (HouseholdRules.IsOneHeadViolation(e))
        {
            return HouseholdChange.Refused(HouseholdText.Stale);
        }
        return saved;
    }

    /// <summary>
    /// A row changed by someone else since it was read (a row version), or a second head committed a moment earlier
    /// (the deferred constraint): the clerk is told to reload, and nothing is written.
    /// </summary>
    private static async Task<HouseholdChange> SaveAsync(EnrollmentDbContext db, long householdId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return HouseholdChange.Done(householdId);
        }
        catch (DbUpdateConcurrencyException)
        {
            return HouseholdChange.Refused(HouseholdText.Stale);
        }
        catch (Exception e) when (HouseholdRules.IsOneHeadViolation(e))
        {
            return HouseholdChange.Refused(HouseholdText.Stale);
        }
    }
}
