using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.MapTenantEntity("campaigns");
        builder.HasRowVersion(e => e.RowVersion);
        builder.Property(e => e.Code).HasColumnName("code");
        builder.HasIndex(e => new { e.TenantId, e.Code }).IsUnique();
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.PolicyYear).HasColumnName("policy_year");
        builder.Property(e => e.JurisdictionId).HasColumnName("jurisdiction_id");
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => new { e.TenantId, e.JurisdictionId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Status).HasColumnName("status").AsText();
        builder.Property(e => e.WindowStart).HasColumnName("window_start");
        builder.Property(e => e.WindowEnd).HasColumnName("window_end");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.HasMany(e => e.Phases).WithOne().HasForeignKey(e => new { e.TenantId, e.CampaignId })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.PolicyVersions).WithOne().HasForeignKey(e => new { e.TenantId, e.CampaignId })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
