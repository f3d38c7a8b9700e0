using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.Users;

/// <summary>A new county bureau and its first administrator, whose temporary password is shown once.</summary>
public sealed record CreatedTenant(int TenantId, string Name, CreatedAccount Admin);

/// <summary>What creating a county bureau did: <see cref="Created"/>, or the reasons it did not (nothing was written).</summary>
public sealed record TenantCreationResult(CreatedTenant? Created, IReadOnlyList<FieldError> Errors);

/// <summary>新建县级医保局, for the system administrator: the tenant, its county root and its first administrator in one transaction.</summary>
public sealed class TenantCommands(UserDbContextFactory contexts, CurrentUser currentUser, AccountManagers managers, TimeProvider clock)
{
    public async Task<TenantCreationResult> CreateAsync(NewTenantForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await currentUser.RequireAsync(Operation.ManageTenants);
        var errors = FormErrors.Check(form);
        if (errors.Count > 0)
        {
            return new TenantCreationResult(null, errors);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        using var users = managers.For(db);
        var created = await new TenantCreation(db, users, clock, user.Login, user.Id).CreateAsync(form, errors);
        return created is null
            ? new TenantCreationResult(null, errors)
            : new TenantCreationResult(new CreatedTenant(created.Tenant.Id, created.Tenant.Name,
                new CreatedAccount(created.Admin.Id, created.Admin.Login, created.Admin.DisplayName, created.Password)), []);
    }
}
