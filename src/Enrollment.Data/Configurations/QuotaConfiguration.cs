using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class QuotaConfiguration : IEntityTypeConfiguration<Quota>
{
    public void Configure(EntityTypeBuilder<Quota> builder)
    {
        builder.MapTenantEntity("quotas");
        builder.HasRowVersion(e => e.RowVersion);
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => new { e.TenantId, e.CampaignId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.JurisdictionId).HasColumnName("jurisdiction_id");
        builder.HasOne(e => e.Jurisdiction).WithMany().HasForeignKey(e => new { e.TenantId, e.JurisdictionId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.JurisdictionId }).IsUnique();
        builder.Property(e => e.Target).HasColumnName("target");
        builder.Property(e => e.UpdatedAt).HasColumnName("updated_at");
        builder.Property(e => e.IsDemo).HasColumnName("is_demo");
        builder.HasMany(e => e.Changes).WithOne(e => e.Quota).HasForeignKey(e => new { e.TenantId, e.QuotaId })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
