using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class IdHashEntryConfiguration : IEntityTypeConfiguration<IdHashEntry>
{
    public void Configure(EntityTypeBuilder<IdHashEntry> builder)
    {
        builder.ToTable("id_hash_registry");
        builder.HasKey(e => new { e.IdHash, e.TenantId });
        builder.Property(e => e.IdHash).HasColumnName("id_hash");
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.RegisteredAt).HasColumnName("registered_at").HasDefaultValueSql("now()");
        builder.Property(e => e.ReleasedAt).HasColumnName("released_at");
        builder.HasIndex(e => e.IdHash).IsUnique().HasFilter("released_at IS NULL").HasDatabaseName("id_hash_registry_one_active");
    }
}
