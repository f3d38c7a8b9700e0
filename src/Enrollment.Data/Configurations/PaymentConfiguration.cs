using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.MapTenantEntity("payments");
        builder.HasRowVersion(e => e.RowVersion);
        builder.Property(e => e.EnrollmentId).HasColumnName("enrollment_id");
        builder.HasOne(e => e.Enrollment).WithMany().HasForeignKey(e => new { e.TenantId, e.EnrollmentId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Amount).HasColumnName("amount").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.ChannelCode).HasColumnName("channel_code");
        builder.HasOne<PaymentChannel>().WithMany().HasForeignKey(e => e.ChannelCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.PaidOn).HasColumnName("paid_on");
        builder.Property(e => e.Reference).HasColumnName("reference");
        builder.Property(e => e.RecordedByUserId).HasColumnName("recorded_by_user_id");
        builder.Property(e => e.RecordedAt).HasColumnName("recorded_at");
        builder.Property(e => e.ConfirmedByUserId).HasColumnName("confirmed_by_user_id");
        builder.Property(e => e.ConfirmedAt).HasColumnName("confirmed_at");
        builder.Property(e => e.ResidentId).HasColumnName("resident_id");
        builder.HasOne<Resident>().WithMany().HasForeignKey(e => new { e.TenantId, e.ResidentId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.State).HasColumnName("state").AsText();
        builder.Property(e => e.ReversedAt).HasColumnName("reversed_at");
        builder.Property(e => e.ReversedByUserId).HasColumnName("reversed_by_user_id");
        builder.Property(e => e.ReversalReason).HasColumnName("reversal_reason");
        builder.Property(e => e.RefundedAt).HasColumnName("refunded_at");
        builder.Property(e => e.RefundedOn).HasColumnName("refunded_on");
        builder.Property(e => e.RefundedByUserId).HasColumnName("refunded_by_user_id");
        builder.Property(e => e.RefundApprovedAt).HasColumnName("refund_approved_at");
        builder.Property(e => e.RefundApprovedByUserId).HasColumnName("refund_approved_by_user_id");
        builder.Property(e => e.HandoverSheetId).HasColumnName("handover_sheet_id");
        builder.HasOne<HandoverSheet>().WithMany().HasForeignKey(e => new { e.TenantId, e.HandoverSheetId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ConfirmedChannelCode).HasColumnName("confirmed_channel_code");
        builder.HasOne<PaymentChannel>().WithMany().HasForeignKey(e => e.ConfirmedChannelCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ConfirmedReference).HasColumnName("confirmed_reference");
        builder.Property(e => e.ClaimedAt).HasColumnName("claimed_at");
    }
}
