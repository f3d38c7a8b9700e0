using Enrollment.Data.Auditing;
using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Enrollment.Data;

/// <summary>
/// The one DbContext. Handlers use it directly (no repository layer, see docs/decisions).
/// Each entity has its own <see cref="IEntityTypeConfiguration{TEntity}"/> in Configurations/.
/// It acts for the <see cref="TenantContext"/> it was created with: query filters (EnrollmentDbContext.Filters.cs)
/// show only that tenant's rows and the user's jurisdiction subtree, new tenant-owned rows get its tenant id,
/// and saving rows of another tenant throws. The database checks the same again (row-level security).
/// </summary>
public partial class EnrollmentDbContext(
    DbContextOptions<EnrollmentDbContext> options,
    TenantContext tenant,
    CitizenIdHasher? hasher = null) : DbContext(options)
{
    /// <summary>Who this context acts for.</summary>
    public TenantContext Tenant { get; } = tenant;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<UserAccount> UserAccounts => Set<UserAccount>();
    public DbSet<CategoryCode> CategoryCodes => Set<CategoryCode>();
    public DbSet<PaymentChannel> PaymentChannels => Set<PaymentChannel>();
    public DbSet<ExclusionReason> ExclusionReasons => Set<ExclusionReason>();
    public DbSet<HukouType> HukouTypes => Set<HukouType>();
    public DbSet<IdHashEntry> IdHashes => Set<IdHashEntry>();
    public DbSet<SystemAuditEntry> SystemAuditLog => Set<SystemAuditEntry>();

    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignPhase> CampaignPhases => Set<CampaignPhase>();
    public DbSet<CampaignPolicyVersion> CampaignPolicyVersions => Set<CampaignPolicyVersion>();
    public DbSet<Quota> Quotas => Set<Quota>();
    public DbSet<QuotaChange> QuotaChanges => Set<QuotaChange>();
    public DbSet<CampaignEnrollment> Enrollments => Set<CampaignEnrollment>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentRequest> PaymentRequests => Set<PaymentRequest>();
    public DbSet<HandoverSheet> HandoverSheets => Set<HandoverSheet>();
    public DbSet<ProgressDelta> ProgressDeltas => Set<ProgressDelta>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<Exclusion> Exclusions => Set<Exclusion>();
    public DbSet<TransferRequest> TransferRequests => Set<TransferRequest>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Audit rows collected before a save (AuditInterceptor).</summary>
    internal PendingAudit? PendingAudit { get; set; }

    /// <summary>Registry hashes to write in the save's transaction (ResidentRegistrySync → AuditInterceptor).</summary>
    internal RegistryChanges? PendingRegistry { get; set; }

    /// <summary>The transaction AuditInterceptor opened because the caller had none.</summary>
    internal IDbContextTransaction? AuditTransaction { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EnrollmentDbContext).Assembly);
        ApplyQueryFilters(modelBuilder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Stamps and checks tenant ids, and computes the duplicate-registry changes for the residents saved.</summary>
    private void PrepareSave()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            var current = Tenant.TenantId ?? throw new InvalidOperationException(
                $"Cannot save {entry.Metadata.DisplayName()}: no tenant is set on this context's TenantContext.");
            if (entry.State == EntityState.Added && entry.Entity.TenantId == 0)
            {
                entry.Property(e => e.TenantId).CurrentValue = current;
            }
            if (entry.Entity.TenantId != current)
            {
                throw new InvalidOperationException(
                    $"Cannot save {entry.Metadata.DisplayName()} of tenant {entry.Entity.TenantId} while acting for tenant {current}.");
            }
        }
        PendingRegistry = ResidentRegistrySync.Collect(this, hasher, Tenant.TenantId);
    }
}
