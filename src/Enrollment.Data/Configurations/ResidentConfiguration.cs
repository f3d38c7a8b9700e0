using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> builder)
    {
        builder.MapTenantEntity("residents", tenantForeignKey: false);
        builder.HasRowVersion(e => e.RowVersion);
        builder.Property(e => e.CitizenId).HasColumnName("citizen_id");
        builder.HasIndex(e => new { e.TenantId, e.CitizenId }).IsUnique();
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.Sex).HasColumnName("sex").AsText();
        builder.Property(e => e.BirthDate).HasColumnName("birth_date");
        builder.Property(e => e.Phone).HasColumnName("phone");
        builder.Property(e => e.HouseholdId).HasColumnName("household_id");
        builder.HasOne(e => e.Household).WithMany().HasForeignKey(e => new { e.TenantId, e.HouseholdId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.RelationToHead).HasColumnName("relation_to_head").AsText();
        builder.Property(e => e.VillageId).HasColumnName("village_id");
        builder.HasOne(e => e.Village).WithMany().HasForeignKey(e => new { e.TenantId, e.VillageId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.HukouType).HasColumnName("hukou_type");
        builder.HasOne<HukouType>().WithMany().HasForeignKey(e => e.HukouType).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Status).HasColumnName("status").AsText();
        builder.Property(e => e.StatusChangedOn).HasColumnName("status_changed_on");
        builder.Property(e => e.StatusEvidence).HasColumnName("status_evidence");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
    }
}
