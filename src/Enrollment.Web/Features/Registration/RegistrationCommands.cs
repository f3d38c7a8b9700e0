using Enrollment.Data;
using Enrollment.Data.Registry;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Registration;

/// <summary>What the registration form lists: the villages of the user's subtree by township, and the hukou types.</summary>
public sealed record RegistrationLists(IReadOnlyList<VillageGroup> Villages, IReadOnlyList<HukouChoice> HukouTypes);

/// <summary>The outcome of 保存: the new resident's id, or why not (per field, and what the number ran into).</summary>
public sealed record RegistrationResult(long? ResidentId, IReadOnlyDictionary<string, string> Errors, IdCheck Check)
{
    public bool Saved => ResidentId is not null;
}

/// <summary>
/// 登记参保人员: the form's lists, the number as the clerk types it, and the save. Each call checks the permission
/// table and works in a context of its own acting for the user, so a village, household or resident outside the
/// subtree is simply not found.
/// </summary>
public sealed class RegistrationCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock, CitizenIdCheck idCheck)
{
    public async Task<RegistrationLists> ListsAsync(CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return new RegistrationLists(
            await RegistrationChoices.VillagesAsync(db, cancellationToken), await RegistrationChoices.HukouTypesAsync(db, cancellationToken));
    }

    /// <summary>Households of a village of the subtree; none for a village outside it.</summary>
    public async Task<IReadOnlyList<HouseholdChoice>> HouseholdsAsync(long? villageId, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await RegistrationChoices.HouseholdsAsync(db, villageId, cancellationToken);
    }

    /// <summary>What registering this number would run into, as the clerk types it.</summary>
    public async Task<IdCheck> CheckIdAsync(string? citizenId, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.RegisterResidents);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await idCheck.CheckAsync(db, user, citizenId, cancellationToken);
    }

    public async Task<RegistrationResult> RegisterAsync(RegisterForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await currentUser.RequireAsync(Operation.RegisterResidents);
        var errors = RegisterRules.Check(form);
        IdCheck check;
        await using (var db = await contexts.CreateAsync(cancellationToken))
        {
            check = await idCheck.CheckAsync(db, user, form.CitizenId, cancellationToken);
            if (check.Kind is IdCheckKind.Empty or IdCheckKind.Invalid)
            {
                errors[nameof(RegisterForm.CitizenId)] = IdCheckText.Refusal(check)!;
            }
            await CheckPlaceAsync(db, form, errors, cancellationToken);
            if (errors.Count > 0 || !check.CanRegister)
            {
                return new RegistrationResult(null, errors, check);
            }
            try
            {
                var id = await ResidentRegistration.SaveAsync(db, clock, form, check.Id.ToString(), cancellationToken);
                return new RegistrationResult(id, errors, check);
            }
            catch (Exception e) when (e is DuplicateRegistrationException
                || e is DbUpdateException { InnerException: PostgresException { ConstraintName: DuplicateRegistrationException.ConstraintName } })
            {
                // Another county registered the number a moment ago: the registry's unique index let only one through.
                return new RegistrationResult(null, errors, new IdCheck(IdCheckKind.OtherTenant, check.Id));
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Registered in this county a moment ago: say where, as when typed (read below, in a fresh context).
            }
        }
        return new RegistrationResult(null, errors, await CheckIdAsync(form.CitizenId, cancellationToken));
    }

    /// <summary>The village must be in the user's subtree, the household (when joining one) in that village.</summary>
    private static async Task CheckPlaceAsync(EnrollmentDbContext db, RegisterForm form, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        if (form.VillageId is { } villageId && !await ResidentRegistration.VillageInScopeAsync(db, villageId, cancellationToken))
        {
            errors[nameof(RegisterForm.VillageId)] = "请选择本辖区内的村（社区）。";
        }
        else if (form.VillageId is { } village && form.HouseholdId != 0
            && !await ResidentRegistration.HouseholdInVillageAsync(db, form.HouseholdId, village, cancellationToken))
        {
            errors[nameof(RegisterForm.HouseholdId)] = "请选择所选村（社区）的家庭户。";
        }
        if (!errors.ContainsKey(nameof(RegisterForm.HukouType)) && !await db.HukouTypes.AnyAsync(h => h.Code == form.HukouType, cancellationToken))
        {
            errors[nameof(RegisterForm.HukouType)] = "请选择户籍类型。";
        }
    }
}
