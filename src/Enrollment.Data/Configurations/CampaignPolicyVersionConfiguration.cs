using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class CampaignPolicyVersionConfiguration : IEntityTypeConfiguration<CampaignPolicyVersion>
{
    public void Configure(EntityTypeBuilder<CampaignPolicyVersion> builder)
    {
        builder.MapTenantEntity("campaign_policy_versions");
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.Property(e => e.Version).HasColumnName("version");
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.Version }).IsUnique();
        builder.Property(e => e.Document).HasColumnName("document").HasColumnType(ConfigurationExtensions.Json);
        builder.Property(e => e.CreatedByUserId).HasColumnName("created_by_user_id");
        builder.Property(e => e.CreatedAt).HasColumnName("created_at");
        builder.Property(e => e.Reason).HasColumnName("reason");
    }
}
