using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class ProgressDeltaConfiguration : IEntityTypeConfiguration<ProgressDelta>
{
    public void Configure(EntityTypeBuilder<ProgressDelta> builder)
    {
        builder.MapTenantEntity("progress_deltas");
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.Property(e => e.TownshipId).HasColumnName("township_id");
        builder.Property(e => e.VillageId).HasColumnName("village_id");
        // No foreign keys in the table (an append-only log of counts; a village is never deleted while counted):
        // the navigation is for the jurisdiction filter only.
        builder.HasOne(e => e.Village).WithMany().HasForeignKey(e => new { e.TenantId, e.VillageId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.PaidOn).HasColumnName("paid_on");
        builder.Property(e => e.Paid).HasColumnName("paid");
        builder.Property(e => e.Amount).HasColumnName("amount").HasColumnType("numeric(14,2)");
    }
}
