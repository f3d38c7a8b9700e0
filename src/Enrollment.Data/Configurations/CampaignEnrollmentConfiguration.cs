using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Enrollment.Data.Configurations;

internal sealed class CampaignEnrollmentConfiguration : IEntityTypeConfiguration<CampaignEnrollment>
{
    public void Configure(EntityTypeBuilder<CampaignEnrollment> builder)
    {
        builder.MapTenantEntity("enrollments", tenantForeignKey: false);
        builder.HasRowVersion(e => e.RowVersion);
        builder.Property(e => e.CampaignId).HasColumnName("campaign_id");
        builder.HasOne(e => e.Campaign).WithMany().HasForeignKey(e => new { e.TenantId, e.CampaignId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.ResidentId).HasColumnName("resident_id");
        builder.HasOne(e => e.Resident).WithMany().HasForeignKey(e => new { e.TenantId, e.ResidentId })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.CampaignId, e.ResidentId }).IsUnique();
        builder.Property(e => e.Status).HasColumnName("status").AsText();
        builder.Property(e => e.History).HasColumnName("history").AsText();
        builder.Property(e => e.PaidOn).HasColumnName("paid_on");
        builder.Property(e => e.PaidAmount).HasColumnName("paid_amount").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.GapYears).HasColumnName("gap_years");
        builder.Property(e => e.RegisteredAt).HasColumnName("registered_at");
        builder.Property(e => e.CancelReason).HasColumnName("cancel_reason");
        builder.Property(e => e.RegisteredByUserId).HasColumnName("registered_by_user_id");
        builder.Property(e => e.QuotedAt).HasColumnName("quoted_at");
        builder.Property(e => e.QuotePolicyVersion).HasColumnName("quote_policy_version");
        builder.Property(e => e.QuotePayable).HasColumnName("quote_payable").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.QuoteSubsidy).HasColumnName("quote_subsidy").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.QuoteBasis).HasColumnName("quote_basis");
        builder.Property(e => e.QuoteCountyShare).HasColumnName("quote_county_share").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.QuoteTownshipShare).HasColumnName("quote_township_share").HasColumnType(ConfigurationExtensions.Money);
        builder.Property(e => e.QuoteFunding).HasColumnName("quote_funding");
        builder.Property(e => e.QuoteMode).HasColumnName("quote_mode");
        builder.Property(e => e.QuoteCoverageStart).HasColumnName("quote_coverage_start");
        builder.Property(e => e.QuoteLate).HasColumnName("quote_late");
    }
}
