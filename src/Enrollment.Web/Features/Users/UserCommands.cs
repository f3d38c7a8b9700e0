using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// What the user-management pages change: create an account, edit it, disable or enable it, reset its password.
/// Each checks the permission table, opens a context of its own and finds the account through the administrator's
/// <see cref="UserAdminScope"/>: another county's account, or one outside a subtree administrator's subtree, is not
/// found, exactly like a missing id.
/// </summary>
public sealed class UserCommands(UserDbContextFactory contexts, CurrentUser currentUser, AccountManagers managers, TimeProvider clock)
{
    public async Task<UserCreation> CreateAsync(NewUserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var scope = UserAdminScope.For(await currentUser.RequireAsync(Operation.ManageUsers));
        await using var db = await contexts.CreateAsync(cancellationToken);
        using var users = managers.For(db);
        var choices = scope.IsSystemAdmin ? JurisdictionChoices.None : await JurisdictionChoices.LoadAsync(db, cancellationToken);
        var errors = new List<FieldError>();
        var created = await new UserAdministration(db, users, scope, clock).CreateAsync(form, choices, errors);
        return created is (var user, var password)
            ? new UserCreation(new CreatedAccount(user.Id, user.Login, user.DisplayName, password), [])
            : new UserCreation(null, errors);
    }

    /// <summary>Name, role and jurisdiction; a new role or jurisdiction signs the user out.</summary>
    public Task<UserChange> UpdateAsync(long userId, EditUserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ChangeAsync(userId, async (db, administration, user, errors) =>
        {
            // The system administrator binds no jurisdictions (and reads none: they act for no county).
            var choices = administration.Scope.IsSystemAdmin ? JurisdictionChoices.None : await JurisdictionChoices.LoadAsync(db, cancellationToken);
            await administration.UpdateAsync(user, form, choices, errors);
            return null;
        }, cancellationToken);
    }

    /// <summary>停用 signs the user out at once; 启用 lets them sign in again with their password.</summary>
    public Task<UserChange> SetActiveAsync(long userId, bool active, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, async (_, administration, user, errors) =>
        {
            await administration.SetActiveAsync(user, active, errors);
            return null;
        }, cancellationToken);

    /// <summary>A new temporary password (typed, or generated when blank), returned once to be shown once.</summary>
    public Task<UserChange> ResetPasswordAsync(long userId, string? typedPassword, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, (_, administration, user, errors) => administration.ResetPasswordAsync(user, typedPassword, errors), cancellationToken);

    private async Task<UserChange> ChangeAsync(
        long userId, Func<EnrollmentDbContext, UserAdministration, UserAccount, List<FieldError>, Task<string?>> change,
        CancellationToken cancellationToken)
    {
        var scope = UserAdminScope.For(await currentUser.RequireAsync(Operation.ManageUsers));
        await using var db = await contexts.CreateAsync(cancellationToken);
        using var users = managers.For(db);
        var administration = new UserAdministration(db, users, scope, clock);
        if (await administration.FindAsync(userId, cancellationToken) is not { } user)
        {
            return UserChange.NotFound;
        }
        var errors = new List<FieldError>();
        var password = await change(db, administration, user, errors);
        return new UserChange(true, errors, errors.Count == 0 ? password : null);
    }
}
