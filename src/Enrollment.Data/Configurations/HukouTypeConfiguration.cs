using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class HukouTypeConfiguration : IEntityTypeConfiguration<HukouType>
{
    public void Configure(EntityTypeBuilder<HukouType> builder)
    {
        builder.ToTable("hukou_types");
        builder.HasKey(e => e.Code);
        builder.Property(e => e.Code).HasColumnName("code");
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.DisplayOrder).HasColumnName("display_order");
    }
}
