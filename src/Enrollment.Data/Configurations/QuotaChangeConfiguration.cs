using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class QuotaChangeConfiguration : IEntityTypeConfiguration<QuotaChange>
{
    public void Configure(EntityTypeBuilder<QuotaChange> builder)
    {
        builder.MapTenantEntity("quota_changes");
        builder.Property(e => e.QuotaId).HasColumnName("quota_id");
        builder.Property(e => e.PreviousTarget).HasColumnName("previous_target");
        builder.Property(e => e.NewTarget).HasColumnName("new_target");
        builder.Property(e => e.ChangedByUserId).HasColumnName("changed_by_user_id");
        builder.Property(e => e.ChangedAt).HasColumnName("changed_at");
        builder.Property(e => e.Reason).HasColumnName("reason");
    }
}
