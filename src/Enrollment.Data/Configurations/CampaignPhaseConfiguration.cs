using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class CampaignPhaseConfiguration : IEntityTypeConfiguration<CampaignPhase>
{
    public void Configure(EntityTypeBuilder<CampaignPhase> builder)
    {
        builder.MapTenantEntity("campaign_phases");
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.Property(e => e.Ordinal).HasColumnName("ordinal");
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.Ordinal }).IsUnique();
        builder.Property(e => e.Name).HasColumnName("name");
        builder.Property(e => e.StartsOn).HasColumnName("starts_on");
        builder.Property(e => e.EndsOn).HasColumnName("ends_on");
    }
}
