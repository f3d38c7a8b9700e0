using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Features.Residents;

/// <summary>
/// 修改人员信息 with optimistic concurrency on the resident's (and household's) row version. A clerk saving over a
/// newer version is told, field by field, what the other change holds against what they typed; their input stays on
/// the form and a second save applies it on the fresh version. Fields nobody else touched are not a conflict.
/// </summary>
public sealed class ResidentEditCommands(UserDbContextFactory contexts, CurrentUser currentUser)
{
    public async Task<ResidentEditView?> EditAsync(long residentId, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().Include(r => r.Household).SingleOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        return resident is null
            ? null
            : new ResidentEditView(Snapshot(resident), await RegistrationChoices.HukouTypesAsync(db, cancellationToken), resident.Household is not null);
    }

    public async Task<ResidentEditResult> SaveAsync(ResidentEditForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resident = await db.Residents.Include(r => r.Household).SingleOrDefaultAsync(r => r.Id == form.ResidentId, cancellationToken);
        if (resident is null)
        {
            return ResidentEditResult.NotFound;
        }
        var errors = await CheckAsync(db, form, resident.Household is not null, cancellationToken);
        if (errors.Count > 0)
        {
            return new ResidentEditResult(true, errors, [], null);
        }
        var stored = Snapshot(resident);
        if (stored.ResidentVersion != form.ResidentVersion || stored.HouseholdVersion != form.HouseholdVersion)
        {
            var conflicts = await ConflictsAsync(db, form, stored.Loaded!, cancellationToken);
            if (conflicts.Count > 0)
            {
                return new ResidentEditResult(true, errors, conflicts, stored);
            }
        }
        resident.Name = TextInput.Stored(form.Name);
        resident.Phone = RegisterRules.StoredPhone(form.Phone);
        resident.HukouType = form.HukouType;
        if (resident.Household is { } household)
        {
            household.Address = form.Address is { } address && TextInput.Read(address, "家庭住址", RegisterRules.AddressMax).Value is { } read ? read : null;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed between this read and the write: the clerk reloads (their input stays on the form).
            return new ResidentEditResult(true, new Dictionary<string, string> { [nameof(ResidentEditForm.Name)] = ResidentEditText.Stale }, [], null);
        }
        return new ResidentEditResult(true, errors, [], Snapshot(resident));
    }

    private static ResidentEditForm Snapshot(Resident resident)
    {
        var values = new ResidentEditValues(resident.Name, resident.Phone, resident.HukouType, resident.Household?.Address);
        return new ResidentEditForm
        {
            ResidentId = resident.Id, Name = values.Name, Phone = values.Phone, HukouType = values.HukouType, Address = values.Address,
            ResidentVersion = resident.RowVersion, HouseholdVersion = resident.Household?.RowVersion, Loaded = values,
        };
    }

    private static async Task<Dictionary<string, string>> CheckAsync(
        EnrollmentDbContext db, ResidentEditForm form, bool hasHousehold, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        void Add(string field, string? message)
        {
            if (message is not null)
            {
                errors[field] = message;
            }
        }
        Add(nameof(ResidentEditForm.Name), RegisterRules.Name(form.Name));
        Add(nameof(ResidentEditForm.Phone), RegisterRules.Phone(form.Phone));
        Add(nameof(ResidentEditForm.HukouType), RegisterRules.Hukou(form.HukouType));
        Add(nameof(ResidentEditForm.Address), hasHousehold ? RegisterRules.Address(1, form.Address) : null);
        if (!errors.ContainsKey(nameof(ResidentEditForm.HukouType)) && !await db.HukouTypes.AnyAsync(h => h.Code == form.HukouType, cancellationToken))
        {
            errors[nameof(ResidentEditForm.HukouType)] = "请选择户籍类型。";
        }
        return errors;
    }

    /// <summary>The fields whose stored value is no longer the one the clerk started from.</summary>
    private static async Task<List<EditConflict>> ConflictsAsync(
        EnrollmentDbContext db, ResidentEditForm form, ResidentEditValues stored, CancellationToken cancellationToken)
    {
        var loaded = form.Loaded ?? new ResidentEditValues("", null, "", null);
        var hukou = await db.HukouTypes.AsNoTracking().ToDictionaryAsync(h => h.Code, h => h.Name, cancellationToken);
        string? HukouName(string? code) => code is null ? null : hukou.GetValueOrDefault(code, code);
        var conflicts = new List<EditConflict>();
        void Compare(string field, string? from, string? now, string? yours)
        {
            if (!string.Equals(from ?? "", now ?? "", StringComparison.Ordinal))
            {
                conflicts.Add(new EditConflict(field, ResidentEditText.Label(field), yours, now));
            }
        }
        Compare(nameof(ResidentEditForm.Name), loaded.Name, stored.Name, form.Name);
        Compare(nameof(ResidentEditForm.Phone), loaded.Phone, stored.Phone, form.Phone);
        Compare(nameof(ResidentEditForm.HukouType), HukouName(loaded.HukouType), HukouName(stored.HukouType), HukouName(form.HukouType));
        Compare(nameof(ResidentEditForm.Address), loaded.Address, stored.Address, form.Address);
        return conflicts;
    }
}
