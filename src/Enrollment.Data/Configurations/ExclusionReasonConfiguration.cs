using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class ExclusionReasonConfiguration : IEntityTypeConfiguration<ExclusionReason>
{
    public void Configure(EntityTypeBuilder<ExclusionReason> builder)
    {
        builder.ToTable("exclusion_reasons");
        builder.HasKey(e => e.Code);
        builder.Property(e => e.Code).HasColumnName("code");
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.Kind).HasColumnName("kind").AsText();
        builder.Property(e => e.LeavesBase).HasColumnName("leaves_base");
        builder.Property(e => e.DisplayOrder).HasColumnName("display_order");
    }
}
