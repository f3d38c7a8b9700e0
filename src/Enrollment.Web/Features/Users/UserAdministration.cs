using Enrollment.Data;
using Enrollment.Data.Accounts;
using Enrollment.Data.Entities;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// Creating and changing accounts within an administrator's <see cref="UserAdminScope"/>. Passwords go through
/// <see cref="UserManager{TUser}"/> (policy and hashing); every change is one of the database's account functions
/// (<see cref="AccountWrites"/>), audited in the operation's context. Each method checks the form's own rules first: a
/// handler may be called with anything. Whatever changes credentials, status, role or jurisdiction renews the security
/// stamp (the functions do), which signs the user's open sessions out.
/// </summary>
internal sealed class UserAdministration(EnrollmentDbContext db, UserManager<UserAccount> users, UserAdminScope scope, TimeProvider clock)
{
    public UserAdminScope Scope => scope;

    /// <summary>The account, or null when it does not exist or is outside the scope (the page answers 404 either way).</summary>
    public Task<UserAccount?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        scope.Manageable(db).SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>Creates the account; returns its temporary password (shown once), or null with <paramref name="errors"/>.</summary>
    public async Task<(UserAccount User, string Password)?> CreateAsync(NewUserForm form, JurisdictionChoices choices, List<FieldError> errors)
    {
        errors.AddRange(FormErrors.Check(form));
        if (form.Role is not { } role)
        {
            return null;
        }
        CheckRole(role, nameof(NewUserForm.Role), errors);
        int? tenantId = scope.TenantId;
        long? jurisdictionId = form.JurisdictionId;
        if (scope.IsSystemAdmin)
        {
            tenantId = form.TenantId;
            jurisdictionId = null;
            if (tenantId is null || !await db.Tenants.AnyAsync(t => t.Id == tenantId && t.IsActive))
            {
                errors.Add(new FieldError(nameof(NewUserForm.TenantId), "请选择县级医保局。"));
            }
        }
        else
        {
            CheckJurisdiction(role, jurisdictionId, choices, nameof(NewUserForm.JurisdictionId), errors);
        }
        if (errors.Count > 0)
        {
            return null;
        }

        var user = new UserAccount
        {
            Login = LoginNormalizer.Normalize(form.Login),
            DisplayName = TextInput.Stored(form.DisplayName),
            Role = role,
            TenantId = tenantId,
            JurisdictionId = jurisdictionId,
            IsActive = true,
            MustChangePassword = true,
        };
        var typed = string.IsNullOrEmpty(form.TemporaryPassword) ? null : form.TemporaryPassword;
        var password = typed ?? await GenerateValidAsync(user);
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, password);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Taken by a submit that committed a moment ago: said as when it was taken before.
            result = IdentityResult.Failed(users.ErrorDescriber.DuplicateUserName(user.Login));
        }
        if (!result.Succeeded)
        {
            errors.AddRange(result.Errors.Select(e => new FieldError(FieldOf(e, nameof(NewUserForm.TemporaryPassword)), e.Description)));
            db.ChangeTracker.Clear();
            return null;
        }
        return (user, password);
    }

    /// <summary>Changes name, role and jurisdiction; a new role or jurisdiction renews the stamp (signs the user out).</summary>
    public async Task<bool> UpdateAsync(UserAccount user, EditUserForm form, JurisdictionChoices choices, List<FieldError> errors)
    {
        errors.AddRange(FormErrors.Check(form));
        if (form.Role is not { } role)
        {
            return false;
        }
        var jurisdictionId = scope.IsSystemAdmin ? user.JurisdictionId : form.JurisdictionId;
        var scopeChanged = role != user.Role || jurisdictionId != user.JurisdictionId;
        if (scopeChanged)
        {
            CheckRole(role, nameof(EditUserForm.Role), errors);
            if (!scope.IsSystemAdmin)
            {
                CheckJurisdiction(role, jurisdictionId, choices, nameof(EditUserForm.JurisdictionId), errors);
            }
            if (user.Id == scope.UserId)
            {
                errors.Add(new FieldError(nameof(EditUserForm.Role), "不能修改自己的角色或辖区，请由其他管理员操作。"));
            }
        }
        if (errors.Count > 0)
        {
            return false;
        }

        user.DisplayName = TextInput.Stored(form.DisplayName);
        user.Role = role;
        user.JurisdictionId = jurisdictionId;
        await AccountWrites.EditAsync(db, user, clock);
        return true;
    }

    /// <summary>停用 signs the user out at once (new stamp); 启用 lets them sign in again.</summary>
    public async Task<bool> SetActiveAsync(UserAccount user, bool active, List<FieldError> errors)
    {
        if (!active && user.Id == scope.UserId)
        {
            errors.Add(new FieldError("", "不能停用自己的账号。"));
            return false;
        }
        user.IsActive = active;
        await AccountWrites.SetActiveAsync(db, user, clock);
        return true;
    }

    /// <summary>
    /// Sets a new temporary password (typed or generated), forces a change at the next sign-in, lifts a lockout and
    /// renews the stamp. Returns the password to show once, or null with <paramref name="errors"/>.
    /// </summary>
    public async Task<string?> ResetPasswordAsync(UserAccount user, string? typed, List<FieldError> errors)
    {
        errors.AddRange(FormErrors.Check(new ResetPasswordForm { TemporaryPassword = typed }));
        if (errors.Count > 0)
        {
            return null;
        }
        var password = string.IsNullOrEmpty(typed) ? await GenerateValidAsync(user) : typed;
        var failures = await ValidatePasswordAsync(user, password);
        if (failures.Count > 0)
        {
            errors.AddRange(failures.Select(e => new FieldError(nameof(ResetPasswordForm.TemporaryPassword), e.Description)));
            return null;
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        await AccountWrites.ResetPasswordAsync(db, user, clock);
        return password;
    }

    private void CheckRole(UserRole role, string field, List<FieldError> errors)
    {
        if (!scope.AssignableRoles.Contains(role))
        {
            errors.Add(new FieldError(field, "您不能设置该角色。"));
        }
    }

    private void CheckJurisdiction(UserRole role, long? jurisdictionId, JurisdictionChoices choices, string field, List<FieldError> errors)
    {
        if (JurisdictionProblem(role, jurisdictionId, choices, scope.IsSubtreeAdmin) is { } problem)
        {
            errors.Add(new FieldError(field, problem));
        }
    }

    /// <summary>
    /// Why <paramref name="jurisdictionId"/> does not fit <paramref name="role"/> (null when it does): local roles need
    /// a jurisdiction of their level, a subtree administrator must bind every account inside the subtree, and only a
    /// jurisdiction of the administrator's own tree may be chosen. The form asks it as the user picks.
    /// </summary>
    public static string? JurisdictionProblem(UserRole role, long? jurisdictionId, JurisdictionChoices choices, bool subtreeAdmin)
    {
        if (jurisdictionId is null)
        {
            return RoleNames.IsLocal(role) ? "镇街经办人和村（社区）征缴员必须指定所属辖区。"
                : subtreeAdmin ? "请选择您管辖范围内的辖区。"
                : null;
        }
        return choices.LevelOf(jurisdictionId.Value) switch
        {
            null => "请从列表中选择辖区。",
            not JurisdictionLevel.Township when role == UserRole.TownshipStaff => "镇街医保办经办人须绑定到镇（街道）。",
            not JurisdictionLevel.Village when role == UserRole.VillageStaff => "村（社区）征缴员须绑定到村（社区）。",
            _ => null,
        };
    }

    private async Task<List<IdentityError>> ValidatePasswordAsync(UserAccount user, string password)
    {
        var failures = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            failures.AddRange(result.Errors);
        }
        return failures;
    }

    /// <summary>A generated password that passes every validator (e.g. never contains the login).</summary>
    private async Task<string> GenerateValidAsync(UserAccount user)
    {
        while (true)
        {
            var password = TemporaryPassword.Generate();
            if ((await ValidatePasswordAsync(user, password)).Count == 0)
            {
                return password;
            }
        }
    }

    /// <summary>Identity's errors next to the field they are about: password rules by the password, login ones by the login.</summary>
    private static string FieldOf(IdentityError error, string passwordField) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
        : error.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) ? nameof(NewUserForm.Login)
        : "";
}
