using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class ExclusionConfiguration : IEntityTypeConfiguration<Exclusion>
{
    public void Configure(EntityTypeBuilder<Exclusion> builder)
    {
        builder.MapTenantEntity("exclusions");
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => new { e.TenantId, e.CampaignId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ResidentId).HasColumnName("resident_id");
        builder.HasOne(e => e.Resident).WithMany().HasForeignKey(e => new { e.TenantId, e.ResidentId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.ResidentId }).IsUnique();
        builder.Property(e => e.ReasonCode).HasColumnName("reason_code");
        builder.HasOne<ExclusionReason>().WithMany().HasForeignKey(e => e.ReasonCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Note).HasColumnName("note");
        builder.Property(e => e.Evidence).HasColumnName("evidence");
        builder.Property(e => e.RecordedAt).HasColumnName("recorded_at");
        builder.Property(e => e.RecordedByUserId).HasColumnName("recorded_by_user_id");
        builder.Property(e => e.VerifiedByUserId).HasColumnName("verified_by_user_id");
        builder.Property(e => e.VerifiedAt).HasColumnName("verified_at");
    }
}
