using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.MapTenantEntity("api_keys");
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.Scopes).HasColumnName("scopes");
        builder.Property(e => e.SecretHash).HasColumnName("secret_hash");
        builder.HasIndex(e => new { e.TenantId, e.SecretHash }).IsUnique();
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Property(e => e.CreatedByUserId).HasColumnName("created_by_user_id");
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(e => e.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.LastUsedAt).HasColumnName("last_used_at");
        builder.Property(e => e.RevokedAt).HasColumnName("revoked_at");
        builder.Property(e => e.RevokedByUserId).HasColumnName("revoked_by_user_id");
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(e => e.RevokedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
