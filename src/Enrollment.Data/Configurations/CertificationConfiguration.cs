using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> builder)
    {
        builder.MapTenantEntity("certifications");
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => new { e.TenantId, e.CampaignId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ResidentId).HasColumnName("resident_id");
        builder.HasOne(e => e.Resident).WithMany().HasForeignKey(e => new { e.TenantId, e.ResidentId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.CategoryCode).HasColumnName("category_code");
        builder.HasOne<CategoryCode>().WithMany().HasForeignKey(e => e.CategoryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.ResidentId, e.CategoryCode }).IsUnique();
        builder.Property(e => e.Department).HasColumnName("department");
        builder.Property(e => e.FirstCertifiedOn).HasColumnName("first_certified_on");
        builder.Property(e => e.SourceListVersion).HasColumnName("source_list_version");
        builder.Property(e => e.RecordedAt).HasColumnName("recorded_at");
        builder.Property(e => e.RecordedByUserId).HasColumnName("recorded_by_user_id");
    }
}
