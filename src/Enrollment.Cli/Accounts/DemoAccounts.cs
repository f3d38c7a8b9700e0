using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Cli.Accounts;

/// <summary>One demo account: its role, tenant code and the jurisdiction it is bound to (by name).</summary>
internal sealed record DemoAccount(string Login, string DisplayName, UserRole Role, string? Tenant, string? Township, bool FirstVillage = false);

/// <summary>
/// One demo account per role (docs/decisions/0005-accounts.md), on top of the demo data. Role placeholders, never
/// an official's name. Demo accounts skip the forced first-sign-in password change so the demo opens straight away;
/// real accounts (created on the user-management page) always start with it.
/// </summary>
internal static class DemoAccounts
{
    /// <summary>Printed by the run command; meets the password policy.</summary>
    public const string Password = "demo2024pass";

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("admin", "系统管理员（示例）", UserRole.SystemAdmin, null, null),
        new("tz-admin", "滕州市医保局管理员（示例）", UserRole.BureauAdmin, "tengzhou", null),
        new("tz-staff", "滕州市医保局工作人员（示例）", UserRole.BureauStaff, "tengzhou", null),
        new("tz-finance", "滕州市财政局工作人员（示例）", UserRole.Finance, "tengzhou", null),
        new("tz-baogou", "鲍沟镇医保办经办人（示例）", UserRole.TownshipStaff, "tengzhou", "鲍沟镇"),
        new("tz-baogou-cun", "鲍沟镇村级征缴员（示例）", UserRole.VillageStaff, "tengzhou", "鲍沟镇", FirstVillage: true),
        new("tz-binhu", "滨湖镇医保办经办人（示例）", UserRole.TownshipStaff, "tengzhou", "滨湖镇"),
        new("pb-admin", "浦北县医保局管理员（示例）", UserRole.BureauAdmin, "pubei", null),
        new("qf-xiaoxue", "小雪街道医保所经办人（示例）", UserRole.TownshipStaff, "qufu", "小雪街道"),
    ];

    /// <summary>Creates the accounts that do not exist yet; returns the logins created.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = new NpgsqlDataSourceBuilder(ownerConnectionString).Build();
        var options = DataServiceCollectionExtensions.CreateOptions(dataSource);
        var hasher = new PasswordHasher<UserAccount>();
        var created = new List<string>();
        foreach (var demo in All)
        {
            var tenant = new TenantContext();
            tenant.Identify("cli:accounts");
            int? tenantId = null;
            long? jurisdictionId = null;
            if (demo.Tenant is not null)
            {
                await using var global = new EnrollmentDbContext(options, tenant);
                tenantId = await global.Tenants.Where(t => t.Code == demo.Tenant).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"Tenant '{demo.Tenant}' is missing: run 'seed --demo' first.");
                tenant = TenantContext.For(tenantId.Value, "cli:accounts");
                jurisdictionId = demo.Township is null ? null : await FindJurisdictionAsync(options, tenant, demo, cancellationToken);
            }

            await using var db = new EnrollmentDbContext(options, tenant);
            if (await db.UserAccounts.AnyAsync(u => u.Login == demo.Login, cancellationToken))
            {
                continue;
            }

            var user = new UserAccount
            {
                Login = demo.Login,
                DisplayName = demo.DisplayName,
                Role = demo.Role,
                TenantId = tenantId,
                JurisdictionId = jurisdictionId,
                MustChangePassword = false,
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.UserAccounts.Add(user);
            await db.SaveChangesAsync(cancellationToken);
            created.Add(demo.Login);
        }
        return created;
    }

    private static async Task<long> FindJurisdictionAsync(
        DbContextOptions<EnrollmentDbContext> options, TenantContext tenant, DemoAccount demo, CancellationToken cancellationToken)
    {
        await using var db = new EnrollmentDbContext(options, tenant);
        var township = await db.Jurisdictions
            .Where(j => j.Level == JurisdictionLevel.Township && j.Name == demo.Township)
            .Select(j => new { j.Id, j.Path }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Township '{demo.Township}' is missing in tenant '{demo.Tenant}'.");
        if (!demo.FirstVillage)
        {
            return township.Id;
        }
        return await db.Jurisdictions
            .Where(j => j.Level == JurisdictionLevel.Village && j.Path.StartsWith(township.Path))
            .OrderBy(j => j.DisplayOrder).ThenBy(j => j.Id).Select(j => j.Id).FirstAsync(cancellationToken);
    }
}
