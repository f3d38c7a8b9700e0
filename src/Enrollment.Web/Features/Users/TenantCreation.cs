using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// A system administrator creates a county bureau: the tenant (global table), its county root jurisdiction (as
/// the new tenant, through a context of its own) and its first county administrator with a temporary password.
/// Everything is checked before the first write and written in one transaction, so a refused form — also one
/// refused by a concurrent submit — leaves nothing behind.
/// </summary>
internal sealed class TenantCreation(
    EnrollmentDbContext db, UserManager<UserAccount> users, TimeProvider clock, string actor, long actorId)
{
    public sealed record Created(Tenant Tenant, UserAccount Admin, string Password);

    public async Task<Created?> CreateAsync(NewTenantForm form, List<FieldError> errors)
    {
        var code = form.Code.Trim();
        var login = LoginNormalizer.Normalize(form.AdminLogin);
        // Checked by the form's annotations (FormErrors): stored as read, full-width digits made ASCII.
        var regionCode = RegionCodes.Read(form.RegionCode).Value;
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
            DisplayName = TextInput.Stored(form.AdminDisplayName),
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

        // One transaction for the tenant, its county root and its first administrator: a refusal at any step
        // (a code or a login taken by a concurrent submit) leaves nothing behind.
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var tenant = new Tenant { Code = code, Name = TextInput.Stored(form.Name), RegionCode = regionCode, IsActive = true };
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
            await AddCountyRootAsync(tenant.Id, TextInput.Stored(form.CountyName), regionCode, transaction.GetDbTransaction());

            admin.TenantId = tenant.Id;
            var result = await users.CreateAsync(admin, password);
            if (!result.Succeeded)
            {
                errors.AddRange(result.Errors.Select(e => new FieldError("", e.Description)));
                return null;
            }
            await transaction.CommitAsync();
            return new Created(tenant, admin, password);
        }
        catch (Exception e) when (UniqueViolation(e) is { } unique)
        {
            // Taken by a submit that committed a moment ago: said as when it was taken before.
            errors.Add(unique.TableName == "tenants"
                ? new FieldError(nameof(NewTenantForm.Code), $"代码“{code}”已被使用。")
                : new FieldError(nameof(NewTenantForm.AdminLogin), $"登录名“{login}”已被使用。"));
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>
    /// The county root belongs to the new tenant: written through a context acting for it, on this transaction's
    /// connection with the tenant set for the rest of the transaction only (row-level security checks it).
    /// </summary>
    private async Task AddCountyRootAsync(int tenantId, string countyName, string? regionCode, System.Data.Common.DbTransaction transaction)
    {
        var connection = db.Database.GetDbConnection();
        await using (var set = connection.CreateCommand())
        {
            set.Transaction = transaction;
            set.CommandText = "SELECT set_config('app.tenant_id', $1, true)";
            set.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await set.ExecuteNonQueryAsync();
        }
        await using var tenantDb = new EnrollmentDbContext(
            DataServiceCollectionExtensions.CreateOptions(connection, clock), TenantContext.For(tenantId, actor, actorId));
        await tenantDb.Database.UseTransactionAsync(transaction);
        tenantDb.Jurisdictions.Add(new Jurisdiction
        {
            Level = JurisdictionLevel.County,
            Name = countyName,
            AdminCode = regionCode,
            DisplayOrder = 0,
        });
        await tenantDb.SaveChangesAsync();
    }

    /// <summary>A taken code (the tenant's save, through EF) or login (the account function, raw).</summary>
    private static PostgresException? UniqueViolation(Exception e) =>
        (e as PostgresException ?? (e as DbUpdateException)?.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation } unique
            ? unique
            : null;

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
