using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> builder)
    {
        builder.MapTenantEntity("jurisdictions");
        builder.Property(e => e.ParentId).HasColumnName("parent_id");
        builder.HasOne<Jurisdiction>().WithMany().HasForeignKey(e => new { e.TenantId, e.ParentId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Level).HasColumnName("level").AsText();
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.AdminCode).HasColumnName("admin_code");
        builder.Property(e => e.DisplayOrder).HasColumnName("display_order");
        builder.Property(e => e.IsPovertyVillage).HasColumnName("is_poverty_village");
        builder.Property(e => e.IsDemo).HasColumnName("is_demo");
        // Computed by a trigger on insert and on a move; EF never writes it and reads it back.
        builder.Property(e => e.Path).HasColumnName("path").ValueGeneratedOnAddOrUpdate();
    }
}
