using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.MapTenantEntity("households", tenantForeignKey: false);
        builder.HasRowVersion(e => e.RowVersion);
        builder.Property(e => e.VillageId).HasColumnName("village_id");
        builder.HasOne(e => e.Village).WithMany().HasForeignKey(e => new { e.TenantId, e.VillageId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.HouseholdNumber).HasColumnName("household_number");
        builder.Property(e => e.Address).HasColumnName("address");
        builder.Property(e => e.HeadResidentId).HasColumnName("head_resident_id");
        builder.HasOne<Resident>().WithMany().HasForeignKey(e => new { e.TenantId, e.HeadResidentId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.CreatedAt).HasColumnName("created_at").HasDefaultValueSql("now()");
    }
}
