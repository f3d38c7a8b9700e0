using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// A system administrator creates a county bureau: the tenant (global table), its county root jurisdiction (as
/// the new tenant, through a context of its own) and its first county administrator with a temporary password.
/// Everything is checked before the first write, so a refused form leaves nothing behind.
/// </summary>
internal sealed class TenantCreation(
    EnrollmentDbContext db, UserManager<UserAccount> users, NpgsqlDataSource appDataSource, TimeProvider clock, string actor, long actorId)
{
    public sealed record Created(Tenant Tenant, UserAccount Admin, string Password);

    public async Task<Created?> CreateAsync(NewTenantForm form, List<FieldError> errors)
    {
        var code = form.Code.Trim();
        var login = LoginNormalizer.Normalize(form.AdminLogin);
        var regionCode = string.IsNullOrWhiteSpace(form.RegionCode) ? null : form.RegionCode.Trim();
        if (await db.Tenants.AnyAsync(t => t.Code == code))
        {
            errors.Add(new FieldError(nameof(NewTenantForm.Code), $"代码“{code}”已被使用。"));
        }
        if (await users.FindByNameAsync(login) is not null)
        {
            errors.Add(new FieldError(nameof(NewTenantForm.AdminLogin), $"登录名“{login}”已被使用。"));
        }
        var admin = new UserAccount
        {
            Login = login,
            DisplayName = form.AdminDisplayName.Trim(),
            Role = UserRole.BureauAdmin,
            IsActive = true,
            MustChangePassword = true,
        };
        var password = string.IsNullOrEmpty(form.AdminPassword) ? await GenerateAsync(admin) : form.AdminPassword;
        foreach (var error in await ValidatePasswordAsync(admin, password))
        {
            errors.Add(new FieldError(nameof(NewTenantForm.AdminPassword), error.Description));
        }
        if (errors.Count > 0)
        {
            return null;
        }

        var tenant = new Tenant { Code = code, Name = form.Name.Trim(), RegionCode = regionCode, IsActive = true };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();

        await using (var tenantDb = new EnrollmentDbContext(
            DataServiceCollectionExtensions.CreateOptions(appDataSource, clock), TenantContext.For(tenant.Id, actor, actorId)))
        {
            tenantDb.Jurisdictions.Add(new Jurisdiction
            {
                Level = JurisdictionLevel.County,
                Name = form.CountyName.Trim(),
                AdminCode = regionCode,
                DisplayOrder = 0,
            });
            await tenantDb.SaveChangesAsync();
        }

        admin.TenantId = tenant.Id;
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            errors.AddRange(result.Errors.Select(e => new FieldError("", e.Description)));
            return null;
        }
        return new Created(tenant, admin, password);
    }

    private async Task<List<IdentityError>> ValidatePasswordAsync(UserAccount user, string password)
    {
        var failures = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            failures.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }
        return failures;
    }

    private async Task<string> GenerateAsync(UserAccount user)
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
}
