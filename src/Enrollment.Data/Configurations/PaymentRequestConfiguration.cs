using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class PaymentRequestConfiguration : IEntityTypeConfiguration<PaymentRequest>
{
    public void Configure(EntityTypeBuilder<PaymentRequest> builder)
    {
        builder.MapTenantEntity("payment_requests");
        builder.Property(e => e.ChannelCode).HasColumnName("channel_code");
        builder.HasOne<PaymentChannel>().WithMany().HasForeignKey(e => e.ChannelCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Reference).HasColumnName("reference");
        builder.Property(e => e.ResidentId).HasColumnName("resident_id");
        builder.HasOne<Resident>().WithMany().HasForeignKey(e => new { e.TenantId, e.ResidentId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => new { e.TenantId, e.CampaignId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.ChannelCode, e.Reference, e.ResidentId }).IsUnique();
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.Amount).HasColumnName("amount").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.PaidOn).HasColumnName("paid_on");
        builder.Property(e => e.PaymentId).HasColumnName("payment_id");
        builder.HasOne<Payment>().WithMany().HasForeignKey(e => new { e.TenantId, e.PaymentId }).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Outcome).HasColumnName("outcome");
        builder.Property(e => e.Payable).HasColumnName("payable").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.CoverageStart).HasColumnName("coverage_start");
        builder.Property(e => e.Late).HasColumnName("late");
        builder.Property(e => e.ApiKeyId).HasColumnName("api_key_id");
        builder.Property(e => e.ReceivedAt).HasColumnName("received_at");
    }
}
