using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("user_accounts");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Login).HasColumnName("login");
        builder.HasIndex(e => e.Login).IsUnique();
        builder.Property(e => e.DisplayName).HasColumnName("display_name");
        builder.Property(e => e.PasswordHash).HasColumnName("password_hash").IsAuditSecret();
        builder.Property(e => e.Role).HasColumnName("role").AsText();
        builder.Property(e => e.JurisdictionId).HasColumnName("jurisdiction_id");
        builder.Property(e => e.IsActive).HasColumnName("is_active");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
        builder.Property(e => e.SecurityStamp).HasColumnName("security_stamp").IsAuditSecret();
        builder.Property(e => e.LockoutEnd).HasColumnName("lockout_end");
        builder.Property(e => e.AccessFailedCount).HasColumnName("access_failed_count");
        builder.Property(e => e.MustChangePassword).HasColumnName("must_change_password");
    }
}
