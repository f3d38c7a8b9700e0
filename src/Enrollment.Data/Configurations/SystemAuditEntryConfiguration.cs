using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class SystemAuditEntryConfiguration : IEntityTypeConfiguration<SystemAuditEntry>
{
    public void Configure(EntityTypeBuilder<SystemAuditEntry> builder)
    {
        builder.ToTable("system_audit_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        builder.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.Property(e => e.ActorUserId).HasColumnName("actor_user_id");
        builder.Property(e => e.Actor).HasColumnName("actor");
        builder.Property(e => e.Entity).HasColumnName("entity");
        builder.Property(e => e.EntityKey).HasColumnName("entity_key").HasColumnType(ConfigurationExtensions.Json);
        builder.Property(e => e.Action).HasColumnName("action").AsText();
        builder.Property(e => e.Before).HasColumnName("before").HasColumnType(ConfigurationExtensions.Json);
        builder.Property(e => e.After).HasColumnName("after").HasColumnType(ConfigurationExtensions.Json);
    }
}
