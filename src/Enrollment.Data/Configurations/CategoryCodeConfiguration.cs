using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class CategoryCodeConfiguration : IEntityTypeConfiguration<CategoryCode>
{
    public void Configure(EntityTypeBuilder<CategoryCode> builder)
    {
        builder.ToTable("category_codes");
        builder.HasKey(e => e.Code);
        builder.Property(e => e.Code).HasColumnName("code");
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.Department).HasColumnName("department");
        builder.Property(e => e.DisplayOrder).HasColumnName("display_order");
    }
}
