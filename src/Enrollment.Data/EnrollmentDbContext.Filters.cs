using System.Linq.Expressions;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data;

/// <summary>Names of the global query filters, for <c>IgnoreQueryFilters([...])</c> and the model test.</summary>
public static class QueryFilters
{
    /// <summary>tenant_id = the context's tenant (nothing when no tenant is set).</summary>
    public const string Tenant = "tenant";

    /// <summary>The row's place is inside the user's jurisdiction subtree.</summary>
    public const string Jurisdiction = "jurisdiction";
}

public partial class EnrollmentDbContext
{
    // Members of the context, not captured values: EF re-reads them from the executing context on every query.
    internal int? CurrentTenantId => Tenant.TenantId;

    internal string? CurrentJurisdictionPattern => Tenant.JurisdictionPath is { } path ? path + "%" : null;

    private void ApplyQueryFilters(ModelBuilder modelBuilder)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                // e => (int?)e.TenantId == this.CurrentTenantId
                var e = Expression.Parameter(entityType.ClrType, "e");
                var body = Expression.Equal(
                    Expression.Convert(Expression.Property(e, nameof(ITenantOwned.TenantId)), typeof(int?)),
                    Expression.Property(Expression.Constant(this), nameof(CurrentTenantId)));
                modelBuilder.Entity(entityType.ClrType).HasQueryFilter(QueryFilters.Tenant, Expression.Lambda(body, e));
            }
        }

        // A path LIKE '/1/5/%' prefix predicate (indexed) on the row's own jurisdiction, or on the one it hangs from.
        Scope<Jurisdiction>(modelBuilder, e => EF.Functions.Like(e.Path, CurrentJurisdictionPattern!));
        Scope<Household>(modelBuilder, e => EF.Functions.Like(e.Village!.Path, CurrentJurisdictionPattern!));
        Scope<Resident>(modelBuilder, e => EF.Functions.Like(e.Village!.Path, CurrentJurisdictionPattern!));
        Scope<Quota>(modelBuilder, e => EF.Functions.Like(e.Jurisdiction!.Path, CurrentJurisdictionPattern!));
        Scope<QuotaChange>(modelBuilder, e => EF.Functions.Like(e.Quota!.Jurisdiction!.Path, CurrentJurisdictionPattern!));
        Scope<CampaignEnrollment>(modelBuilder, e => EF.Functions.Like(e.Resident!.Village!.Path, CurrentJurisdictionPattern!));
        Scope<Payment>(modelBuilder, e => EF.Functions.Like(e.Enrollment!.Resident!.Village!.Path, CurrentJurisdictionPattern!));
        Scope<HandoverSheet>(modelBuilder, e => EF.Functions.Like(e.Village!.Path, CurrentJurisdictionPattern!));
        Scope<ProgressDelta>(modelBuilder, e => EF.Functions.Like(e.Village!.Path, CurrentJurisdictionPattern!));
        Scope<Certification>(modelBuilder, e => EF.Functions.Like(e.Resident!.Village!.Path, CurrentJurisdictionPattern!));
        Scope<Exclusion>(modelBuilder, e => EF.Functions.Like(e.Resident!.Village!.Path, CurrentJurisdictionPattern!));

        // A transfer request has two sides and each sees it: the subtree holding the village the resident lived in
        // when it was made (they approve) and the one holding the village they move to (they asked). Fixed
        // villages, not the resident's current one, so both sides keep the decided request in their history.
        // Subqueries rather than navigations: a navigation to the other side's village would itself be cut by
        // the jurisdiction filter of Jurisdiction and drop the row.
        Scope<TransferRequest>(modelBuilder, e =>
            Jurisdictions.Any(j => j.TenantId == e.TenantId && j.Id == e.FromVillageId && EF.Functions.Like(j.Path, CurrentJurisdictionPattern!))
            || Jurisdictions.Any(j => j.TenantId == e.TenantId && j.Id == e.ToVillageId && EF.Functions.Like(j.Path, CurrentJurisdictionPattern!)));
    }

    private void Scope<T>(ModelBuilder modelBuilder, Expression<Func<T, bool>> inSubtree)
        where T : class, IJurisdictionScoped
    {
        // CurrentJurisdictionPattern == null (whole tenant) || inSubtree(e)
        var e = inSubtree.Parameters[0];
        var wholeTenant = Expression.Equal(
            Expression.Property(Expression.Constant(this), nameof(CurrentJurisdictionPattern)),
            Expression.Constant(null, typeof(string)));
        modelBuilder.Entity<T>().HasQueryFilter(
            QueryFilters.Jurisdiction, Expression.Lambda<Func<T, bool>>(Expression.OrElse(wholeTenant, inSubtree.Body), e));
    }
}
