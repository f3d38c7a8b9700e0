using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class TransferRequestConfiguration : IEntityTypeConfiguration<TransferRequest>
{
    public void Configure(EntityTypeBuilder<TransferRequest> builder)
    {
        builder.MapTenantEntity("transfer_requests");
        builder.HasRowVersion(e => e.RowVersion);
        builder.Property(e => e.ResidentId).HasColumnName("resident_id");
        builder.HasOne<Resident>().WithMany().HasForeignKey(e => new { e.TenantId, e.ResidentId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.ResidentId }).IsUnique().HasFilter("status = 'pending'")
            .HasDatabaseName("transfer_requests_one_pending");
        builder.Property(e => e.FromVillageId).HasColumnName("from_village_id");
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => new { e.TenantId, e.FromVillageId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ToVillageId).HasColumnName("to_village_id");
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => new { e.TenantId, e.ToVillageId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.RequestedByUserId).HasColumnName("requested_by_user_id");
        builder.Property(e => e.RequestedAt).HasColumnName("requested_at");
        builder.Property(e => e.Reason).HasColumnName("reason");
        builder.Property(e => e.Status).HasColumnName("status").AsText();
        builder.Property(e => e.DecidedByUserId).HasColumnName("decided_by_user_id");
        builder.Property(e => e.DecidedAt).HasColumnName("decided_at");
        builder.Property(e => e.DecisionNote).HasColumnName("decision_note");
    }
}
