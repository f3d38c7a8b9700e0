using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class HandoverSheetConfiguration : IEntityTypeConfiguration<HandoverSheet>
{
    public void Configure(EntityTypeBuilder<HandoverSheet> builder)
    {
        builder.MapTenantEntity("handover_sheets");
        builder.Property(e => e.CollectorUserId).HasColumnName("collector_user_id");
        builder.Property(e => e.VillageId).HasColumnName("village_id");
        builder.HasOne(e => e.Village).WithMany().HasForeignKey(e => new { e.TenantId, e.VillageId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.CollectedOn).HasColumnName("collected_on");
        builder.Property(e => e.Number).HasColumnName("number");
        builder.HasIndex(e => new { e.TenantId, e.CollectorUserId, e.VillageId, e.CollectedOn, e.Number }).IsUnique();
        builder.Property(e => e.PaymentCount).HasColumnName("payment_count");
        builder.Property(e => e.Total).HasColumnName("total").HasColumnType("numeric(14,2)");
        builder.Property(e => e.ReceivedAt).HasColumnName("received_at");
        builder.Property(e => e.ReceivedByUserId).HasColumnName("received_by_user_id");
    }
}
