using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.MapTenantEntity("audit_log");
        builder.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        builder.Property(e => e.ActorUserId).HasColumnName("actor_user_id");
        builder.Property(e => e.Actor).HasColumnName("actor");
        builder.Property(e => e.Entity).HasColumnName("entity");
        builder.Property(e => e.EntityKey).HasColumnName("entity_key").HasColumnType(ConfigurationExtensions.Json);
        builder.Property(e => e.Action).HasColumnName("action").AsText();
        builder.Property(e => e.Before).HasColumnName("before").HasColumnType(ConfigurationExtensions.Json);
        builder.Property(e => e.After).HasColumnName("after").HasColumnType(ConfigurationExtensions.Json);
    }
}
