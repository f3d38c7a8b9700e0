using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

/// <summary>Shared mapping for tenant-owned tables: key (tenant_id, id), id an identity, tenant_id → tenants.</summary>
internal static class ConfigurationExtensions
{
    public const string Money = "numeric(12,2)";
    public const string Json = "jsonb";

    /// <param name="tenantForeignKey">
    /// False where a NOT NULL composite key to a parent of the same tenant (village, campaign) already checks the
    /// tenant: the separate key cost bulk writes a check per row for nothing (migration 0019).
    /// </param>
    public static void MapTenantEntity<T>(this EntityTypeBuilder<T> builder, string table, bool tenantForeignKey = true)
        where T : TenantEntity
    {
        builder.ToTable(table);
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.TenantId).HasColumnName("tenant_id");
        builder.Property(e => e.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        if (tenantForeignKey)
        {
            builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        }
    }

    /// <summary>
    /// Maps <c>RowVersion</c> to the system column xmin as a concurrency token (no column to create; the drift
    /// test knows xmin is a system column).
    /// </summary>
    public static void HasRowVersion<T>(this EntityTypeBuilder<T> builder, System.Linq.Expressions.Expression<Func<T, uint>> property)
        where T : class =>
        builder.Property(property).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();

    /// <summary>Stores the enum as snake_case text (see <see cref="EnumText{TEnum}"/>).</summary>
    public static PropertyBuilder<TEnum> AsText<TEnum>(this PropertyBuilder<TEnum> property)
        where TEnum : struct, Enum =>
        property.HasConversion(EnumText<TEnum>.Converter).HasColumnType("text");

    public static PropertyBuilder<TEnum?> AsText<TEnum>(this PropertyBuilder<TEnum?> property)
        where TEnum : struct, Enum =>
        property.HasConversion(EnumText<TEnum>.Converter).HasColumnType("text");

    /// <summary>Annotation marking a column whose value the audit log must never copy (password hashes, stamps).</summary>
    public const string AuditSecretAnnotation = "Enrollment:AuditSecret";

    /// <summary>The audit log records that this column changed, never its value.</summary>
    public static PropertyBuilder<T> IsAuditSecret<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(AuditSecretAnnotation, true);
}
