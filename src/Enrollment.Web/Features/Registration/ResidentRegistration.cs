using Enrollment.Data;
using Enrollment.Data.Enrolling;
using Enrollment.Data.Entities;
using Enrollment.Web.Hosting;
using Enrollment.Web.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Registration;

/// <summary>
/// Saves a checked registration through the DbContext (audited; the duplicate registry is written with the
/// resident). A new household is created with the resident as its head. The resident is enrolled in the open
/// campaign(s) of their village with their quote in the same transaction (<see cref="RegistrationEnrollment"/>).
/// </summary>
internal static class ResidentRegistration
{
    /// <summary>The village is in the user's subtree (the query filter decides).</summary>
    public static Task<bool> VillageInScopeAsync(EnrollmentDbContext db, long villageId, CancellationToken cancellationToken = default) =>
        db.Jurisdictions.AnyAsync(j => j.Id == villageId && j.Level == JurisdictionLevel.Village, cancellationToken);

    /// <summary>The household exists in that village, in the user's subtree.</summary>
    public static Task<bool> HouseholdInVillageAsync(EnrollmentDbContext db, long householdId, long villageId, CancellationToken cancellationToken = default) =>
        db.Households.AnyAsync(h => h.Id == householdId && h.VillageId == villageId, cancellationToken);

    public static async Task<long> SaveAsync(EnrollmentDbContext db, TimeProvider clock, RegisterForm form, string citizenId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var resident = new Resident
        {
            // Checked by RegisterRules: stored as read (trimmed, full-width letters and digits made ordinary).
            Name = TextInput.Stored(form.Name),
            VillageId = form.VillageId!.Value,
            Phone = RegisterRules.StoredPhone(form.Phone),
            HukouType = form.HukouType,
            Status = ResidentStatus.Active,
            CreatedAt = now,
        };
        resident.SetCitizenId(citizenId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (form.HouseholdId == 0)
        {
            var household = new Household
            {
                VillageId = resident.VillageId, Address = form.Address is null ? null : TextInput.Stored(form.Address), CreatedAt = now,
            };
            resident.Household = household;
            resident.RelationToHead = RelationToHead.Self;
            db.Residents.Add(resident);
            await db.SaveChangesAsync(cancellationToken);
            household.HeadResidentId = resident.Id;
        }
        else
        {
            resident.HouseholdId = form.HouseholdId;
            resident.RelationToHead = form.Relation;
            db.Residents.Add(resident);
        }
        await db.SaveChangesAsync(cancellationToken);
        await RegistrationEnrollment.EnrollAsync(db, [resident.Id], clock.Today(), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return resident.Id;
    }
}
